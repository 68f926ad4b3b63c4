package org.mlmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line as a user runs it ({@code java -jar mlmp.jar}, with its lib/ class path):
 * standard output carries the result only, errors are one line with exit code 1. In-process tests
 * cannot see what the real class path prints (two logback.xml files once made Logback write its status
 * to standard output).
 */
class PackagedJarIT {
  record JarRun(int code, String out, String err) {}

  static JarRun mlmp(Path dir, String... args) throws Exception {
    return mlmp(dir, java.util.Map.of(), args);
  }

  static JarRun mlmp(Path dir, java.util.Map<String, String> env, String... args) throws Exception {
    // set by failsafe after `package`; absent when a -Dtest filter runs this class under surefire
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("mlmp.jar") != null, "run by failsafe (mvn verify)");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("mlmp.jar")));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
    // run in dir: a command's default outputs (mlmp-out/<command>) land there
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "mlmp did not finish");
    return new JarRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void fitPrintsExactlyOneJsonObject(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,y\n1,2\n3,4\n");
    JarRun r = mlmp(dir, "fit", "--model", "mean", "--data", csv.toString(), "--target", "y");
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.out().lines().count(), "standard output:\n" + r.out());
    assertEquals(3.0, new ObjectMapper().readTree(r.out()).get("mean").asDouble(), 0);
  }

  @Test
  void infoReportsTheCpuBackendAndBadInputIsOneLine(@TempDir Path dir) throws Exception {
    JarRun info = mlmp(dir, "info", "--data-dir", dir.toString());
    assertEquals(0, info.code(), info.err());
    assertTrue(info.out().startsWith("backend:            cpu"), info.out());
    JarRun bad = mlmp(dir, "fit", "--model", "mean", "--data", dir.resolve("missing.csv").toString(), "--target", "y");
    assertEquals(1, bad.code());
    assertEquals("", bad.out());
    assertTrue(bad.err().strip().endsWith("does not exist. Check the path, or give an absolute one."), bad.err());
    assertTrue(bad.err().lines().filter(l -> l.startsWith("mlmp fit:")).count() == 1, bad.err());
  }

  /**
   * OpenBLAS's SkylakeX kernel made double dpotrf fail on positive-definite matrices on this project's
   * AVX-512 machines: info must then say "lapack check: FAILED" and exit 1 with the fix, without a stack
   * trace. (Where the kernel happens to compute correctly, the check must say ok and exit 0.)
   */
  @Test
  void wrongBlasKernelIsReportedNotCrashedOn(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.readString(Path.of("/proc/cpuinfo")).contains("avx512f"),
        "needs an AVX-512 processor for the SkylakeX kernel");
    JarRun r = mlmp(dir, java.util.Map.of("OPENBLAS_CORETYPE", "SkylakeX"), "info", "--data-dir", dir.toString());
    assertTrue(r.out().contains("blas kernel:        SkylakeX"), r.out());
    assertTrue(!r.err().contains("\tat "), "no stack trace expected:\n" + r.err());
    boolean failed = r.out().contains("lapack check:       FAILED");
    assertTrue(failed || r.out().contains("lapack check:       ok"), r.out());
    assertEquals(failed ? 1 : 0, r.code(), r.err());
    if (failed) assertTrue(r.err().contains("Set OPENBLAS_CORETYPE=Haswell"), r.err());
  }

  /**
   * The option vocabulary as a user types it: fit --save writes the file predict --model-file reads; the global
   * --backend and --threads are accepted after the subcommand; a command's files go to mlmp-out/<command> in the
   * working directory by default.
   */
  @Test
  void predictReadsTheSavedModelFileAndDefaultOutputsGoToMlmpOut(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,y\n1,2\n3,4\n"), model = dir.resolve("mean.mlmp");
    JarRun fit = mlmp(dir, "fit", "--model", "mean", "--data", csv.toString(), "--target", "y", "--save", model.toString(),
        "--backend", "cpu");
    assertEquals(0, fit.code(), fit.err());
    JarRun pred = mlmp(dir, "predict", "--model-file", model.toString(), "--data", csv.toString(), "--threads", "1");
    assertEquals(0, pred.code(), pred.err());
    assertEquals("[3.0,3.0]", new ObjectMapper().readTree(pred.out()).get("predictions").toString(), pred.out());
    JarRun svm = mlmp(dir, "svm", "--n", "40", "--folds", "2");
    assertEquals(0, svm.code(), svm.err());
    assertTrue(Files.size(dir.resolve("mlmp-out/svm/svm-decision-boundary.png")) > 0, svm.out());
    JarRun badBackend = mlmp(dir, "--backend", "tpu", "info");
    assertEquals(2, badBackend.code());
    assertTrue(badBackend.err().contains("--backend must be cpu, cuda or auto. Got 'tpu' instead."), badBackend.err());
  }
}
