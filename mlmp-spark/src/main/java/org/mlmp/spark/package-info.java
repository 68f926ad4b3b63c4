/**
 * mlmp on Apache Spark (issue 15): {@link org.mlmp.spark.SparkNeuralNet}, synchronous data-parallel training of an
 * mlmp network — the rows in a cached RDD of P contiguous blocks, one Spark job per mini-batch whose tasks compute
 * their rows' cost and gradient with mlmp's own engine ({@link org.mlmp.nn.TrainingSession}), summed on the driver
 * in partition-index order, the optimiser applied on the driver —, {@link org.mlmp.spark.SparkAveragingNeuralNet}
 * (k local steps per partition per job, then parameter and optimiser-state averaging), and {@code mlmp spark train},
 * {@code mlmp fit}'s network training with either.
 *
 * <p>Spark (4.1, Scala 2.13) is a {@code provided} dependency: a cluster provides it, and for {@code ./mlmp spark}
 * the launcher adds it ({@code mlmp-spark/target/spark-lib}). No module depends on this one.
 */
package org.mlmp.spark;
