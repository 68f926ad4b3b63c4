package org.mlmp.cli.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.CliRun;

class NnCommandsTest {
  @Test
  void convDemoPrintsTheCoursesFeatureMap() {
    CliRun r = CliRun.of("conv-demo");
    assertEquals(0, r.exitCode(), r.err());
    // The course's answer for this input and filter (cross-correlation, stride 1, no padding).
    assertTrue(r.out().endsWith("  12  12  17\n  10  17  19\n   9   6  14\n"), r.out());
  }

  @Test
  void mnistWithoutDataSaysWhereItLookedAndHowToFetch(@TempDir Path empty) {
    CliRun r = CliRun.of("mnist", "--data-dir", empty.toString(), "--out", empty.resolve("out").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("MNIST was not found") && r.err().contains("./mlmp data fetch"), r.err());
  }

  @Test
  void unknownModelIsRejected(@TempDir Path empty) {
    CliRun r = CliRun.of("fashion-mnist", "--model", "rnn", "--data-dir", empty.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--model must be cnn or mlp. Got 'rnn' instead."), r.err());
  }

  @Test
  void demoStepShowsConvolutionAndPerceptron(@TempDir Path dir) {
    java.io.StringWriter w = new java.io.StringWriter();
    new NetworksDemoStep().run(new org.mlmp.cli.DemoCommand.Context(dir, dir), new java.io.PrintWriter(w));
    String s = w.toString();
    assertTrue(s.contains("  12  12  17\n  10  17  19\n   9   6  14\n"), s);
    assertTrue(s.contains("perceptron on AND: converged") && s.contains("training accuracy 1.00"), s);
    assertTrue(s.contains("perceptron on XOR: not converged after 50 epochs"), s);
  }
}
