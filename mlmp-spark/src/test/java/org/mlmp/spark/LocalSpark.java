package org.mlmp.spark;

import org.apache.spark.api.java.JavaSparkContext;

/** The tests' Spark: in-process, loopback only, no UI. */
final class LocalSpark {
  private LocalSpark() {}

  /** A context on {@code master} (e.g. {@code local[2]}): {@link SparkJobSettings}, bound to 127.0.0.1, UI off. */
  static JavaSparkContext start(String master) {
    return new JavaSparkContext(SparkJobSettings.of(master).withAppName("mlmp-spark-test").toSparkConf());
  }
}
