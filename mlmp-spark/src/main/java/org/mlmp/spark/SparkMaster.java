package org.mlmp.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before a Spark context is made from it, so that a typo or a master that is down ends
 * in a message naming the value and the fix within a bounded time, instead of a context that waits for
 * executors that never come.
 *
 * <p>Accepted: {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]} (F task attempts, so a task
 * that fails is retried), {@code local-cluster[W,C,M]}, {@code spark://HOST:PORT[,HOST:PORT...]} (a standalone
 * cluster: every listed master must accept a TCP connection within the timeout), {@code yarn} and
 * {@code k8s://...} (checked by Spark itself).
 */
final class SparkMaster {
  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?");
  private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[[0-9]+, *[0-9]+, *[0-9]+\\]");
  private static final Pattern STANDALONE = Pattern.compile("spark://([^:/,]+):([0-9]+)");

  private SparkMaster() {}

  /** Whether the master runs the job in this JVM (local mode). */
  static boolean inProcess(String master) {
    return LOCAL.matcher(master).matches() || LOCAL_CLUSTER.matcher(master).matches();
  }

  /**
   * Checks {@code master}.
   *
   * @param master the --master value
   * @param timeoutMillis how long a standalone master may take to accept a connection
   * @throws IllegalArgumentException naming the value and the fix, for a URL Spark does not take or a standalone
   *     master that does not answer in time
   */
  static void check(String master, int timeoutMillis) {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("--master is empty. Use local[N] (in this process), spark://HOST:PORT"
          + " (a standalone cluster), yarn or k8s://https://HOST:PORT.");
    }
    if (inProcess(master) || master.equals("yarn") || master.startsWith("k8s://")) return;
    if (!master.startsWith("spark://")) {
      throw new IllegalArgumentException("--master '" + master + "' is not a Spark master URL. Use local[N] (in this"
          + " process), spark://HOST:PORT (a standalone cluster), yarn or k8s://https://HOST:PORT.");
    }
    for (String part : master.substring("spark://".length()).split(",")) {
      var m = STANDALONE.matcher("spark://" + part);
      if (!m.matches()) {
        throw new IllegalArgumentException("--master '" + master + "': '" + part + "' is not HOST:PORT. Use"
            + " spark://HOST:PORT, e.g. spark://127.0.0.1:7077.");
      }
      String host = m.group(1);
      int port = Integer.parseInt(m.group(2));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
      } catch (IOException e) {
        throw new IllegalArgumentException("--master " + master + ": no Spark master answers at " + host + ":" + port
            + " (" + e.getMessage() + ") within " + timeoutMillis / 1000.0 + " s. Start the master (Spark's"
            + " sbin/start-master.sh), check the URL, or use --master local[N] to run in this process.", e);
      }
    }
  }

  /**
   * Checks that Apache Spark can be loaded by {@code loader}, before any class that uses it is.
   *
   * @param loader the class loader mlmp runs in
   * @throws IllegalStateException naming the missing class and the two ways to provide Spark
   */
  static void requireSpark(ClassLoader loader) {
    try {
      Class.forName("org.apache.spark.SparkContext", false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("mlmp spark needs Apache Spark on the class path, and"
          + " org.apache.spark.SparkContext is not there. Run it through the launcher, ./mlmp spark ... (it adds"
          + " mlmp-spark/target/spark-lib), or submit mlmp-spark's jar with spark-submit, which provides Spark.");
    }
  }
}
