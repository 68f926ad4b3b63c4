package org.mlmp.cli.kernel;

import org.mlmp.cli.CliRun;
import org.mlmp.cli.DemoCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mlmp krr-muller-brown, krr-lennard-jones and svm on small sizes. */
class KernelCommandsTest {
  @TempDir Path dir;

  static void assertPng(Path p) throws Exception {
    byte[] b = Files.readAllBytes(p);
    assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', p + " is not a PNG");
  }

  @Test
  void krrMullerBrown() throws Exception {
    CliRun r = CliRun.of("krr-muller-brown", "--train", "200", "--test", "200", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertTrue(j.get("energyMae").asDouble() < 1.0, r.out());
    assertTrue(j.get("forceMae").asDouble() > 0 && j.get("forceRmse").asDouble() >= j.get("forceMae").asDouble());
    assertTrue(j.get("learningCurve").size() >= 3);
    assertTrue(Math.abs(j.get("md").get("driftPerStep").asDouble()) < 1e-3, r.out());
    assertTrue(r.err().contains("log-log slope"), r.err());
    for (JsonNode p : j.get("png")) assertPng(Path.of(p.asText()));
  }

  @Test
  void krrLennardJones() throws Exception {
    CliRun r = CliRun.of("krr-lennard-jones", "--train", "150", "--test", "50", "--steps", "300", "--out",
        dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertTrue(j.get("energyMae").asDouble() < 0.01, r.out());
    assertTrue(Math.abs(j.get("md").get("learnedDriftPerStep").asDouble()) < 1e-5, r.out());
    assertPng(Path.of(j.get("png").asText()));
  }

  @Test
  void svmMoons() throws Exception {
    CliRun r = CliRun.of("svm", "--n", "80", "--folds", "2", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(12, j.get("crossValidation").size()); // 4 C × 3 σ
    assertTrue(j.get("testAccuracy").asDouble() > 0.8, r.out());
    assertPng(Path.of(j.get("png").asText()));
  }

  @Test
  void demoStepRunsAndWritesItsPlots() throws Exception {
    java.io.StringWriter text = new java.io.StringWriter();
    new KernelDemoStep().run(new DemoCommand.Context(dir, dir), new java.io.PrintWriter(text, true));
    assertTrue(text.toString().contains("energy MAE") && text.toString().contains("test accuracy"), text.toString());
    assertPng(dir.resolve("kernels/muller-brown-learned.png"));
    assertPng(dir.resolve("kernels/svm-decision-boundary.png"));
  }
}
