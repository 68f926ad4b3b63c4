package org.mlmp.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KernelSuiteTest {
  /** t = 2e-9 n³ measured at n = 1000, 2000, 4000 has the log-log slope 3; a line through noise gives its LS slope. */
  @Test
  void costExponentIsTheLogLogSlope() {
    int[] n = {1000, 2000, 4000};
    double[] x = new double[3], y = new double[3];
    for (int i = 0; i < 3; i++) {
      x[i] = Math.log(n[i]);
      y[i] = Math.log(2e-9 * Math.pow(n[i], 3));
    }
    assertEquals(3.0, KernelSuite.slope(x, y), 1e-12);
    // hand-computable least squares: points (0, 0), (1, 1), (2, 3) -> slope 1.5
    assertEquals(1.5, KernelSuite.slope(new double[] {0, 1, 2}, new double[] {0, 1, 3}), 1e-15);
  }
}
