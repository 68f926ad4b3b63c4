package org.mlmp.rl;

/**
 * A finite, deterministic Markov decision process given as tables, so that it can be solved exactly
 * ({@link ValueIteration}): states 0 … S−1, actions 0 … A−1, s' = next(s, a), reward R(s') received on
 * arrival, and terminal states that end an episode.
 */
public interface FiniteMdp {
  /**
   * The number of states.
   *
   * @return S; states are 0 … S−1
   */
  int stateCount();

  /**
   * The number of actions.
   *
   * @return A; actions are 0 … A−1
   */
  int actionCount();

  /**
   * The state reached from s by action a.
   *
   * @param state s
   * @param action a
   * @return s' = next(s, a)
   */
  int next(int state, int action);

  /**
   * The reward for taking a in s (arriving in next(s, a)).
   *
   * @param state s
   * @param action a
   * @return R(next(s, a))
   */
  double reward(int state, int action);

  /**
   * Whether s ends an episode (its value is 0).
   *
   * @param state s
   * @return true for a terminal state
   */
  boolean isTerminal(int state);
}
