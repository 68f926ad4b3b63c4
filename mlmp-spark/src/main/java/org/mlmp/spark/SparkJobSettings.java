package org.mlmp.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * The one place where mlmp's Spark jobs get their configuration: what mlmp's launcher ({@code ./mlmp}) gives a JVM,
 * given to every executor, and the driver's loopback settings for in-process masters. Both trainers' contexts
 * ({@code mlmp spark train}, the tests) are made from it.
 *
 * <p>{@link #toSparkConf(SparkConf)} adds to a base configuration (for {@code spark-submit}, the one it passes:
 * {@code new SparkConf()} reads its {@code --conf} and {@code --executor-memory} values); a key the base already
 * sets is kept, except {@code spark.executor.extraJavaOptions}, to which mlmp's options are prepended (the user's
 * come last and win):
 * <ul>
 *   <li>{@code spark.task.cpus} = {@link #taskCpus()}; then, with c the effective {@code spark.task.cpus},
 *       {@code spark.executorEnv.OMP_NUM_THREADS}, {@code OPENBLAS_NUM_THREADS} and {@code MLMP_THREADS} = c, so an
 *       executor running several tasks at once uses no more threads than it has cores (each task's ND4J and
 *       OpenBLAS calls use c threads);</li>
 *   <li>{@code spark.executorEnv.OPENBLAS_CORETYPE} = {@link #openblasCoreType()} when not null (the OpenBLAS
 *       kernel: the launcher picks Haswell on AVX2 + FMA processors, as one automatically chosen kernel computes
 *       {@code dpotrf} wrongly; see README, "CPU speed");</li>
 *   <li>{@code spark.executorEnv.GLIBC_TUNABLES} = {@code glibc.malloc.hugetlb=1}, as the launcher sets it: glibc's
 *       malloc backs ND4J's large arrays with transparent huge pages (README, "Memory");</li>
 *   <li>{@code spark.task.maxDirectResultSize} = 64m: a task result up to 64 MB (Spark caps it at
 *       {@code spark.rpc.message.maxSize}, 128 MB by default) returns to the driver in the task's status message;
 *       above Spark's default of 1 MB it would be stored in the executor's block manager and fetched by the driver over
 *       the block-transfer service, and the averaging trainer's round result (θ and Adam's two moment vectors: 1.2 MB
 *       for the 784-128-10 network) is just above it. Measured (BENCHMARKS.md, "Spark", (b)): the first round's job
 *       0.88–1.07 s instead of 1.17–1.41 s (the first fetch sets up the transfer service), the whole fit 0.73–0.91× the
 *       time (3 interleaved pairs);</li>
 *   <li>{@code spark.executor.memoryOverhead} = {@link #offHeapMegabytes()} + 384 MB (Spark's own minimum for the
 *       JVM's non-heap memory): YARN and Kubernetes size an executor's container as heap + overhead, and ND4J's
 *       arrays live outside the heap;</li>
 *   <li>{@code spark.executor.extraJavaOptions}: the Java 17 options Spark needs (the list the launcher passes,
 *       {@code jvm-options.txt}), {@code -Dorg.bytedeco.javacpp.maxbytes} = off-heap and
 *       {@code -Dorg.bytedeco.javacpp.maxphysicalbytes} = heap ({@code spark.executor.memory}, default 1g) +
 *       off-heap + 384 MB, JavaCPP's limits for ND4J's arrays and for the whole process;</li>
 *   <li>for an in-process master ({@code local[N]}): the driver bound to 127.0.0.1 and the web UI off.</li>
 * </ul>
 *
 * @param master the Spark master URL ({@code local[N]}, {@code spark://HOST:PORT}, {@code yarn}, {@code k8s://...})
 * @param appName the application's name in the cluster manager (default {@code "mlmp"})
 * @param taskCpus cores per task, and the ND4J/BLAS threads of each task (≥ 1; default 1)
 * @param offHeapMegabytes ND4J's off-heap memory per executor in MB (≥ 64; default 2048)
 * @param openblasCoreType the OpenBLAS kernel for the executors, or null to leave it to each executor (default:
 *     {@link #of} takes the driver's {@code OPENBLAS_CORETYPE}, which the launcher sets, so a homogeneous cluster gets
 *     the launcher's choice)
 */
public record SparkJobSettings(String master, String appName, int taskCpus, int offHeapMegabytes,
    String openblasCoreType) {
  /** Spark's minimum non-heap overhead of an executor JVM, in MB ({@code spark.executor.memoryOverhead}'s floor). */
  static final int JVM_OVERHEAD_MB = 384;
  /** The executors' {@code GLIBC_TUNABLES}, as the launcher sets it: huge pages for glibc's large blocks. */
  static final String MALLOC_TUNABLES = "glibc.malloc.hugetlb=1";
  /** Task results up to this size return in the task's status message (Spark's default: 1m). */
  static final String DIRECT_RESULT_SIZE = "64m";
  private static final Pattern CORE_TYPE = Pattern.compile("[A-Za-z0-9_]+");

  /**
   * Checks the settings.
   *
   * @param master the Spark master URL ({@code local[N]}, {@code spark://HOST:PORT}, {@code yarn}, {@code k8s://...})
   * @param appName the application's name in the cluster manager (default {@code "mlmp"})
   * @param taskCpus cores per task, and the ND4J/BLAS threads of each task (≥ 1; default 1)
   * @param offHeapMegabytes ND4J's off-heap memory per executor in MB (≥ 64; default 2048)
   * @param openblasCoreType the OpenBLAS kernel for the executors, or null to leave it to each executor (default:
   *     {@link #of} takes the driver's {@code OPENBLAS_CORETYPE}, which the launcher sets, so a homogeneous cluster gets
   *     the launcher's choice)
   * @throws IllegalArgumentException naming the value and the fix: a blank master or name, taskCpus &lt; 1,
   *     offHeapMegabytes &lt; 64, a core type that is not a word
   */
  public SparkJobSettings {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("The 'master' of SparkJobSettings is empty. Use local[N], spark://HOST:PORT,"
          + " yarn or k8s://https://HOST:PORT.");
    }
    if (appName == null || appName.isBlank()) {
      throw new IllegalArgumentException("The 'appName' of SparkJobSettings is empty. Give the name the cluster"
          + " manager shows, e.g. \"mlmp\".");
    }
    if (taskCpus < 1) {
      throw new IllegalArgumentException("The 'taskCpus' of SparkJobSettings must be >= 1. Got " + taskCpus
          + " instead.");
    }
    if (offHeapMegabytes < 64) {
      throw new IllegalArgumentException("The 'offHeapMegabytes' of SparkJobSettings must be >= 64 (ND4J's arrays"
          + " live there). Got " + offHeapMegabytes + " instead.");
    }
    if (openblasCoreType != null && !CORE_TYPE.matcher(openblasCoreType).matches()) {
      throw new IllegalArgumentException("The 'openblasCoreType' of SparkJobSettings must be an OpenBLAS core name"
          + " such as Haswell, SkylakeX or Zen, or null. Got '" + openblasCoreType + "' instead.");
    }
  }

  /**
   * The settings for {@code master} with the defaults: name "mlmp", 1 cpu per task, 2048 MB off-heap, the driver's
   * {@code OPENBLAS_CORETYPE} (null when unset or not a core name).
   *
   * @param master the Spark master URL
   * @return the settings
   */
  public static SparkJobSettings of(String master) {
    String core = System.getenv("OPENBLAS_CORETYPE");
    return new SparkJobSettings(master, "mlmp", 1, 2048,
        core == null || !CORE_TYPE.matcher(core).matches() ? null : core);
  }

  /**
   * A copy with another application name.
   *
   * @param appName the name the cluster manager shows
   * @return the copy
   */
  public SparkJobSettings withAppName(String appName) {
    return new SparkJobSettings(master, appName, taskCpus, offHeapMegabytes, openblasCoreType);
  }

  /**
   * A copy with another number of cores (and ND4J/BLAS threads) per task.
   *
   * @param taskCpus ≥ 1
   * @return the copy
   */
  public SparkJobSettings withTaskCpus(int taskCpus) {
    return new SparkJobSettings(master, appName, taskCpus, offHeapMegabytes, openblasCoreType);
  }

  /**
   * A copy with another off-heap size per executor.
   *
   * @param offHeapMegabytes ND4J's off-heap memory per executor in MB (≥ 64)
   * @return the copy
   */
  public SparkJobSettings withOffHeapMegabytes(int offHeapMegabytes) {
    return new SparkJobSettings(master, appName, taskCpus, offHeapMegabytes, openblasCoreType);
  }

  /**
   * A copy with another OpenBLAS kernel for the executors.
   *
   * @param openblasCoreType an OpenBLAS core name (Haswell, SkylakeX, Zen, ...), or null for each executor's own
   * @return the copy
   */
  public SparkJobSettings withOpenblasCoreType(String openblasCoreType) {
    return new SparkJobSettings(master, appName, taskCpus, offHeapMegabytes, openblasCoreType);
  }

  /**
   * {@link #toSparkConf(SparkConf)} on {@code new SparkConf()} (which reads the {@code spark.*} system properties
   * {@code spark-submit} sets).
   *
   * @return the configuration for a {@code JavaSparkContext}
   */
  public SparkConf toSparkConf() {
    return toSparkConf(new SparkConf());
  }

  /**
   * Adds these settings to {@code base} (see the class comment: keys {@code base} sets are kept, mlmp's executor
   * JVM options go before the user's) and sets the master and name.
   *
   * @param base the configuration to complete (changed and returned)
   * @return {@code base}
   */
  public SparkConf toSparkConf(SparkConf base) {
    base.setMaster(master).setAppName(appName);
    base.setIfMissing("spark.task.cpus", Integer.toString(taskCpus));
    String threads = Integer.toString(base.getInt("spark.task.cpus", taskCpus));
    for (String variable : new String[] {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MLMP_THREADS"}) {
      base.setIfMissing("spark.executorEnv." + variable, threads);
    }
    if (openblasCoreType != null) base.setIfMissing("spark.executorEnv.OPENBLAS_CORETYPE", openblasCoreType);
    base.setIfMissing("spark.executorEnv.GLIBC_TUNABLES", MALLOC_TUNABLES);
    base.setIfMissing("spark.task.maxDirectResultSize", DIRECT_RESULT_SIZE);
    base.setIfMissing("spark.executor.memoryOverhead", (offHeapMegabytes + JVM_OVERHEAD_MB) + "m");
    long heap = base.getSizeAsMb("spark.executor.memory", "1g");
    String ours = sparkJvmOptions() + " -Dorg.bytedeco.javacpp.maxbytes=" + offHeapMegabytes + "M"
        + " -Dorg.bytedeco.javacpp.maxphysicalbytes=" + (heap + offHeapMegabytes + JVM_OVERHEAD_MB) + "M";
    String theirs = base.get("spark.executor.extraJavaOptions", "").strip();
    base.set("spark.executor.extraJavaOptions", theirs.isEmpty() ? ours : ours + " " + theirs);
    if (SparkMaster.inProcess(master)) {
      base.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1")
          .setIfMissing("spark.ui.enabled", "false");
    }
    return base;
  }

  /**
   * The JVM options Spark 4 needs on Java 17 ({@code --add-opens ...}), one line: the list the launcher passes to
   * {@code ./mlmp spark} (the resource {@code org/mlmp/spark/jvm-options.txt}, filled in by the build).
   *
   * @return the options separated by spaces
   * @throws IllegalStateException if the resource is missing (a build without mlmp-spark's resources)
   */
  public static String sparkJvmOptions() {
    try (InputStream in = SparkJobSettings.class.getResourceAsStream("jvm-options.txt")) {
      if (in == null) {
        throw new IllegalStateException("org/mlmp/spark/jvm-options.txt is missing from mlmp-spark's jar. Rebuild"
            + " mlmp-spark (mvn -pl mlmp-spark -am package).");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
