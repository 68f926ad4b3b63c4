package org.mlmp.cli.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.CliRun;

class RegularizationCommandTest {
  @TempDir Path dir;

  @Test
  void smallRunPrintsFourPenaltiesAndWritesEightPlots() throws Exception {
    CliRun r = CliRun.of("regularization", "--samples", "80", "--features", "10", "--lambdas", "6", "--folds", "3",
        "--noise", "0.3", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String p : List.of("ridge", "lasso", "elastic-net", "l0")) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(p + " ")), "no row for " + p + ":\n" + r.out());
      for (String kind : List.of("path", "cv")) {
        Path png = dir.resolve("regularization-" + p + "-" + kind + ".png");
        assertTrue(Files.size(png) > 2000, png + " missing or tiny");
      }
    }
  }

  @Test
  void exactL0RecoversThePlantedSupportAtLowNoise() throws Exception {
    List<RegularizationExample.MethodResult> res = new RegularizationExample(200, 12, 0.5, 0.3, 12, 4, 1)
        .run(new java.io.PrintWriter(new java.io.StringWriter()), dir);
    RegularizationExample.MethodResult l0 = res.get(3);
    assertEquals("l0", l0.name());
    assertTrue(l0.supportRecovered(), "L0 chose " + l0.nonZero() + " features");
    assertEquals(20, res.get(0).nonZero() + 8, "ridge keeps all 12 features");
  }

  @Test
  void badOptionIsNamed() {
    CliRun r = CliRun.of("regularization", "--features", "3", "--out", dir.toString());
    assertEquals(1, r.exitCode());
    assertEquals("mlmp regularization: --features must be >= 4 (the truth has 4). Got 3 instead.", r.err().trim());
  }
}
