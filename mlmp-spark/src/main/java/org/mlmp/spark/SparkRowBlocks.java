package org.mlmp.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.mlmp.api.Dataset;
import org.mlmp.data.RowBlock;
import org.mlmp.data.RowBlocks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link RowBlocks} on Spark: the rows cut once into P contiguous blocks (block p holds rows ⌊p·n/P⌋ ..
 * ⌊(p+1)·n/P⌋ − 1, as {@link PartitionedRows}), one per partition of an RDD cached in executor memory. A pass
 * ({@link #map}) is one Spark job: every task applies the block function to its partition's rows with ND4J on the
 * executor, and the P results are returned to the driver ordered by partition index, whatever order the tasks
 * finished in, so every sum the caller forms over them (the Nyström system Σ_p Φ_pᵀΦ_p, the rows of a CG product)
 * is the same on every run for a fixed P, and equal to {@code RowBlocks.of(data, blockRows)}'s for blocks of the
 * same rows. The block functions of mlmp carry their configuration (the kernel) as JSON text.
 *
 * <p>Per pass: each executor receives the block function (its arrays: m × d landmarks and m × r basis for Nyström;
 * the n-vector for a CG product) and each task returns its result (r² + r·t doubles for Nyström, its n/P values of
 * the product for CG). Values every pass reads (the n × d rows of a CG product) are {@linkplain #share shared}: a
 * Spark broadcast, made once per fit and fetched once per executor, held until {@link #close()}.
 */
public final class SparkRowBlocks implements RowBlocks, AutoCloseable {
  private final JavaSparkContext sc;
  private final BroadcastPartitions<RowPartition> distributed;
  private final JavaRDD<RowPartition> blocks;
  private final List<Broadcast<?>> shared = new ArrayList<>();
  private final long rows;
  private final int features, partitions;
  private final boolean targets;

  private SparkRowBlocks(JavaSparkContext sc, BroadcastPartitions<RowPartition> distributed, long rows, int features,
      int partitions, boolean targets) {
    this.sc = sc;
    this.distributed = distributed;
    this.blocks = distributed.rdd();
    this.rows = rows;
    this.features = features;
    this.partitions = partitions;
    this.targets = targets;
  }

  /**
   * Cuts {@code data} into {@code partitions} contiguous blocks, distributes and caches them (materialised here).
   *
   * @param sc the Spark context
   * @param data the rows (and targets, if any); x and y are kept in their data type (float or double)
   * @param partitions P, in [1, n]
   * @return the distributed blocks; {@link #close()} unpersists them
   * @throws IllegalArgumentException for P &lt; 1 or P &gt; n (a partition without rows), naming the value and the fix
   */
  public static SparkRowBlocks of(JavaSparkContext sc, Dataset data, int partitions) {
    int n = data.nSamples(), d = data.nFeatures();
    if (partitions < 1 || partitions > n) {
      throw new IllegalArgumentException("--partitions " + partitions + " is " + (partitions < 1 ? "less than 1"
          : "more than the " + n + " training rows: a partition would hold no rows") + ". Use 1 to " + n
          + " partitions.");
    }
    boolean floatX = data.x().dataType() == DataType.FLOAT;
    double[] xs = data.x().castTo(DataType.DOUBLE).dup('c').data().asDouble();
    INDArray y = data.y();
    double[] ys = y == null ? null : y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    int t = y == null ? 0 : y.rank() == 1 ? 1 : (int) y.columns();
    List<RowPartition> list = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      int from = BroadcastPartitions.firstRow(p, n, partitions), to = BroadcastPartitions.firstRow(p + 1, n, partitions);
      list.add(new RowPartition(from, to - from, Arrays.copyOfRange(xs, from * d, to * d), d, floatX,
          ys == null ? null : Arrays.copyOfRange(ys, from * t, to * t), t, y == null ? null : y.dataType().name(),
          y != null && y.rank() == 1));
    }
    return new SparkRowBlocks(sc, BroadcastPartitions.of(sc, list), n, d, partitions, y != null);
  }

  /**
   * The number of partitions (blocks) P.
   *
   * @return P
   */
  public int partitions() {
    return partitions;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public int features() {
    return features;
  }

  @Override
  public boolean hasTargets() {
    return targets;
  }

  /**
   * The features of the rows at {@code indices}: one pass in which every partition returns the requested rows it
   * holds.
   */
  @Override
  public INDArray rowsAt(int[] indices) {
    for (int i : indices) {
      if (i < 0 || i >= rows) {
        throw new IndexOutOfBoundsException("SparkRowBlocks.rowsAt: row " + i + " is outside [0, " + rows + ").");
      }
    }
    int[] wanted = indices.clone();
    List<double[]> parts = map(new RowsOf(wanted));
    double[] out = new double[wanted.length * features];
    for (double[] part : parts) {
      for (int k = 0; k < part.length; k += features + 1) {
        int at = (int) part[k];
        System.arraycopy(part, k + 1, out, at * features, features);
      }
    }
    return Nd4j.createFromArray(out).reshape('c', wanted.length, features);
  }

  @Override
  public <R> List<R> map(BlockFunction<R> f) {
    List<Indexed<R>> results = blocks.mapPartitionsWithIndex((p, it) -> List.of(apply(p, it.next(), f)).iterator(),
        true).collect();
    List<R> out = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) out.add(null);
    for (Indexed<R> r : results) out.set(r.partition(), r.value());
    return out;
  }

  /** Executor side: {@code f} on partition {@code p}'s block. */
  private static <R> Indexed<R> apply(int p, RowPartition part, BlockFunction<R> f) {
    return new Indexed<>(p, f.apply(part.toRowBlock(p)));
  }

  /** A Spark broadcast of {@code value}, released by {@link #close()}. */
  @Override
  public synchronized <T extends Serializable> Shared<T> share(T value) {
    Broadcast<T> b = sc.broadcast(value);
    shared.add(b);
    return new Broadcasted<>(b);
  }

  /** Unpersists the cached rows and destroys the broadcasts made by {@link #share}. */
  @Override
  public synchronized void close() {
    distributed.close();
    for (Broadcast<?> b : shared) b.destroy();
    shared.clear();
  }

  /** {@link #share}'s handle: a broadcast (its serialised form is the broadcast's id, not the value). */
  private record Broadcasted<T>(Broadcast<T> broadcast) implements Shared<T> {
    @Override
    public T value() {
      return broadcast.value();
    }
  }

  /** A partition's result, with its index. */
  private record Indexed<R>(int partition, R value) implements Serializable {}

  /**
   * The block function of {@link #rowsAt}: for each requested row the block holds, its position in the request and
   * its d features, flat.
   */
  private record RowsOf(int[] indices) implements BlockFunction<double[]> {
    @Override
    public double[] apply(RowBlock block) {
      int d = (int) block.x().columns();
      double[] x = block.x().castTo(DataType.DOUBLE).dup('c').data().asDouble();
      List<Integer> mine = new ArrayList<>();
      for (int k = 0; k < indices.length; k++) {
        if (indices[k] >= block.firstRow() && indices[k] < block.firstRow() + block.rows()) mine.add(k);
      }
      double[] out = new double[mine.size() * (d + 1)];
      int at = 0;
      for (int k : mine) {
        out[at] = k;
        System.arraycopy(x, (int) (indices[k] - block.firstRow()) * d, out, at + 1, d);
        at += d + 1;
      }
      return out;
    }
  }

  /**
   * One partition's rows as plain arrays (Spark's serialisation moves them without ND4J classes).
   *
   * @param first the global index of the first row
   * @param rows the number of rows
   * @param x the features, row-major {@code rows × d}, in double
   * @param d features per row
   * @param floatX whether the data set's features were float (the block's x is float then, as in memory)
   * @param y the targets, row-major {@code rows × t}, in double, or null
   * @param t targets per row
   * @param yType the targets' ND4J data type name, or null
   * @param yVector whether y was a vector {@code [n]} (else {@code [n, t]})
   */
  private record RowPartition(int first, int rows, double[] x, int d, boolean floatX, double[] y, int t, String yType,
      boolean yVector) implements Serializable {
    RowBlock toRowBlock(int index) {
      INDArray xb = Nd4j.createFromArray(x).reshape('c', rows, d);
      if (floatX) xb = xb.castTo(DataType.FLOAT);
      INDArray yb = null;
      if (y != null) {
        yb = yVector ? Nd4j.createFromArray(y) : Nd4j.createFromArray(y).reshape('c', rows, t);
        DataType type = DataType.valueOf(yType);
        if (type != DataType.DOUBLE) yb = yb.castTo(type);
      }
      return new RowBlock(index, first, xb, yb);
    }
  }
}
