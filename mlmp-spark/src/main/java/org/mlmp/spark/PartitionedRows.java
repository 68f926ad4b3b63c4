package org.mlmp.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.mlmp.api.Matrices;
import org.mlmp.io.ConfigJson;
import org.mlmp.nn.TrainingData;
import org.mlmp.nn.BatchStatistics;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training rows as a cached RDD of P {@link PartitionBlock}s (partition p holds rows ⌊p·n/P⌋ .. ⌊(p+1)·n/P⌋ − 1), and
 * the distributed gradient of one global mini-batch over them: one Spark job per step.
 *
 * <p>A step: θ reaches the tasks as a broadcast float array; the network travels as its JSON (ConfigJson); each
 * partition gathers the mini-batch's rows it holds (in the mini-batch's order) and computes their mean cost C_p and
 * gradient ∂C_p/∂θ on a {@link TrainingSession} of its executor thread; the P results are collected on the driver
 * (in partition order, whatever order the tasks finished in) and summed there in partition-index order, in double,
 * weighted by B_p/B: ∂C/∂θ = Σ_p (B_p/B) ∂C_p/∂θ, the gradient of the mean cost over the whole mini-batch. Every
 * partition uses the step's dropout seed as it is and passes its rows' indices in the training set as their example
 * indices ({@link TrainingSession#costAndGradient(INDArray, INDArray, int[], long, INDArray)}), so each row gets the
 * dropout mask one process draws for it, whatever P. A task is a pure function of (block, θ, batch, seed), so a
 * retried task returns the same share.
 */
final class PartitionedRows implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Executor side: one session per (thread, network), reused across steps (a session is not thread-safe). */
  private static final ThreadLocal<Map<String, TrainingSession>> SESSIONS = ThreadLocal.withInitial(HashMap::new);

  /** φ·2^64, the odd constant that turns a partition index into seed bits (partition 0 keeps the seed). */
  private static final long PHI = org.mlmp.api.Seeds.GAMMA;

  /**
   * Fault injection for the retry tests: asked at the start of every task with (partition, attempt number); true
   * makes the task throw, so that Spark retries it. Null (always, outside tests).
   */
  static volatile TaskFault fault;

  /** Decides whether a task attempt fails (tests only). */
  interface TaskFault extends java.io.Serializable {
    /** Whether attempt {@code attempt} of partition {@code partition}'s task throws. */
    boolean fails(int partition, int attempt);
  }

  /**
   * How θ (and the averaging trainer's {@link LocalRound}) reach the tasks: true = captured in the job's closure,
   * false (the default) = a separate broadcast variable per job. Measured (BENCHMARKS.md, "Spark"; SparkNnBench, 6
   * interleaved rounds each on local[1] and local[2], 2026-12-04): a job that sends LeNet's θ (1.7 MB) to every task
   * and collects one θ-sized array per task took 17.5 ms by broadcast and 24.3 ms by closure on local[1] (20.0 / 25.6
   * ms on local[2]); closure/broadcast per round 1.33× [1.21–1.86] and 1.30× [1.22–1.39]. Whole training epochs
   * differed by less than the machine's noise (sync trainer closure/broadcast 1.04× [0.86–1.36]). Spark also ships a
   * closure through a broadcast of its own (the task binary) and warns "Broadcasting large task binary" on every job
   * when θ is in it. So: broadcast. Package-private: a switch for the benchmark (SparkNnBench), not an option.
   */
  static volatile boolean closureParameters = false;

  private final JavaSparkContext sc;
  private final JavaRDD<PartitionBlock> blocks;
  private final int partitions, rows;
  private final BroadcastPartitions<PartitionBlock> distributed;

  private PartitionedRows(JavaSparkContext sc, BroadcastPartitions<PartitionBlock> distributed, int partitions,
      int rows) {
    this.sc = sc;
    this.distributed = distributed;
    this.blocks = distributed.rdd();
    this.partitions = partitions;
    this.rows = rows;
  }

  /**
   * Splits the rows into {@code partitions} contiguous blocks, distributes and caches them (materialised here).
   *
   * @param x inputs {@code [n, inputs]}
   * @param t encoded targets {@code [n, outputs]}
   */
  static PartitionedRows of(JavaSparkContext sc, INDArray x, INDArray t, int partitions) {
    return of(sc, (int) x.rows(), (int) x.columns(), (int) t.columns(), (from, rows, xs, ts) -> {
      Matrices.readRows(x, from, rows, xs);
      Matrices.readRows(t, from, rows, ts);
    }, partitions);
  }

  /**
   * The prepared training rows, split into {@code partitions} contiguous blocks, distributed and cached; each block is
   * copied once, straight from the prepared set (no copy of the whole set first).
   */
  static PartitionedRows of(JavaSparkContext sc, TrainingData data, int partitions) {
    return of(sc, data.rows(), data.inputs(), data.outputs(), data::readRows, partitions);
  }

  /** Reads rows {@code [from, from + rows)}: inputs into x, targets into t, row-major. */
  private interface RowSource {
    void read(int from, int rows, float[] x, float[] t);
  }

  private static PartitionedRows of(JavaSparkContext sc, int n, int inputs, int outputs, RowSource source,
      int partitions) {
    if (partitions > n) {
      throw new IllegalArgumentException("--partitions " + partitions + " is more than the " + n + " training rows:"
          + " a partition would hold no rows. Use at most " + n + " partitions.");
    }
    List<PartitionBlock> list = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      int from = BroadcastPartitions.firstRow(p, n, partitions), to = BroadcastPartitions.firstRow(p + 1, n, partitions);
      float[] xs = new float[(to - from) * inputs], ts = new float[(to - from) * outputs];
      source.read(from, to - from, xs, ts);
      list.add(new PartitionBlock(from, to - from, xs, inputs, ts, outputs));
    }
    return new PartitionedRows(sc, BroadcastPartitions.of(sc, list), partitions, n);
  }

  int partitions() {
    return partitions;
  }

  int rows() {
    return rows;
  }

  /**
   * The gradient of the mean cost over one global mini-batch at θ.
   *
   * @param network the network (travels as its JSON)
   * @param theta the flat parameters θ
   * @param batch the mini-batch's row indices into the training set, in the epoch's order
   * @param dropoutSeed the step's dropout seed (the same in every partition; a row's mask follows from it and the
   *     row's index in the training set)
   */
  BatchGradient gradient(Network network, float[] theta, int[] batch, long dropoutSeed) {
    String json = ConfigJson.write(network).toString();
    if (closureParameters) {
      List<GradientShare> shares = blocks.mapPartitionsWithIndex((p, it) -> java.util.List.of(
          share(p, it.next(), json, theta, batch, dropoutSeed)).iterator(), true).collect();
      return sum(shares, batch.length, theta.length);
    }
    Broadcast<float[]> shared = sc.broadcast(theta);
    try {
      List<GradientShare> shares = blocks.mapPartitionsWithIndex((p, it) -> java.util.List.of(
          share(p, it.next(), json, shared.value(), batch, dropoutSeed)).iterator(), true).collect();
      return sum(shares, batch.length, theta.length);
    } finally {
      shared.destroy();
    }
  }

  /**
   * Σ_p (B_p/B)·share_p in partition-index order, in double; the cost likewise; compute time = the slowest task's;
   * the shares' BatchNorm batch statistics pooled in partition-index order ({@link BatchStatistics#pool}).
   */
  static BatchGradient sum(List<GradientShare> shares, int batchRows, int size) {
    GradientShare[] byIndex = new GradientShare[shares.size()];
    for (GradientShare s : shares) byIndex[s.partition()] = s;
    double[] g = new double[size];
    double cost = 0;
    long compute = 0;
    List<BatchStatistics> stats = new ArrayList<>();
    for (GradientShare s : byIndex) {
      compute = Math.max(compute, s.computeNanos());
      if (s.rows() == 0) continue;
      if (s.statistics() != null) stats.add(s.statistics());
      double w = (double) s.rows() / batchRows;
      cost += w * s.cost();
      float[] v = s.gradient();
      for (int i = 0; i < size; i++) g[i] += w * v[i];
    }
    float[] out = new float[size];
    for (int i = 0; i < size; i++) out[i] = (float) g[i];
    return new BatchGradient(cost, out, compute, stats.isEmpty() ? null : BatchStatistics.pool(stats));
  }

  /** The seed partition {@code p} uses for a seed shared by all partitions: the seed itself for partition 0. */
  static long partitionSeed(long seed, int p) {
    return seed ^ (p * PHI);
  }

  /** Throws if the test's {@link #fault} says this attempt fails. */
  private static void maybeFail(int p) {
    TaskFault f = fault;
    if (f != null && f.fails(p, org.apache.spark.TaskContext.get().attemptNumber())) {
      throw new IllegalStateException("injected failure of partition " + p + "'s task, attempt "
          + org.apache.spark.TaskContext.get().attemptNumber());
    }
  }

  /** Executor side: the share of partition {@code p} of the mini-batch. */
  static GradientShare share(int p, PartitionBlock block, String networkJson, float[] theta, int[] batch, long dropoutSeed) {
    maybeFail(p);
    long t0 = System.nanoTime();
    int mine = 0;
    for (int i : batch) if (block.holds(i)) mine++;
    if (mine == 0) return new GradientShare(p, 0, Double.NaN, null, System.nanoTime() - t0, null);
    float[] xs = new float[mine * block.inputs()], ts = new float[mine * block.outputs()];
    int[] examples = new int[mine];
    int r = 0;
    for (int i : batch) {
      if (!block.holds(i)) continue;
      examples[r] = i;
      block.copyRow(i - block.first(), r++, xs, ts);
    }
    TrainingSession session = session(networkJson);
    session.setParameters(Matrices.floatVector(theta));
    INDArray g = Nd4j.create(DataType.FLOAT, theta.length);
    double cost = session.costAndGradient(Matrices.floatMatrix(xs, mine, block.inputs()),
        Matrices.floatMatrix(ts, mine, block.outputs()), examples, dropoutSeed, g);
    BatchStatistics stats = session.network().statisticsCount() > 0 ? session.batchStatistics() : null;
    return new GradientShare(p, mine, cost, Matrices.floats(g), System.nanoTime() - t0, stats);
  }

  /**
   * One round of the averaging trainer: every partition sets θ and the optimiser state, takes its next local steps
   * (its own mini-batches, see {@link SparkAveragingNeuralNet}) and returns its θ_p and state; collected in partition
   * order.
   *
   * @param round what the partitions need: network and optimiser JSON, θ, state, epoch schedule values, the round's
   *     local step range
   */
  List<LocalShare> localSteps(LocalRound round) {
    if (closureParameters) {
      return blocks.mapPartitionsWithIndex((p, it) -> java.util.List.of(
          localShare(p, it.next(), round)).iterator(), true).collect();
    }
    Broadcast<LocalRound> shared = sc.broadcast(round);
    try {
      return blocks.mapPartitionsWithIndex((p, it) -> java.util.List.of(
          localShare(p, it.next(), shared.value())).iterator(), true).collect();
    } finally {
      shared.destroy();
    }
  }

  /** Executor side: partition {@code p}'s local steps of one round. */
  static LocalShare localShare(int p, PartitionBlock block, LocalRound r) {
    maybeFail(p);
    long t0 = System.nanoTime();
    int batch = Math.min(r.batchSize(), block.rows());
    int count = (block.rows() + batch - 1) / batch;
    int from = Math.min(count, r.firstStep()), to = Math.min(count, r.firstStep() + r.steps());
    if (from == to) return new LocalShare(p, 0, 0, 0, null, null, null, 0);
    TrainingSession session = session(r.networkJson() + "\n" + r.optimizerJson());
    session.setParameters(Matrices.floatVector(r.theta()));
    java.util.Map<String, INDArray> state = new java.util.LinkedHashMap<>();
    state.put(STEP, Nd4j.createFromArray(new long[] {r.optimizerStep()}));
    r.state().forEach((k, v) -> state.put(k, Matrices.floatVector(v)));
    session.setOptimizerState(state);
    if (r.statistics().length > 0) session.setStatistics(Matrices.floatVector(r.statistics()));
    int[] order = org.mlmp.data.Partition.shuffled(block.rows(), partitionSeed(r.epochSeed(), p));
    float[] xs = new float[batch * block.inputs()], ts = new float[batch * block.outputs()];
    double costSum = 0;
    int rows = 0;
    for (int b = from; b < to; b++) {
      int lo = b * batch, m = Math.min(block.rows(), lo + batch) - lo;
      int[] examples = new int[m];
      for (int i = 0; i < m; i++) {
        examples[i] = block.first() + order[lo + i];
        block.copyRow(order[lo + i], i, xs, ts);
      }
      double cost = session.step(Matrices.floatMatrix(xs, m, block.inputs()), Matrices.floatMatrix(ts, m, block.outputs()),
          examples, r.learningRate(), r.dropoutSeeds()[b]);
      costSum += cost * m;
      rows += m;
    }
    java.util.Map<String, float[]> out = new java.util.LinkedHashMap<>();
    session.optimizerState().forEach((k, v) -> {
      if (!k.equals(STEP)) out.put(k, Matrices.floats(v));
    });
    float[] stats = r.statistics().length > 0 ? Matrices.floats(session.statistics()) : new float[0];
    return new LocalShare(p, to - from, rows, costSum, Matrices.floats(session.parameters()), out, stats,
        System.nanoTime() - t0);
  }

  /** The optimiser state's step count (see {@link TrainingSession#optimizerState()}). */
  static final String STEP = "optimizer.step";

  /**
   * What every partition needs for one round of local steps.
   *
   * @param networkJson the network (ConfigJson)
   * @param optimizerJson the optimiser (ConfigJson)
   * @param theta θ at the start of the round
   * @param state the optimiser's vectors ({@code optimizer.s1}, {@code optimizer.s2} where it has them)
   * @param statistics BatchNorm's running statistics at the start of the round (empty without BatchNorm)
   * @param optimizerStep the optimiser's step count
   * @param epochSeed the epoch's seed (each partition shuffles its rows with it, see {@link #partitionSeed})
   * @param batchSize rows per local mini-batch
   * @param firstStep the partition's first local step (mini-batch) of the epoch in this round
   * @param steps local steps per partition in this round (fewer where a partition runs out of mini-batches)
   * @param learningRate the epoch's learning rate
   * @param dropoutSeeds the epoch's dropout seed per local step index (the same in every partition; each row's masks
   *     also follow from its index in the training set)
   */
  record LocalRound(String networkJson, String optimizerJson, float[] theta, java.util.Map<String, float[]> state,
      float[] statistics, long optimizerStep, long epochSeed, int batchSize, int firstStep, int steps, double learningRate,
      long[] dropoutSeeds) implements java.io.Serializable {}

  /**
   * What one partition returns from a round.
   *
   * @param partition the partition index
   * @param steps local steps taken (0: nothing else is set)
   * @param rows rows visited
   * @param costSum Σ over its steps of cost × rows
   * @param theta θ_p after the steps
   * @param state the optimiser's vectors after the steps
   * @param statistics BatchNorm's running statistics after the steps (each local step moved them by its own
   *     mini-batch), empty without BatchNorm
   * @param computeNanos time in the engine
   */
  record LocalShare(int partition, int steps, int rows, double costSum, float[] theta, java.util.Map<String, float[]> state,
      float[] statistics, long computeNanos) implements java.io.Serializable {}

  /** This thread's session for {@code key}: the network's JSON, optionally a newline and the optimiser's JSON. */
  private static TrainingSession session(String key) {
    return SESSIONS.get().computeIfAbsent(key, j -> {
      try {
        int nl = j.indexOf('\n');
        Network net = ConfigJson.read(JSON.readTree(nl < 0 ? j : j.substring(0, nl)), Network.class);
        Optimizer opt = nl < 0 ? null : ConfigJson.readAny(JSON.readTree(j.substring(nl + 1)), Optimizer.class);
        return TrainingSession.of(net, opt, 0);
      } catch (IOException e) {
        throw new UncheckedIOException("The network's JSON could not be read on the executor: " + e.getMessage(), e);
      }
    });
  }

  /** Unpersists the cached rows and removes their broadcast blocks. */
  @Override
  public void close() {
    distributed.close();
  }

  /**
   * The result of one distributed step.
   *
   * @param cost the mean cost over the mini-batch
   * @param gradient ∂C/∂θ, flat, float
   * @param computeNanos the slowest task's time in the engine
   * @param statistics the BatchNorm layers' batch statistics pooled over the partitions (those of the whole
   *     mini-batch, to rounding), or null without BatchNorm
   */
  record BatchGradient(double cost, float[] gradient, long computeNanos, BatchStatistics statistics) {}
}
