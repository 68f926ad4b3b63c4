package org.mlmp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
  @Test
  void countsByHand() {
    // truth 0 0 1 1 1 2, predicted 0 1 1 1 2 2: by hand rows (true) = [1 1 0], [0 2 1], [0 0 1];
    // sklearn.metrics.confusion_matrix gives the same orientation.
    ConfusionMatrix m = ConfusionMatrix.of(new double[] {0, 1, 2}, new double[] {0, 0, 1, 1, 1, 2},
        new double[] {0, 1, 1, 1, 2, 2});
    assertArrayEquals(new long[][] {{1, 1, 0}, {0, 2, 1}, {0, 0, 1}}, m.counts());
    assertEquals(6, m.total());
    assertEquals(4, m.correct());
    assertEquals(4.0 / 6, m.accuracy(), 1e-15);
    assertEquals(2.0 / 6, m.errorRate(), 1e-15);
    assertEquals(2.0 / 3, m.recall(1), 1e-15);
    // by hand: column 1 (predicted 1) = 1 + 2 + 0, so precision 2/3; F1 = 2·2/(3 + 3)
    assertEquals(2.0 / 3, m.precision(1), 1e-15);
    assertEquals(2.0 / 3, m.f1(1), 1e-15);
    // class 2: predicted twice (1 right), occurs once: precision 1/2, recall 1, F1 2·1/(2 + 1)
    assertEquals(0.5, m.precision(2), 1e-15);
    assertEquals(2.0 / 3, m.f1(2), 1e-15);
    assertEquals(" true\\pred      0      1      2\n         0      1      1      0\n", m.toString().substring(0, 64));
  }

  @Test
  void unknownLabelAndLengthMismatchAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new double[] {0, 1}, new double[] {0, 3}, new double[] {0, 1}));
    assertEquals("The true label 3.0 in row 1 is not one of the classes [0.0, 1.0].", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new double[] {0, 1}, new double[] {0}, new double[] {0, 1}));
    assertEquals("ConfusionMatrix needs as many predictions as true labels; got 1 true labels and 2 predictions.",
        e.getMessage());
  }
}
