package org.mlmp.rl;

/**
 * Solves a {@link FiniteMdp} exactly by value iteration (Bellman 1957; Sutton and Barto,
 * <i>Reinforcement Learning</i>, 2nd ed. 2018, §4.4): iterate
 *
 * <pre>
 *   V(s) ← max_a [ R(s, a) + γ V(next(s, a)) ],   V(terminal) = 0,
 * </pre>
 *
 * until the largest change is below a tolerance. The optimal actions in s are those attaining the
 * maximum (within 1e-9). Converges for γ &lt; 1, and for γ = 1 when every policy that can loop forever
 * collects negative reward (as in a grid world with a cost per step).
 */
public final class ValueIteration {
  private ValueIteration() {}

  /**
   * The optimal value function and the optimal actions.
   *
   * @param values V*(s)
   * @param optimal optimal[s][a] = whether a is optimal in s (all false in terminal states)
   * @param sweeps number of sweeps done
   */
  public record Solution(double[] values, boolean[][] optimal, int sweeps) {}

  /**
   * @param mdp the process
   * @param gamma discount γ in [0, 1]
   * @param tolerance stop when max_s |ΔV(s)| &lt; tolerance (&gt; 0)
   * @param maxSweeps sweep limit; an {@link IllegalStateException} if it is reached
   * @return V*, the optimal actions and the sweeps done
   * @throws IllegalArgumentException when γ is outside [0, 1] or the tolerance is not positive
   * @throws IllegalStateException when {@code maxSweeps} is reached before convergence
   */
  public static Solution solve(FiniteMdp mdp, double gamma, double tolerance, int maxSweeps) {
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("The discount factor 'gamma' must be in the range [0, 1]. Got " + gamma
          + " instead.");
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("The 'tolerance' must be > 0. Got " + tolerance + " instead.");
    }
    int s = mdp.stateCount(), a = mdp.actionCount();
    double[] v = new double[s];
    int sweep = 0;
    double delta;
    do {
      if (++sweep > maxSweeps) {
        throw new IllegalStateException("Value iteration did not converge in " + maxSweeps + " sweeps (gamma = " + gamma
            + "); with gamma = 1 some policy may loop forever without cost. Use gamma < 1.");
      }
      delta = 0;
      for (int i = 0; i < s; i++) {
        if (mdp.isTerminal(i)) continue;
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < a; j++) best = Math.max(best, mdp.reward(i, j) + gamma * v[mdp.next(i, j)]);
        delta = Math.max(delta, Math.abs(best - v[i]));
        v[i] = best;
      }
    } while (delta >= tolerance);
    boolean[][] opt = new boolean[s][a];
    for (int i = 0; i < s; i++) {
      if (mdp.isTerminal(i)) continue;
      double best = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < a; j++) best = Math.max(best, mdp.reward(i, j) + gamma * v[mdp.next(i, j)]);
      for (int j = 0; j < a; j++) opt[i][j] = mdp.reward(i, j) + gamma * v[mdp.next(i, j)] >= best - 1e-9;
    }
    return new Solution(v, opt, sweep);
  }
}
