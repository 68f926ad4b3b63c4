package org.mlmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
  @Test
  void infoReportsTheCpuBackendWithItsBlasKernel(@TempDir Path data) {
    CliRun r = CliRun.of("info", "--data-dir", data.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("backend:            cpu"), r.out());
    assertTrue(r.out().matches("(?s).*blas kernel:\\s+\\S+.*"), r.out());
    assertTrue(r.out().contains("lapack check:       ok"), r.out());
    // the test JVM has --add-modules=jdk.incubator.vector (mlmp.test.jvm), as ./mlmp's has
    assertTrue(r.out().contains("vector api:         on (jdk.incubator.vector"), r.out());
    assertTrue(r.out().contains("mnist:              missing (./mlmp data fetch)"), r.out());
  }

  @Test
  void versionAndHelp() {
    CliRun v = CliRun.of("--version");
    assertEquals(0, v.exitCode());
    assertTrue(v.out().startsWith("mlmp "), v.out());
    CliRun h = CliRun.of("info", "--help");
    assertEquals(0, h.exitCode());
    assertTrue(h.out().contains("Usage: mlmp info"), h.out());
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    CliRun r = CliRun.of("nonsense");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("Unmatched argument at index 0: 'nonsense'"), r.err());
  }

  @Test
  void badThreadCountIsRejected() {
    CliRun r = CliRun.of("--threads", "0", "info");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--threads must be >= 1. Got 0 instead."), "stderr was: " + r.err());
  }
}
