package org.mlmp.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mlmp.cli.compare.RatioSummary.Verdict;

class RatioSummaryTest {
  /** Rates: round r's ratio is mlmp_r / peer_r; hand-computed 2, 1.5, 1, 1.2, 1.25 → median 1.25, min 1, max 2. */
  @Test
  void medianAndRangeOfThePerRoundRatiosOfRates() {
    RatioSummary s = RatioSummary.of(new double[] {200, 150, 100, 120, 125}, new double[] {100, 100, 100, 100, 100}, true);
    assertEquals(new RatioSummary(1.25, 1.0, 2.0, 5), s);
    assertEquals("1.25× [1.00–2.00]", s.text());
  }

  /** Times: the ratio is peer_r / mlmp_r (> 1: mlmp faster); an even count takes the mean of the middle two. */
  @Test
  void timesAreInvertedAndEvenCountsAverageTheMiddle() {
    RatioSummary s = RatioSummary.of(new double[] {1, 2, 4, 1}, new double[] {2, 2, 2, 3}, false);
    // ratios 2, 1, 0.5, 3 → sorted 0.5, 1, 2, 3 → median 1.5
    assertEquals(new RatioSummary(1.5, 0.5, 3.0, 4), s);
  }

  /** The median of the ratios is not the ratio of the medians: a round is a pair. */
  @Test
  void pairsRoundsInsteadOfDividingMedians() {
    double[] mlmp = {100, 300, 200}, peer = {50, 300, 400};
    assertEquals(1.0, RatioSummary.of(mlmp, peer, true).median(), 0);
    assertEquals(200.0 / 300.0, RatioSummary.medianOf(mlmp) / RatioSummary.medianOf(peer), 1e-15);
  }

  @Test
  void failedRoundsAreLeftOut() {
    RatioSummary s = RatioSummary.of(new double[] {100, 100, 100}, new double[] {Double.NaN, 50, 80}, true);
    assertEquals(2, s.rounds());
    assertEquals(1.25, s.min(), 0);
    assertEquals(2.0, s.max(), 0);
    RatioSummary none = RatioSummary.of(new double[] {100}, new double[] {Double.NaN}, true);
    assertEquals(0, none.rounds());
    assertEquals(Verdict.NO_DATA, none.against(1.25));
    assertEquals("–", none.text());
  }

  @Test
  void metWhenTheWholeRangeIsAtOrAboveTheGoal() {
    assertEquals(Verdict.MET, new RatioSummary(1.4, 1.25, 1.6, 5).against(1.25));
    assertEquals(Verdict.NOT_MET, new RatioSummary(1.1, 1.0, 1.24, 5).against(1.25));
  }

  /** A median above the goal with a round below it is undecided, and so is a median below with a round above. */
  @Test
  void undecidedWhenTheRangeStraddlesTheGoal() {
    assertEquals(Verdict.UNDECIDED, new RatioSummary(1.3, 1.2, 1.4, 5).against(1.25));
    assertEquals(Verdict.UNDECIDED, new RatioSummary(1.2, 1.1, 1.3, 5).against(1.25));
    assertEquals(Verdict.UNDECIDED, new RatioSummary(1.0, 0.9, 1.25, 5).against(1.25));
  }

  @Test
  void namesWhatIsWrong() {
    assertEquals("RatioSummary.of needs one peer value per mlmp round: got 2 mlmp rounds and 1 peer rounds; interleave"
        + " them (mlmp, peer, mlmp, peer, ...).", assertThrows(IllegalArgumentException.class,
            () -> RatioSummary.of(new double[] {1, 2}, new double[] {1}, true)).getMessage());
    assertEquals("The goal of a compare row must be a speed-up > 0. Got -1.0 instead.",
        assertThrows(IllegalArgumentException.class, () -> new RatioSummary(1, 1, 1, 1).against(-1)).getMessage());
    assertEquals("RatioSummary needs min <= median <= max. Got min 2.0, median 1.0, max 3.0 instead.",
        assertThrows(IllegalArgumentException.class, () -> new RatioSummary(1, 2, 3, 3)).getMessage());
  }
}
