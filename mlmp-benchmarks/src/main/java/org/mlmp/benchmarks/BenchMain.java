package org.mlmp.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code benchmarks.jar}: sets what the natives read when they load and then runs JMH.
 *
 * <p>The OpenBLAS kernel ({@code OPENBLAS_CORETYPE}) and thread count are read from the environment
 * when the native library loads, so they cannot be set from inside a running JVM nor through
 * {@code @Fork(jvmArgs)}. This class therefore re-executes itself once with that environment (keeping
 * any value already set), and JMH's forks inherit it. Arguments are JMH's ({@code -h} lists them).
 */
public final class BenchMain {
  static final String CHILD = "MLMP_BENCH_CHILD";
  /**
   * Where the results go unless {@code -rf/-rff} are given: under the working directory's {@code mlmp-out/}, as every
   * {@code ./mlmp} command writes its files (git-ignored in this repository), with the report beside it.
   */
  static final Path DEFAULT_RESULTS = Path.of("mlmp-out", "benchmarks", "results.json");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (System.getenv(CHILD) != null) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    List<String> jmhArgs = new ArrayList<>(List.of(args));
    Path results = null;
    boolean listing = jmhArgs.stream().anyMatch(a -> a.equals("-l") || a.equals("-h") || a.equals("-lp") || a.equals("-lprof"));
    if (!listing && !jmhArgs.contains("-rf") && !jmhArgs.contains("-rff")) {
      results = DEFAULT_RESULTS.toAbsolutePath();
      Files.createDirectories(results.getParent());
      jmhArgs.addAll(List.of("-rf", "json", "-rff", results.toString()));
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(BenchJvm.options());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BenchMain.class.getName());
    cmd.addAll(jmhArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    Map<String, String> env = pb.environment();
    env.put(CHILD, "1");
    String core = nativeEnvironment(env);
    System.err.println("benchmarks: OPENBLAS_CORETYPE=" + core + (System.getenv("OPENBLAS_CORETYPE") == null
        ? " (set by mlmp: AVX2 processor)" : " (kept from the environment)"));
    int code = pb.start().waitFor();
    if (code == 0 && results != null && Files.exists(results)) {
      BenchReport.write(results, core, mnistNote());
      System.err.println("benchmarks: results in " + results + ", " + results.resolveSibling("results.md") + " and "
          + results.resolveSibling("results.png"));
    }
    System.exit(code);
  }

  /** Which MNIST the training benchmarks use (they record it in their log too). */
  static String mnistNote() {
    Path dir = org.mlmp.data.DataDirectory.resolve(null);
    Path found = org.mlmp.data.MnistData.locate(org.mlmp.data.MnistData.Kind.MNIST, dir);
    return found == null ? "MNIST benchmarks used synthetic MNIST-shaped data (no MNIST in " + dir + ")."
        : "MNIST benchmarks used the real MNIST training images from " + found + ".";
  }

  /**
   * Sets OPENBLAS_CORETYPE (Haswell on AVX2 processors) and GLIBC_TUNABLES (as ./mlmp: README, "Memory") unless
   * set; returns the OPENBLAS_CORETYPE in force.
   */
  static String nativeEnvironment(Map<String, String> env) throws IOException {
    if (env.get("OPENBLAS_CORETYPE") == null) {
      String cpuinfo = Files.exists(Path.of("/proc/cpuinfo")) ? Files.readString(Path.of("/proc/cpuinfo")) : "";
      if (cpuinfo.contains(" avx2") && cpuinfo.contains(" fma")) env.put("OPENBLAS_CORETYPE", "Haswell");
    }
    env.putIfAbsent("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1:glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=33554432:glibc.malloc.arena_max=1"); // as ./mlmp (README, "Memory")
    return env.getOrDefault("OPENBLAS_CORETYPE", "(unset: OpenBLAS chooses)");
  }

}
