package org.mlmp.cli.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.DemoCommand;

class LinearDemoStepTest {
  @Test
  void runsTheShortTourStopAndWritesItsPlots(@TempDir Path dir) throws Exception {
    LinearDemoStep step = new LinearDemoStep();
    assertEquals(100, step.order());
    StringWriter out = new StringWriter();
    step.run(new DemoCommand.Context(dir, dir), new PrintWriter(out, true));
    assertTrue(out.toString().contains("lasso"), out.toString());
    assertTrue(Files.size(dir.resolve("regularization-l0-path.png")) > 2000);
  }
}
