package org.mlmp.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The tests' Spark: in-process, loopback only, no UI. */
final class LocalSpark {
  private LocalSpark() {}

  /** A context on {@code master} (e.g. {@code local[2]}) bound to 127.0.0.1 with the UI off. */
  static JavaSparkContext start(String master) {
    return new JavaSparkContext(new SparkConf().setMaster(master).setAppName("mlmp-spark-test")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.enabled", "false"));
  }
}
