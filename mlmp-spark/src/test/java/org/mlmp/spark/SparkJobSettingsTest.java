package org.mlmp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** What every executor gets from {@link SparkJobSettings}, and the defaults a user's own settings keep. */
class SparkJobSettingsTest {
  /** A base without the system properties (the tests' JVM is no spark-submit). */
  static SparkConf bare() {
    return new SparkConf(false);
  }

  @Test
  void executorsGetTheLaunchersThreadsKernelAndOffHeapLimits() {
    SparkConf c = SparkJobSettings.of("spark://10.0.0.1:7077").withAppName("job").withTaskCpus(2)
        .withOffHeapMegabytes(1536).withOpenblasCoreType("Haswell").toSparkConf(bare().set("spark.executor.memory", "2g"));
    assertEquals("spark://10.0.0.1:7077", c.get("spark.master"));
    assertEquals("job", c.get("spark.app.name"));
    assertEquals("2", c.get("spark.task.cpus"));
    assertEquals("2", c.get("spark.executorEnv.OMP_NUM_THREADS"));
    assertEquals("2", c.get("spark.executorEnv.OPENBLAS_NUM_THREADS"));
    assertEquals("2", c.get("spark.executorEnv.MLMP_THREADS"));
    assertEquals("Haswell", c.get("spark.executorEnv.OPENBLAS_CORETYPE"));
    assertEquals("glibc.malloc.hugetlb=1", c.get("spark.executorEnv.GLIBC_TUNABLES"));
    assertEquals("64m", c.get("spark.task.maxDirectResultSize"));
    assertEquals("1920m", c.get("spark.executor.memoryOverhead")); // 1536 off-heap + 384 for the JVM
    String options = c.get("spark.executor.extraJavaOptions");
    assertTrue(options.startsWith("-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED "),
        options);
    assertTrue(options.contains(" --add-opens=java.base/sun.nio.ch=ALL-UNNAMED "), options);
    assertTrue(options.endsWith(" -Dorg.bytedeco.javacpp.maxbytes=1536M"
        + " -Dorg.bytedeco.javacpp.maxphysicalbytes=3968M"), options); // 2048 heap + 1536 + 384
    assertEquals(SparkJobSettings.sparkJvmOptions() + " -Dorg.bytedeco.javacpp.maxbytes=1536M"
        + " -Dorg.bytedeco.javacpp.maxphysicalbytes=3968M", options);
    assertFalse(c.contains("spark.driver.host"), "a cluster's driver binds where Spark decides");
    assertFalse(c.contains("spark.ui.enabled"));
  }

  @Test
  void aUsersOwnSettingsAreKeptAndTheThreadsFollowTheirTaskCpus() {
    SparkConf c = SparkJobSettings.of("yarn").withOpenblasCoreType(null).toSparkConf(bare()
        .set("spark.task.cpus", "4").set("spark.executor.memoryOverhead", "5g")
        .set("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxbytes=3G -XX:+UseG1GC")
        .set("spark.executorEnv.OPENBLAS_CORETYPE", "Zen").set("spark.executorEnv.GLIBC_TUNABLES", "glibc.malloc.hugetlb=0")
        .set("spark.task.maxDirectResultSize", "2m"));
    assertEquals("4", c.get("spark.task.cpus"));
    assertEquals("4", c.get("spark.executorEnv.OMP_NUM_THREADS"));
    assertEquals("4", c.get("spark.executorEnv.MLMP_THREADS"));
    assertEquals("5g", c.get("spark.executor.memoryOverhead"));
    assertEquals("Zen", c.get("spark.executorEnv.OPENBLAS_CORETYPE"));
    assertEquals("glibc.malloc.hugetlb=0", c.get("spark.executorEnv.GLIBC_TUNABLES"));
    assertEquals("2m", c.get("spark.task.maxDirectResultSize"));
    // mlmp's options first, the user's after them (the last -D of a name wins)
    assertTrue(c.get("spark.executor.extraJavaOptions").endsWith(" -Dorg.bytedeco.javacpp.maxbytes=2048M"
        + " -Dorg.bytedeco.javacpp.maxphysicalbytes=3456M -Dorg.bytedeco.javacpp.maxbytes=3G -XX:+UseG1GC"),
        c.get("spark.executor.extraJavaOptions"));
    SparkConf none = SparkJobSettings.of("yarn").withOpenblasCoreType(null).toSparkConf(bare());
    assertFalse(none.contains("spark.executorEnv.OPENBLAS_CORETYPE"));
    assertEquals("1", none.get("spark.executorEnv.OPENBLAS_NUM_THREADS"));
  }

  @Test
  void inProcessMastersBindTheDriverToLoopbackWithoutUi() {
    SparkConf c = SparkJobSettings.of("local[2]").toSparkConf(bare());
    assertEquals("127.0.0.1", c.get("spark.driver.host"));
    assertEquals("127.0.0.1", c.get("spark.driver.bindAddress"));
    assertEquals("false", c.get("spark.ui.enabled"));
    assertEquals("mlmp", c.get("spark.app.name"));
    assertEquals(System.getenv("OPENBLAS_CORETYPE"), SparkJobSettings.of("local").openblasCoreType(),
        "the default kernel is the driver's (the launcher's choice)");
  }

  @Test
  void badSettingsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkJobSettings.of("local").withTaskCpus(0));
    assertEquals("The 'taskCpus' of SparkJobSettings must be >= 1. Got 0 instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SparkJobSettings.of("local").withOffHeapMegabytes(10));
    assertEquals("The 'offHeapMegabytes' of SparkJobSettings must be >= 64 (ND4J's arrays live there). Got 10"
        + " instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SparkJobSettings.of("local").withOpenblasCoreType("Haswell; rm"));
    assertEquals("The 'openblasCoreType' of SparkJobSettings must be an OpenBLAS core name such as Haswell, SkylakeX"
        + " or Zen, or null. Got 'Haswell; rm' instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SparkJobSettings.of(" "));
    assertEquals("The 'master' of SparkJobSettings is empty. Use local[N], spark://HOST:PORT, yarn or"
        + " k8s://https://HOST:PORT.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SparkJobSettings.of("local").withAppName(""));
    assertEquals("The 'appName' of SparkJobSettings is empty. Give the name the cluster manager shows, e.g."
        + " \"mlmp\".", e.getMessage());
  }
}
