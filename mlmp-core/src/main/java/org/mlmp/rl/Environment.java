package org.mlmp.rl;

import java.util.Random;

/**
 * The world an agent acts in, in the course's vocabulary: at step n the environment is in state s_n
 * (observed as a vector of numbers), the agent picks an action a_n ∈ {0, …, A−1} with its policy
 * P(s_n) → a_n, and the environment moves to s_{n+1} and pays the reward R(s_{n+1}) for arriving
 * there. An episode runs from {@link #reset} until a terminal state (or a step limit).
 *
 * <p>Environments are simulations with mutable state: one instance per running episode, not shared
 * between threads.
 */
public interface Environment {
  /**
   * Length of the state vector s_n.
   *
   * @return the number of inputs a policy network needs
   */
  int stateSize();

  /**
   * Number of actions A.
   *
   * @return A; actions are 0 … A−1
   */
  int actionCount();

  /**
   * Starts an episode.
   *
   * @param rng source of any randomness in the initial state
   * @return s_0 (a fresh array)
   */
  double[] reset(Random rng);

  /**
   * Applies action a_n.
   *
   * @param action in [0, actionCount())
   * @return s_{n+1}, the reward received and whether s_{n+1} is terminal
   */
  Transition step(int action);

  /**
   * The outcome of one step.
   *
   * @param state s_{n+1} (a fresh array)
   * @param reward r_{n+1} = R(s_{n+1})
   * @param done whether s_{n+1} is terminal (the episode ends)
   */
  record Transition(double[] state, double reward, boolean done) {}
}
