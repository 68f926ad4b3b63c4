package org.mlmp.rl;

import java.util.Random;

/**
 * A stochastic policy π(a | s): the probability of each action in state s. The agent's choice
 * P(s_n) → a_n is a draw from it ({@link #sample}); {@link #greedy} picks the most probable action.
 */
public interface Policy {
  /**
   * @param state s {@code [stateSize]}
   * @return π(a | s) for a = 0 … A−1, non-negative, summing to 1
   */
  double[] probabilities(double[] state);

  /**
   * Draws a ~ π(· | s).
   *
   * @param state s
   * @param rng the source of the draw
   * @return the action drawn
   */
  default int sample(double[] state, Random rng) {
    double[] p = probabilities(state);
    double u = rng.nextDouble(), acc = 0;
    for (int a = 0; a < p.length - 1; a++) {
      acc += p[a];
      if (u < acc) return a;
    }
    return p.length - 1;
  }

  /**
   * The most probable action, argmax_a π(a | s) (ties: the lowest a).
   *
   * @param state s
   * @return that action
   */
  default int greedy(double[] state) {
    double[] p = probabilities(state);
    int best = 0;
    for (int a = 1; a < p.length; a++) if (p[a] > p[best]) best = a;
    return best;
  }
}
