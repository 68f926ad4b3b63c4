package org.mlmp.cli.unsupervised;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DensityDemoStepTest {
  @Test
  void klDivergenceFallsWithTheSampleSize() {
    List<KlDivergenceTable.KlRow> rows = KlDivergenceTable.compute(new int[] {50, 2000}, 4000, 0);
    assertTrue(rows.get(1).gmm().value() < rows.get(0).gmm().value());
    assertTrue(rows.get(1).kde().value() < rows.get(0).kde().value());
    assertTrue(rows.get(1).gmm().value() < rows.get(1).kde().value(), "the correctly specified model wins");
  }

  @Test
  void printsOneRowPerSampleSize() {
    StringWriter s = new StringWriter();
    new DensityDemoStep().run(null, new PrintWriter(s));
    assertTrue(s.toString().lines().filter(l -> l.matches("\\s+\\d+\\s+.*±.*±.*")).count() == 4, s.toString());
  }
}
