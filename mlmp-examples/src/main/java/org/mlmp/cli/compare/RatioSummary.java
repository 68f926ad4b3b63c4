package org.mlmp.cli.compare;

import java.util.Arrays;

/**
 * The ratios mlmp ÷ peer of one row's interleaved rounds (mlmp, peer, mlmp, peer, …): round r pairs mlmp's
 * r-th measurement with the peer's r-th, and its ratio is the speed-up {@code mlmp_r / peer_r} for rates,
 * {@code peer_r / mlmp_r} for times (> 1: mlmp faster). Rounds in which either side has no finite positive
 * value (a failed run) are left out; {@link #rounds()} counts the rounds used.
 *
 * <p>Reading against a goal g: the row meets it when the whole min–max range is at or above g (then so is
 * the median), misses it when the range is below g, and is undecided when the range straddles g — the median
 * then says which way it leans, but the rounds disagree.
 *
 * @param median median of the per-round ratios (mean of the middle two for an even count); NaN if no round
 * @param min smallest per-round ratio; NaN if no round
 * @param max largest per-round ratio; NaN if no round
 * @param rounds number of rounds with both values present
 */
public record RatioSummary(double median, double min, double max, int rounds) {
  /** How a row reads against its goal. */
  public enum Verdict {
    /** every round's ratio is at or above the goal */
    MET,
    /** every round's ratio is below the goal */
    NOT_MET,
    /** the rounds' min–max range straddles the goal */
    UNDECIDED,
    /** no round measured both sides */
    NO_DATA;

    /** Lower case with a space, as printed in the tables. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  public RatioSummary {
    if (rounds < 0) throw new IllegalArgumentException("RatioSummary.rounds must be >= 0. Got " + rounds + " instead.");
    if (rounds > 0 && !(min <= median && median <= max)) {
      throw new IllegalArgumentException("RatioSummary needs min <= median <= max. Got min " + min + ", median " + median
          + ", max " + max + " instead.");
    }
  }

  /**
   * The summary of interleaved rounds.
   *
   * @param mlmp mlmp's value in each round
   * @param peer the peer's value in the same rounds (same length)
   * @param higherIsBetter true for rates (img/s, GFLOP/s), false for times (s)
   */
  public static RatioSummary of(double[] mlmp, double[] peer, boolean higherIsBetter) {
    if (mlmp.length != peer.length) {
      throw new IllegalArgumentException("RatioSummary.of needs one peer value per mlmp round: got " + mlmp.length
          + " mlmp rounds and " + peer.length + " peer rounds; interleave them (mlmp, peer, mlmp, peer, ...).");
    }
    double[] r = new double[mlmp.length];
    int n = 0;
    for (int i = 0; i < mlmp.length; i++) {
      if (usable(mlmp[i]) && usable(peer[i])) r[n++] = higherIsBetter ? mlmp[i] / peer[i] : peer[i] / mlmp[i];
    }
    if (n == 0) return new RatioSummary(Double.NaN, Double.NaN, Double.NaN, 0);
    double[] s = Arrays.copyOf(r, n);
    return new RatioSummary(median(s), s[0], s[n - 1], n);
  }

  /** The median of {@code values} (NaN and non-positive values ignored; NaN if none is left). */
  public static double medianOf(double[] values) {
    double[] s = Arrays.stream(values).filter(RatioSummary::usable).toArray();
    return s.length == 0 ? Double.NaN : median(s);
  }

  /** How this row reads against {@code goal} (a speed-up, e.g. 1.25). */
  public Verdict against(double goal) {
    if (!(goal > 0)) {
      throw new IllegalArgumentException("The goal of a compare row must be a speed-up > 0. Got " + goal + " instead.");
    }
    if (rounds == 0) return Verdict.NO_DATA;
    if (min >= goal) return Verdict.MET;
    if (max < goal) return Verdict.NOT_MET;
    return Verdict.UNDECIDED;
  }

  /** {@code 1.23× [1.10–1.31]}, or "–" without data. */
  public String text() {
    if (rounds == 0) return "–";
    return String.format(java.util.Locale.ROOT, "%.2f× [%.2f–%.2f]", median, min, max);
  }

  private static boolean usable(double v) {
    return v > 0 && Double.isFinite(v);
  }

  /** Median of a non-empty array; sorts it. */
  private static double median(double[] s) {
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
