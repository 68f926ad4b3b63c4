package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.Mlmp;
import org.mlmp.data.CsvTable;
import org.mlmp.api.Dataset;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which native build is loaded when mlmp is not initialised first: child JVMs, since ND4J starts once
 * per JVM. Each child prints "preferred=", "loaded=" (from JavaCPP's loaded libraries) and
 * "report=" (BackendReport.nativeBuild()).
 */
class NativeBuildChildJvmTest {
  private static final String PLATFORM = NativeBuild.platform();

  @Test
  void dataEntryPointWithoutInitLoadsTheBuildMlmpChooses(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("t.csv");
    Files.writeString(csv, "a,b,y\n1,2,3\n4,5,6\n");
    String out = run(FromData.class, csv.toString());
    Map<String, String> v = values(out);
    assertEquals(PLATFORM + NativeBuild.choose(CpuFeatures.current(), PLATFORM, getClass().getClassLoader()),
        v.get("loaded"), out);
    assertEquals(v.get("loaded"), v.get("report"), out);
    assertFalse(out.contains("ND4J was started before mlmp"), out);
  }

  @Test
  void nd4jStartedByTheUserGivesOneWarningNamingTheLoadedBuild() throws Exception {
    String out = run(UserFirst.class);
    Map<String, String> v = values(out);
    String loaded = v.get("loaded");
    assertTrue(loaded.startsWith(PLATFORM), out);
    assertEquals(loaded, v.get("report"), "the report names the build JavaCPP loaded:\n" + out);
    int warnings = count(out, "WARN.*ND4J was started before mlmp");
    assertEquals(1, warnings, out);
    assertTrue(out.contains("ND4J was started before mlmp and loaded the native build " + loaded + ";"), out);
    if (!loaded.equals(v.get("preferred"))) {
      assertTrue(out.contains("mlmp would have chosen " + v.get("preferred") + " for this processor"), out);
      assertTrue(out.contains("may be slower"), out);
    }
    assertTrue(out.contains("Call org.mlmp.Mlmp.init() before your code first touches Nd4j"), out);
  }

  @Test
  void initFirstLoadsAndReportsThePreferredBuild() throws Exception {
    String out = run(InitOnly.class);
    Map<String, String> v = values(out);
    assertEquals(v.get("preferred"), v.get("loaded"), out);
    assertEquals(v.get("loaded"), v.get("report"), out);
  }

  @Test
  void reportNamesTheLoadedBuildNotTheProperty() throws Exception {
    // The user's own choice of build is kept and reported as loaded.
    String out = run(InitOnly.class, "-Dorg.bytedeco.javacpp.platform.extension=-onednn");
    Map<String, String> v = values(out);
    assertEquals(PLATFORM + "-onednn", v.get("loaded"), out);
    assertEquals(PLATFORM + "-onednn", v.get("report"), out);
  }

  /**
   * With OPENBLAS_CORETYPE unset (the children's environment drops it), mlmp sets the kernel it recommends before
   * OpenBLAS loads, whether the first use is a data entry point or Mlmp.init(); a value the user set is kept.
   */
  @Test
  void mlmpSetsTheOpenBlasKernelBeforeItLoadsAndKeepsTheUsers() throws Exception {
    String want = OpenBlasKernel.recommended(CpuFeatures.current());
    org.junit.jupiter.api.Assumptions.assumeTrue(want != null, "no AVX2: mlmp leaves the kernel to OpenBLAS");
    Path csv = Files.createTempFile("mlmp", ".csv");
    Files.writeString(csv, "a,b,y\n1,2,3\n4,5,6\n");
    assertEquals(want, values(run(FromData.class, Map.of(), csv.toString())).get("core"));
    assertEquals(want, values(run(InitOnly.class, Map.of())).get("core"));
    assertEquals("Sandybridge", values(run(InitOnly.class, Map.of("OPENBLAS_CORETYPE", "Sandybridge"))).get("core"));
    Files.delete(csv);
  }

  /** On a kernel known to compute wrong Cholesky factors, kernel ridge regression stops with the fix named. */
  @Test
  void kernelRidgeRefusesAKernelKnownToBeWrong() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(CpuFeatures.current().avx512(), "SkylakeX needs AVX-512");
    String out = run(KernelRidgeFit.class, Map.of("OPENBLAS_CORETYPE", "SkylakeX"));
    assertEquals("SkylakeX", values(out).get("core"), out);
    assertTrue(out.contains("refused=LAPACK dposv refused: OpenBLAS runs its SkylakeX kernel, whose Cholesky"
        + " factorisation returned wrong factors"), out);
    assertTrue(out.contains("Start the JVM with OPENBLAS_CORETYPE=Haswell"), out);
  }

  @Test
  void loadedBuildIsReadFromTheLibraryPath() {
    assertEquals("linux-x86_64-onednn-avx2", NativeBuild.loaded(Map.of(
        "jnijavacpp", "/c/javacpp/org/bytedeco/javacpp/linux-x86_64/libjnijavacpp.so",
        "jnind4jcpu", "/c/cache/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2.jar/org/nd4j/linalg/cpu/nativecpu/"
            + "bindings/linux-x86_64-onednn-avx2/libjnind4jcpu.so")).orElseThrow());
    assertTrue(NativeBuild.loaded(Map.of("jnijavacpp", "/x/libjnijavacpp.so")).isEmpty());
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) n++;
    return n;
  }

  private static Map<String, String> values(String out) {
    Map<String, String> m = new java.util.HashMap<>();
    for (String line : out.split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).matches("preferred|loaded|report|core|refused")) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }

  private static String run(Class<?> main, String... args) throws Exception {
    return run(main, Map.of(), args);
  }

  /** A child JVM without MLMP_BACKEND and OPENBLAS_CORETYPE in its environment, plus {@code env}. */
  private static String run(Class<?> main, Map<String, String> env, String... args) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
    List<String> rest = new ArrayList<>();
    for (String a : args) (a.startsWith("-D") ? cmd : rest).add(a);
    cmd.add(main.getName());
    cmd.addAll(rest);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("MLMP_BACKEND");
    pb.environment().remove(OpenBlasKernel.ENV);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  static void print() {
    System.out.println("preferred=" + PLATFORM + NativeBuild.choose(CpuFeatures.current(), PLATFORM,
        NativeBuildChildJvmTest.class.getClassLoader()));
    System.out.println("loaded=" + NativeBuild.loaded(org.bytedeco.javacpp.Loader.getLoadedLibraries()).orElse("none"));
    System.out.println("report=" + Mlmp.init().nativeBuild());
    System.out.println("core=" + OpenBlasKernel.loadedCoreName().orElse("none"));
  }

  /** (a) The first use of ND4J is a data entry point; no Mlmp.init() before it. */
  public static final class FromData {
    public static void main(String[] args) throws Exception {
      Dataset d = CsvTable.read(Path.of(args[0])).toDataset("y");
      if (d.x().rows() != 2) throw new AssertionError("rows " + d.x().rows());
      print();
    }
  }

  /**
   * (b) The application starts ND4J itself where mlmp's start hook cannot run (as in a repackaged jar
   * that dropped mlmp's service entry): simulated by a class loader that hides that entry.
   */
  public static final class UserFirst {
    public static void main(String[] args) {
      ClassLoader parent = UserFirst.class.getClassLoader();
      ND4JClassLoading.setNd4jClassloader(new ClassLoader(parent) {
        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
          List<URL> kept = new ArrayList<>();
          for (URL u : Collections.list(super.getResources(name))) {
            try (InputStream in = u.openStream()) {
              if (!new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(Nd4jStartHook.class.getName())) kept.add(u);
            }
          }
          return Collections.enumeration(kept);
        }
      });
      Nd4j.create(new double[] {1, 2, 3});
      print();
      Mlmp.init();
    }
  }

  /** (d) A kernel ridge fit, printing the refusal of a kernel known to be wrong. */
  public static final class KernelRidgeFit {
    public static void main(String[] args) {
      print();
      double[][] x = new double[40][2];
      double[] y = new double[40];
      for (int i = 0; i < 40; i++) {
        x[i][0] = i / 40.0;
        x[i][1] = Math.sin(i);
        y[i] = x[i][0] + x[i][1];
      }
      try {
        org.mlmp.kernelmethods.KernelRidge.of(org.mlmp.kernel.Gaussian.of(1), 0.1)
            .fit(Dataset.of(Nd4j.createFromArray(x), Nd4j.createFromArray(y).reshape(40, 1)));
        System.out.println("refused=no");
      } catch (IllegalStateException e) {
        System.out.println("refused=" + e.getMessage());
      }
    }
  }

  /** (c) Mlmp.init() first, with the user's own build property. */
  public static final class InitOnly {
    public static void main(String[] args) {
      Mlmp.init();
      print();
    }
  }
}
