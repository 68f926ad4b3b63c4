package org.mlmp.rl;

import org.mlmp.api.Checks;
import org.mlmp.api.Matrices;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.mlmp.cluster.Distances;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * REINFORCE, the Monte Carlo policy gradient (Williams 1992, Machine Learning 8, 229; Sutton and Barto
 * §13.3–13.4), with a neural-network policy π_w(a | s) built from {@link org.mlmp.nn}. Each update plays
 * a batch of episodes with the current policy and climbs
 *
 * <pre>
 *   ∇_w J ≈ (1/B) Σ_episodes Σ_n (G_n − b) ∇_w log π_w(a_n | s_n),
 * </pre>
 *
 * with G_n the discounted return from step n and b the baseline: the mean of all G_n of the batch when
 * {@code baseline} is on (it leaves the gradient unbiased and lowers its variance), 0 otherwise. B is the
 * number of transitions in the batch rounded up to a multiple of 256 (at most episodesPerBatch ×
 * maxSteps). The step is taken by the {@link Optimizer} (Adam's α is
 * the course's learning rate). For a softmax output with logits z, ∂(−log π(a|s))/∂z = π − e_a, so the
 * update is one back-propagation of the cross-entropy loss with targets y = π − (G − b)(π − e_a).
 *
 * <p>The network must take the state vector ({@link Environment#stateSize()} inputs) and end in
 * {@code Dense(actionCount, SOFTMAX)} with {@link Loss#CROSS_ENTROPY}.
 *
 * @param network the policy network
 * @param optimizer the gradient step (e.g. {@code Optimizer.Adam.of(0.01)})
 * @param gamma discount factor γ in [0, 1]
 * @param episodesPerBatch episodes per update ≥ 1
 * @param batches number of updates ≥ 1
 * @param maxSteps step limit per episode ≥ 1
 * @param baseline whether to subtract the batch-mean return b
 * @param seed seed of the initial weights, start states and action draws
 */
public record Reinforce(Network network, Optimizer optimizer, double gamma, int episodesPerBatch, int batches,
    int maxSteps, boolean baseline, long seed) {
  /**
   * Validates the components.
   *
   * @param network the policy network
   * @param optimizer the gradient step (e.g. {@code Optimizer.Adam.of(0.01)})
   * @param gamma discount factor γ in [0, 1]
   * @param episodesPerBatch episodes per update ≥ 1
   * @param batches number of updates ≥ 1
   * @param maxSteps step limit per episode ≥ 1
   * @param baseline whether to subtract the batch-mean return b
   * @param seed seed of the initial weights, start states and action draws
   * @throws IllegalArgumentException when network or optimizer is null, the network does not end in a SOFTMAX
   *     layer with CROSS_ENTROPY, γ is outside [0, 1], or episodesPerBatch, batches or maxSteps is below 1
   */
  public Reinforce {
    if (network == null) throw new IllegalArgumentException("The 'network' parameter of Reinforce is null.");
    if (optimizer == null) throw new IllegalArgumentException("The 'optimizer' parameter of Reinforce is null.");
    if (network.loss() != Loss.CROSS_ENTROPY || network.outputLayer().activation() != Activation.SOFTMAX) {
      throw new IllegalArgumentException("The policy network of Reinforce must end in Dense(actions, SOFTMAX) with "
          + "Loss.CROSS_ENTROPY (π(a|s) is a softmax over the actions). Got " + network.outputLayer().describe()
          + " with " + network.loss() + ".");
    }
    Checks.inRange("gamma", "Reinforce", gamma, 0, true, 1, true);
    if (episodesPerBatch < 1) {
      throw new IllegalArgumentException("The 'episodesPerBatch' parameter of Reinforce must be an int >= 1. Got "
          + episodesPerBatch + " instead.");
    }
    if (batches < 1) {
      throw new IllegalArgumentException("The 'batches' parameter of Reinforce must be an int >= 1. Got " + batches
          + " instead.");
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("The 'maxSteps' parameter of Reinforce must be an int >= 1. Got " + maxSteps
          + " instead.");
    }
  }

  /**
   * The trained policy and its learning curve.
   *
   * @param policy the final policy
   * @param meanReward the mean total (undiscounted) reward of the episodes of each batch, in order
   */
  public record Result(NetworkPolicy policy, double[] meanReward) {}

  /**
   * Trains on environments made by {@code environments} (one per episode of a batch: the batch's
   * episodes are played in lockstep, their states evaluated by the network in one forward pass per
   * step). Deterministic for a given seed (CPU, fixed thread count).
   *
   * @param environments makes a fresh environment, one per episode of a batch
   * @return the trained policy and the mean reward of every batch
   * @throws IllegalArgumentException when the network does not fit the environment's state size and actions
   */
  public Result fit(Supplier<? extends Environment> environments) {
    return fit(environments, null, (b, r) -> { });
  }

  /** Called after each batch with its index (0-based) and the mean total reward of its episodes. */
  @FunctionalInterface
  public interface BatchListener {
    /**
     * Reports one finished batch.
     *
     * @param batch the batch index, 0-based
     * @param meanReward the mean total reward of its episodes
     */
    void batchDone(int batch, double meanReward);
  }

  /**
   * As {@link #fit(Supplier)}, starting from the parameters of {@code start} (null: fresh weights from
   * the seed) and reporting every batch to {@code listener}.
   *
   * @param environments makes a fresh environment, one per episode of a batch
   * @param start the policy to continue from (same network), or null
   * @param listener receives every batch's mean reward
   * @return the trained policy and the mean reward of every batch
   * @throws IllegalArgumentException when {@code start} has another network, or the network does not fit the
   *     environment
   */
  public Result fit(Supplier<? extends Environment> environments, NetworkPolicy start, BatchListener listener) {
    if (start != null && !start.network().equals(network)) {
      throw new IllegalArgumentException("The starting policy has another network (" + org.mlmp.io.ConfigJson.write(start.network())
          + ") than this Reinforce (" + org.mlmp.io.ConfigJson.write(network) + ").");
    }
    Environment[] envs = new Environment[episodesPerBatch];
    for (int e = 0; e < episodesPerBatch; e++) envs[e] = environments.get();
    Environment env = envs[0];
    int n = network.input().size(), actions = network.outputLayer().units();
    if (n != env.stateSize() || actions != env.actionCount()) {
      throw new IllegalArgumentException("The policy network maps " + n + " inputs to " + actions
          + " actions, but the environment has states of size " + env.stateSize() + " and " + env.actionCount()
          + " actions.");
    }
    TrainingSession session = TrainingSession.of(network, optimizer, seed, DataType.DOUBLE);
    if (start != null) session.setParameters(Nd4j.createFromArray(start.parameters()));
    int capacity = episodesPerBatch * maxSteps;
    Random rng = new Random(seed);
    double[] curve = new double[batches];
    for (int b = 0; b < batches; b++) {
      double[] current = DenseForward.supports(network) ? session.parameters().toDoubleVector() : null;
      List<Episode> episodes = playInLockstep(envs, session, current, n, actions, rng);
      double total = 0;
      for (Episode ep : episodes) total += ep.totalReward();
      curve[b] = total / episodesPerBatch;
      listener.batchDone(b, curve[b]);
      int used = 0;
      for (Episode ep : episodes) used += ep.length();
      // the update runs on a batch of the transitions rounded up to a multiple of 256 (the engine keeps its
      // buffers per batch size); padding rows get no gradient
      int size = Math.min(capacity, (used + 255) / 256 * 256);
      double[][] in = new double[size][n];
      int[] taken = new int[size];
      double[] advantage = new double[size];
      int rows = 0;
      for (Episode ep : episodes) {
        double[] g = ep.returns(gamma);
        List<double[]> states = ep.states();
        int[] a = ep.actions();
        for (int t = 0; t < g.length; t++, rows++) {
          in[rows] = states.get(t);
          taken[rows] = a[t];
          advantage[rows] = g[t];
        }
      }
      if (baseline) {
        double mean = 0;
        for (int r = 0; r < rows; r++) mean += advantage[r] / rows;
        for (int r = 0; r < rows; r++) advantage[r] -= mean;
      }
      int filled = rows;
      session.step(Matrices.fromRows(in), out -> {
        double[][] pi = Matrices.rows(out);
        for (int r = 0; r < size; r++) { // padding rows (r ≥ filled) get y = π: no gradient
          if (r >= filled) continue;
          for (int k = 0; k < actions; k++) {
            double e = k == taken[r] ? 1 : 0;
            pi[r][k] -= advantage[r] * (pi[r][k] - e);
          }
        }
        return Matrices.fromRows(pi);
      }, optimizer.learningRate(), seed + b);
    }
    return new Result(new NetworkPolicy(this, session.parameters().toDoubleVector()), curve);
  }

  /** One episode per environment, actions drawn from the current network, all states of a step in one pass. */
  private List<Episode> playInLockstep(Environment[] envs, TrainingSession act, double[] params, int n, int actions,
      Random rng) {
    int m = envs.length;
    double[][] state = new double[m][];
    boolean[] alive = new boolean[m];
    List<List<double[]>> states = new ArrayList<>();
    List<List<Integer>> taken = new ArrayList<>();
    List<List<Double>> rewards = new ArrayList<>();
    for (int e = 0; e < m; e++) {
      state[e] = envs[e].reset(rng);
      alive[e] = true;
      states.add(new ArrayList<>());
      taken.add(new ArrayList<>());
      rewards.add(new ArrayList<>());
    }
    double[] flat = new double[m * n];
    for (int step = 0; step < maxSteps; step++) {
      boolean any = false;
      java.util.Arrays.fill(flat, 0);
      for (int e = 0; e < m; e++) {
        if (!alive[e]) continue;
        any = true;
        System.arraycopy(state[e], 0, flat, e * n, n);
      }
      if (!any) break;
      double[] p;
      if (params != null) { // Dense-only network: plain Java (same numbers, no per-op overhead)
        double[][] rowsIn = new double[m][];
        for (int e = 0; e < m; e++) rowsIn[e] = alive[e] ? state[e] : new double[n];
        double[][] out = DenseForward.apply(network, params, rowsIn);
        p = new double[m * actions];
        for (int e = 0; e < m; e++) System.arraycopy(out[e], 0, p, e * actions, actions);
      } else {
        p = act.output(Nd4j.createFromArray(flat).reshape(m, n)).data().asDouble();
      }
      for (int e = 0; e < m; e++) {
        if (!alive[e]) continue;
        double u = rng.nextDouble(), acc = 0;
        int a = actions - 1;
        for (int k = 0; k < actions - 1; k++) {
          acc += p[e * actions + k];
          if (u < acc) {
            a = k;
            break;
          }
        }
        Environment.Transition t = envs[e].step(a);
        states.get(e).add(state[e]);
        taken.get(e).add(a);
        rewards.get(e).add(t.reward());
        state[e] = t.state();
        alive[e] = !t.done();
      }
    }
    List<Episode> out = new ArrayList<>();
    for (int e = 0; e < m; e++) {
      out.add(new Episode(states.get(e), taken.get(e).stream().mapToInt(Integer::intValue).toArray(),
          rewards.get(e).stream().mapToDouble(Double::doubleValue).toArray(), !alive[e]));
    }
    return out;
  }

  /**
   * REINFORCE with γ = 0.99, 8 episodes per batch, 100 batches, 200 steps per episode at most, the batch-mean
   * baseline and seed 0.
   *
   * @param network the policy network
   * @param optimizer the gradient step
   * @return the configuration
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static Reinforce of(Network network, Optimizer optimizer) {
    return new Reinforce(network, optimizer, 0.99, 8, 100, 200, true, 0);
  }

  /**
   * This configuration with another discount factor.
   *
   * @param g γ in [0, 1]
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public Reinforce withGamma(double g) {
    return new Reinforce(network, optimizer, g, episodesPerBatch, batches, maxSteps, baseline, seed);
  }

  /**
   * This configuration with another number of episodes per update.
   *
   * @param e episodes per update ≥ 1
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public Reinforce withEpisodesPerBatch(int e) {
    return new Reinforce(network, optimizer, gamma, e, batches, maxSteps, baseline, seed);
  }

  /**
   * This configuration with another number of updates.
   *
   * @param b number of updates ≥ 1
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public Reinforce withBatches(int b) {
    return new Reinforce(network, optimizer, gamma, episodesPerBatch, b, maxSteps, baseline, seed);
  }

  /**
   * This configuration with another step limit.
   *
   * @param m step limit per episode ≥ 1
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public Reinforce withMaxSteps(int m) {
    return new Reinforce(network, optimizer, gamma, episodesPerBatch, batches, m, baseline, seed);
  }

  /**
   * This configuration with or without the baseline.
   *
   * @param b whether to subtract the batch-mean return
   * @return a copy with the new value
   */
  public Reinforce withBaseline(boolean b) {
    return new Reinforce(network, optimizer, gamma, episodesPerBatch, batches, maxSteps, b, seed);
  }

  /**
   * This configuration with another seed.
   *
   * @param s seed of the initial weights, start states and action draws
   * @return a copy with the new value
   */
  public Reinforce withSeed(long s) {
    return new Reinforce(network, optimizer, gamma, episodesPerBatch, batches, maxSteps, baseline, s);
  }
}
