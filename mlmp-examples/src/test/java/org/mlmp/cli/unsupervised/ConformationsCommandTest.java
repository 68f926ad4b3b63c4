package org.mlmp.cli.unsupervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.CliRun;

class ConformationsCommandTest {
  @Test
  void findsTheThreeMullerBrownMinimaAndWritesBothPlots(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.of("conformations", "--lj-samples", "60", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    // with the default trajectory (4000 frames at kT = 15, seed 0) each k-means centre lies near a different minimum
    for (String m : new String[] {"A (-0.558, 1.442)", "B (0.623, 0.028)", "C (-0.050, 0.467)"}) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  cluster") && l.contains(m)
          && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) < 0.1), "no k-means centre near " + m + ":\n" + r.out());
    }
    assertTrue(r.out().contains("Gaussian mixture BIC:"), r.out());
    assertTrue(r.out().contains("PCA of the 21 sorted interatomic distances"), r.out());
    assertTrue(Files.size(dir.resolve("muller-brown-states.png")) > 1000);
    assertTrue(Files.size(dir.resolve("lennard-jones-pca.png")) > 1000);
  }

  @Test
  void sortedDistancesAreInvariantUnderRelabellingAndTranslation() {
    double[] q = {0, 0, 0, 1, 0, 0, 0, 2, 0};
    double[] swapped = {1.5, 2, 3, 0.5, 4, 3, 0.5, 2, 3}; // atoms 2, 0, 1, shifted by (0.5, 2, 3)
    assertArrayEquals(ConformationsCommand.sortedDistances(q, 3), ConformationsCommand.sortedDistances(swapped, 3), 1e-15);
    assertArrayEquals(new double[] {1, 2, Math.sqrt(5)}, ConformationsCommand.sortedDistances(q, 3), 1e-15);
  }

  @Test
  void badOptionsAreOneLineErrors() {
    CliRun r = CliRun.of("conformations", "--samples", "10");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--samples must be >= 50. Got 10 instead."), r.err());
  }
}
