package org.mlmp.spark;

import picocli.CommandLine.Option;

/**
 * The options every {@code mlmp spark} subcommand takes: where the job runs ({@code --master}) and into how many
 * partitions the training rows are cut ({@code --partitions}); a picocli mixin, so each is declared once.
 */
public final class SparkClusterOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "The Spark master: local[N] (in this process, N task threads; local[N,F] retries a failed task),"
          + " spark://HOST:PORT, yarn or k8s://... (default: spark-submit's --master, else local[*]).")
  String master;

  @Option(names = "--partitions", paramLabel = "P",
      description = "Partitions the training rows are split into, one task each per Spark job (default: Spark's default"
          + " parallelism, e.g. N of local[N]).")
  Integer partitions;

  /** Creates the options (picocli fills them in). */
  public SparkClusterOptions() {
  }

  /**
   * The master to use: --master, else spark-submit's (the system property {@code spark.master}), else
   * {@code local[*]}.
   *
   * @return the master URL (not yet checked: see {@link SparkMaster#check})
   */
  String master() {
    return master != null ? master : System.getProperty("spark.master", "local[*]");
  }

  /**
   * --partitions, checked.
   *
   * @return P >= 1, or null for Spark's default parallelism
   * @throws IllegalArgumentException for P &lt; 1
   */
  Integer partitions() {
    if (partitions != null && partitions < 1) {
      throw new IllegalArgumentException("--partitions must be >= 1. Got " + partitions + " instead.");
    }
    return partitions;
  }
}
