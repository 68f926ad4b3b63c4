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
import org.apache.spark.storage.StorageLevel;
import org.mlmp.io.ConfigJson;
import org.mlmp.nn.Network;
import org.mlmp.nn.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training rows as a cached RDD of P {@link RowBlock}s (partition p holds rows ⌊p·n/P⌋ .. ⌊(p+1)·n/P⌋ − 1), and
 * the distributed gradient of one global mini-batch over them: one Spark job per step.
 *
 * <p>A step: θ reaches the tasks as a broadcast float array; the network travels as its JSON (ConfigJson); each
 * partition gathers the mini-batch's rows it holds (in the mini-batch's order) and computes their mean cost C_p and
 * gradient ∂C_p/∂θ on a {@link TrainingSession} of its executor thread; the P results are collected on the driver
 * (in partition order, whatever order the tasks finished in) and summed there in partition-index order, in double,
 * weighted by B_p/B: ∂C/∂θ = Σ_p (B_p/B) ∂C_p/∂θ, the gradient of the mean cost over the whole mini-batch. A task
 * is a pure function of (block, θ, batch, seed), so a retried task returns the same share.
 */
final class PartitionedRows implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Executor side: one session per (thread, network), reused across steps (a session is not thread-safe). */
  private static final ThreadLocal<Map<String, TrainingSession>> SESSIONS = ThreadLocal.withInitial(HashMap::new);

  private final JavaSparkContext sc;
  private final JavaRDD<RowBlock> blocks;
  private final int partitions, rows;

  private PartitionedRows(JavaSparkContext sc, JavaRDD<RowBlock> blocks, int partitions, int rows) {
    this.sc = sc;
    this.blocks = blocks;
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
    int n = (int) x.rows();
    if (partitions > n) {
      throw new IllegalArgumentException("--partitions " + partitions + " is more than the " + n + " training rows:"
          + " a partition would hold no rows. Use at most " + n + " partitions.");
    }
    int inputs = (int) x.columns(), outputs = (int) t.columns();
    float[] xs = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    float[] ts = t.castTo(DataType.FLOAT).dup('c').data().asFloat();
    List<RowBlock> list = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      int from = (int) ((long) p * n / partitions), to = (int) ((long) (p + 1) * n / partitions);
      list.add(new RowBlock(from, to - from, java.util.Arrays.copyOfRange(xs, from * inputs, to * inputs), inputs,
          java.util.Arrays.copyOfRange(ts, from * outputs, to * outputs), outputs));
    }
    JavaRDD<RowBlock> rdd = sc.parallelize(list, partitions).persist(StorageLevel.MEMORY_ONLY());
    rdd.count();
    return new PartitionedRows(sc, rdd, partitions, n);
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
   * @param dropoutSeed the step's dropout seed (partition p uses it xor p·φ, so partition 0 uses it as it is)
   */
  BatchGradient gradient(Network network, float[] theta, int[] batch, long dropoutSeed) {
    String json = ConfigJson.write(network).toString();
    Broadcast<float[]> shared = sc.broadcast(theta);
    try {
      List<GradientShare> shares = blocks.mapPartitionsWithIndex((p, it) -> java.util.List.of(
          share(p, it.next(), json, shared.value(), batch, dropoutSeed)).iterator(), true).collect();
      return sum(shares, batch.length, theta.length);
    } finally {
      shared.destroy();
    }
  }

  /** Σ_p (B_p/B)·share_p in partition-index order, in double; the cost likewise; compute time = the slowest task's. */
  static BatchGradient sum(List<GradientShare> shares, int batchRows, int size) {
    GradientShare[] byIndex = new GradientShare[shares.size()];
    for (GradientShare s : shares) byIndex[s.partition()] = s;
    double[] g = new double[size];
    double cost = 0;
    long compute = 0;
    for (GradientShare s : byIndex) {
      compute = Math.max(compute, s.computeNanos());
      if (s.rows() == 0) continue;
      double w = (double) s.rows() / batchRows;
      cost += w * s.cost();
      float[] v = s.gradient();
      for (int i = 0; i < size; i++) g[i] += w * v[i];
    }
    float[] out = new float[size];
    for (int i = 0; i < size; i++) out[i] = (float) g[i];
    return new BatchGradient(cost, out, compute);
  }

  /** Executor side: the share of partition {@code p} of the mini-batch. */
  static GradientShare share(int p, RowBlock block, String networkJson, float[] theta, int[] batch, long dropoutSeed) {
    long t0 = System.nanoTime();
    int mine = 0;
    for (int i : batch) if (block.holds(i)) mine++;
    if (mine == 0) return new GradientShare(p, 0, Double.NaN, null, System.nanoTime() - t0);
    float[] xs = new float[mine * block.inputs()], ts = new float[mine * block.outputs()];
    int r = 0;
    for (int i : batch) {
      if (!block.holds(i)) continue;
      int local = i - block.first();
      System.arraycopy(block.x(), local * block.inputs(), xs, r * block.inputs(), block.inputs());
      System.arraycopy(block.t(), local * block.outputs(), ts, r * block.outputs(), block.outputs());
      r++;
    }
    TrainingSession session = session(networkJson);
    session.setParameters(Nd4j.createFromArray(theta));
    INDArray g = Nd4j.create(DataType.FLOAT, theta.length);
    double cost = session.costAndGradient(Nd4j.createFromArray(xs).reshape(mine, block.inputs()),
        Nd4j.createFromArray(ts).reshape(mine, block.outputs()), dropoutSeed ^ (p * 0x9E3779B97F4A7C15L), g);
    return new GradientShare(p, mine, cost, g.toFloatVector(), System.nanoTime() - t0);
  }

  private static TrainingSession session(String networkJson) {
    return SESSIONS.get().computeIfAbsent(networkJson, j -> {
      try {
        return TrainingSession.of(ConfigJson.read(JSON.readTree(j), Network.class), null, 0);
      } catch (IOException e) {
        throw new UncheckedIOException("The network's JSON could not be read on the executor: " + e.getMessage(), e);
      }
    });
  }

  /** Unpersists the cached rows. */
  @Override
  public void close() {
    blocks.unpersist(false);
  }

  /**
   * The result of one distributed step.
   *
   * @param cost the mean cost over the mini-batch
   * @param gradient ∂C/∂θ, flat, float
   * @param computeNanos the slowest task's time in the engine
   */
  record BatchGradient(double cost, float[] gradient, long computeNanos) {}
}
