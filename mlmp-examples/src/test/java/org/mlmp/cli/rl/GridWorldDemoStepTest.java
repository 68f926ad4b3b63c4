package org.mlmp.cli.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GridWorldDemoStepTest {
  @Test
  void printsValuesAndAnOptimalLearnedPolicy() {
    StringWriter s = new StringWriter();
    new GridWorldDemoStep().run(null, new PrintWriter(s));
    String text = s.toString();
    assertTrue(text.contains("  -6  -5  -4  -3"), text);
    assertTrue(text.contains("0 non-optimal cells"), text);
  }
}
