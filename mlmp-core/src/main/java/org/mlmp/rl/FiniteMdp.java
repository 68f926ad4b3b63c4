package org.mlmp.rl;

/**
 * A finite, deterministic Markov decision process given as tables, so that it can be solved exactly
 * ({@link ValueIteration}): states 0 … S−1, actions 0 … A−1, s' = next(s, a), reward R(s') received on
 * arrival, and terminal states that end an episode.
 */
public interface FiniteMdp {
  int stateCount();

  int actionCount();

  /** The state reached from s by action a. */
  int next(int state, int action);

  /** The reward for taking a in s (arriving in next(s, a)). */
  double reward(int state, int action);

  /** Whether s ends an episode (its value is 0). */
  boolean isTerminal(int state);
}
