package org.mlmp.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One episode: states s_0 … s_{T−1}, the actions a_0 … a_{T−1} taken in them and the rewards
 * r_1 … r_T that followed, with the discounted returns
 *
 * <pre>
 *   G_n = Σ_{k≥0} γ^k r_{n+1+k} = r_{n+1} + γ G_{n+1},   G_T = 0.
 * </pre>
 *
 * @param states s_n, one array per step (length T)
 * @param actions a_n (length T)
 * @param rewards r_{n+1} (length T)
 * @param terminated whether the episode reached a terminal state (false: cut at the step limit)
 */
public record Episode(List<double[]> states, int[] actions, double[] rewards, boolean terminated) {
  /**
   * Checks the lengths and copies the arrays.
   *
   * @param states s_n, one array per step (length T)
   * @param actions a_n (length T)
   * @param rewards r_{n+1} (length T)
   * @param terminated whether the episode reached a terminal state (false: cut at the step limit)
   * @throws IllegalArgumentException when states, actions and rewards have different lengths
   */
  public Episode {
    if (states.size() != actions.length || actions.length != rewards.length) {
      throw new IllegalArgumentException("An episode needs as many states as actions and rewards. Got "
          + states.size() + ", " + actions.length + " and " + rewards.length + ".");
    }
    states = states.stream().map(double[]::clone).toList();
    actions = actions.clone();
    rewards = rewards.clone();
  }

  /**
   * Plays one episode.
   *
   * @param env the environment (reset first)
   * @param policy the agent's policy; actions are drawn from it with {@code rng}
   * @param rng source of randomness for the start state and the actions
   * @param maxSteps step limit ≥ 1 (the episode is cut there)
   * @return the episode played
   * @throws IllegalArgumentException when {@code maxSteps < 1}
   */
  public static Episode play(Environment env, Policy policy, Random rng, int maxSteps) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("The 'maxSteps' parameter of Episode.play must be >= 1. Got " + maxSteps
          + " instead.");
    }
    List<double[]> states = new ArrayList<>();
    List<Integer> actions = new ArrayList<>();
    List<Double> rewards = new ArrayList<>();
    double[] s = env.reset(rng);
    boolean done = false;
    while (!done && states.size() < maxSteps) {
      int a = policy.sample(s, rng);
      Environment.Transition t = env.step(a);
      states.add(s);
      actions.add(a);
      rewards.add(t.reward());
      s = t.state();
      done = t.done();
    }
    return new Episode(states, actions.stream().mapToInt(Integer::intValue).toArray(),
        rewards.stream().mapToDouble(Double::doubleValue).toArray(), done);
  }

  /**
   * Number of steps.
   *
   * @return T
   */
  public int length() {
    return actions.length;
  }

  /**
   * The states s_0 … s_{T−1}.
   *
   * @return copies of the state vectors
   */
  @Override
  public List<double[]> states() {
    return states.stream().map(double[]::clone).toList();
  }

  /**
   * The actions a_0 … a_{T−1}.
   *
   * @return a copy
   */
  @Override
  public int[] actions() {
    return actions.clone();
  }

  /**
   * The rewards r_1 … r_T.
   *
   * @return a copy
   */
  @Override
  public double[] rewards() {
    return rewards.clone();
  }

  /**
   * The undiscounted total reward.
   *
   * @return Σ_n r_{n+1}
   */
  public double totalReward() {
    double s = 0;
    for (double r : rewards) s += r;
    return s;
  }

  /**
   * The discounted returns G_0 … G_{T−1}.
   *
   * @param gamma discount factor γ in [0, 1]
   * @return G_n for n = 0 … T−1
   * @throws IllegalArgumentException when γ is outside [0, 1]
   */
  public double[] returns(double gamma) {
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("The discount factor 'gamma' must be in the range [0, 1]. Got " + gamma
          + " instead.");
    }
    double[] g = new double[rewards.length];
    double next = 0;
    for (int n = rewards.length - 1; n >= 0; n--) {
      next = rewards[n] + gamma * next;
      g[n] = next;
    }
    return g;
  }
}
