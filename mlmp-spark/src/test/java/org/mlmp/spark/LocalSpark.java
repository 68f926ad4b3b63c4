package org.mlmp.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The tests' Spark: in-process, loopback only, no UI ({@link SparkJobSettings}). Registered on a test class as
 * {@code @RegisterExtension static final LocalSpark SPARK = LocalSpark.on("local[2]");}, it starts one context before
 * the class's tests and stops it after them.
 */
final class LocalSpark implements BeforeAllCallback, AfterAllCallback {
  private final String master;
  private JavaSparkContext sc;

  private LocalSpark(String master) {
    this.master = master;
  }

  /** A context on {@code master} (e.g. {@code local[2]}, or {@code local[2,2]} to retry failed tasks). */
  static LocalSpark on(String master) {
    return new LocalSpark(master);
  }

  /** The running context (between the class's first and last test). */
  JavaSparkContext sc() {
    if (sc == null) throw new IllegalStateException("LocalSpark(" + master + ") is not started: register it with"
        + " @RegisterExtension on a static field.");
    return sc;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    sc = new JavaSparkContext(SparkJobSettings.of(master).withAppName("mlmp-spark-test").toSparkConf());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (sc != null) sc.stop();
    sc = null;
  }
}
