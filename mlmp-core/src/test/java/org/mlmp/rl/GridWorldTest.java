package org.mlmp.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GridWorldTest {
  //  0  1  2  3
  //  4  #  6  7
  //  8  #  #  11
  // 12 13 14  G
  @Test
  void valueIterationGivesMinusTheShortestPathLength() {
    GridWorld g = GridWorld.small();
    ValueIteration.Solution s = ValueIteration.solve(g, 1.0, 1e-12, 1000);
    double[] expected = {-6, -5, -4, -3, -5, 0, -3, -2, -4, 0, 0, -1, -3, -2, -1, 0};
    assertArrayEquals(expected, s.values(), 1e-12);
    // from 0 both right (via the top) and down (via the left column) are shortest: 6 steps each way
    assertTrue(s.optimal()[0][1] && s.optimal()[0][2]);
    assertFalse(s.optimal()[0][0] || s.optimal()[0][3]);
    assertTrue(s.optimal()[4][2] && !s.optimal()[4][0], "from 4: down (5 steps), not up (7)");
    assertTrue(s.optimal()[14][1] && !s.optimal()[14][0]);
  }

  @Test
  void discountedValuesFollowTheGeometricSeries() {
    ValueIteration.Solution s = ValueIteration.solve(GridWorld.small(), 0.9, 1e-13, 1000);
    // V = −(1 + γ + … + γ^{d−1}) = −(1 − γ^d)/(1 − γ) for distance d
    assertEquals(-(1 - Math.pow(0.9, 6)) / 0.1, s.values()[0], 1e-11);
    assertEquals(-1.0, s.values()[14], 1e-12);
  }

  @Test
  void movesAndWallsBehaveAsDocumented() {
    GridWorld g = GridWorld.small();
    assertEquals(0, g.next(0, 0), "up from the top row stays");
    assertEquals(4, g.next(4, 1), "right into the wall at 5 stays");
    assertEquals(8, g.next(4, 2));
    g.resetTo(14);
    Environment.Transition t = g.step(1);
    assertTrue(t.done());
    assertEquals(-1.0, t.reward());
    assertArrayEquals(g.encode(15), t.state());
    assertEquals("GridWorld actions are 0 (up), 1 (right), 2 (down), 3 (left). Got 4.",
        assertThrows(IllegalArgumentException.class, () -> g.next(0, 4)).getMessage());
  }

  @Test
  void returnsAreDiscountedSums() {
    Episode e = new Episode(java.util.List.of(new double[] {0}, new double[] {1}, new double[] {2}), new int[] {0, 1, 0},
        new double[] {1, 0, 2}, true);
    assertArrayEquals(new double[] {1 + 0.5 * 0 + 0.25 * 2, 0 + 0.5 * 2, 2}, e.returns(0.5), 1e-15);
    assertArrayEquals(new double[] {3, 2, 2}, e.returns(1.0), 1e-15);
    assertEquals(3.0, e.totalReward());
    assertEquals("The discount factor 'gamma' must be in the range [0, 1]. Got 1.5 instead.",
        assertThrows(IllegalArgumentException.class, () -> e.returns(1.5)).getMessage());
  }

  @Test
  void playingFollowsThePolicyAndStopsAtTheGoalOrTheLimit() {
    GridWorld g = GridWorld.small();
    Policy alwaysRight = s -> new double[] {0, 1, 0, 0};
    Episode e = Episode.play(g, alwaysRight, new Random(1), 20);
    for (int a : e.actions()) assertEquals(1, a);
    assertTrue(e.length() <= 20);
    Policy up = s -> new double[] {1, 0, 0, 0};
    Episode stuck = Episode.play(g, up, new Random(1), 7);
    assertEquals(7, stuck.length());
    assertFalse(stuck.terminated());
  }
}
