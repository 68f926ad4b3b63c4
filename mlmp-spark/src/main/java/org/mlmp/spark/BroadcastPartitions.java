package org.mlmp.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * P parts of a data set cached as an RDD of P partitions, each part travelling to the executors once, as its own
 * broadcast variable; the RDD holds only the handles. An RDD made by {@code parallelize(parts)} keeps the rows in its
 * partition objects, and Spark serialises a task's partition into every task: each job would ship the partition's rows
 * again (≈ 40 MB per task for 12 800 MNIST rows, even from a cached RDD; BENCHMARKS.md, "Spark"). An executor fetches
 * the parts of its partitions once and keeps them in its block manager; a lost executor's replacement fetches them
 * again from the driver, so retries still work. The one place {@link PartitionedRows} and {@link SparkRowBlocks}
 * distribute their rows.
 *
 * @param <T> the part type
 */
final class BroadcastPartitions<T> {
  private final JavaRDD<T> rdd;
  private final List<Broadcast<T>> handles;

  private BroadcastPartitions(JavaRDD<T> rdd, List<Broadcast<T>> handles) {
    this.rdd = rdd;
    this.handles = handles;
  }

  /** Broadcasts every part, caches the RDD of part p in partition p and materialises it here. */
  static <T> BroadcastPartitions<T> of(JavaSparkContext sc, List<T> parts) {
    List<Broadcast<T>> handles = new ArrayList<>(parts.size());
    for (T part : parts) handles.add(sc.broadcast(part));
    JavaRDD<T> rdd = sc.parallelize(handles, parts.size()).map(Broadcast::value).persist(StorageLevel.MEMORY_ONLY());
    rdd.count();
    return new BroadcastPartitions<>(rdd, handles);
  }

  /** The first row of partition p when n rows are cut into {@code partitions} contiguous parts: ⌊p·n/P⌋. */
  static int firstRow(int p, long n, int partitions) {
    return (int) ((long) p * n / partitions);
  }

  /** The cached RDD, one part per partition, in part order. */
  JavaRDD<T> rdd() {
    return rdd;
  }

  /** Unpersists the RDD and destroys the parts' broadcasts. */
  void close() {
    rdd.unpersist(false);
    for (Broadcast<T> b : handles) b.destroy();
  }
}
