package org.mlmp.benchmarks;

import java.util.List;
import org.mlmp.backend.VectorApi;

/**
 * JVM options of every benchmark process: a fixed heap and JavaCPP's off-heap limits (ND4J keeps its
 * arrays off the Java heap; without a limit it may use twice -Xmx and then fail with a confusing
 * OutOfMemoryError). The same values are given to JMH's forks through {@code @Fork(jvmArgsAppend)}.
 */
final class BenchJvm {
  private BenchJvm() {}

  static final String HEAP = "-Xmx4g";
  static final String MAX_BYTES = "-Dorg.bytedeco.javacpp.maxbytes=8G";
  static final String MAX_PHYSICAL = "-Dorg.bytedeco.javacpp.maxphysicalbytes=14G";

  /**
   * The benchmarks' logging configuration has its own name: mlmp-examples has this module on its class
   * path, and two logback.xml files there made Logback print status lines to the CLI's standard output.
   * JMH's forks inherit the host JVM's options, this one included.
   */
  static final String LOGBACK = "-Dlogback.configurationFile=logback-benchmarks.xml";

  /** The JDK's Vector API for mlmp's loops over off-heap memory (org.mlmp.backend.VectorApi), as ./mlmp gives it. */
  static final String VECTOR_API = "--add-modules=" + VectorApi.MODULE;

  static List<String> options() {
    return List.of(HEAP, MAX_BYTES, MAX_PHYSICAL, LOGBACK, VECTOR_API);
  }
}
