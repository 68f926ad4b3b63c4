package org.mlmp.molecular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplingTest {
  @Test
  void uniformSamplesAreInTheBoxBelowTheCapLabelledAndSeeded() {
    MullerBrown mb = MullerBrown.of();
    double[] lo = {-1.5, -0.2}, hi = {1.2, 2.0};
    Samples s = Sampling.uniform(mb, lo, hi, 200, 50, 4);
    assertEquals(200, s.size());
    double[][] q = s.positions();
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 2; j++) assertTrue(q[i][j] >= lo[j] && q[i][j] < hi[j]);
      assertTrue(s.energies()[i] < 50);
      assertEquals(mb.energy(q[i]), s.energies()[i], 0);
      assertArrayEquals(mb.force(q[i]), s.forces()[i], 0);
    }
    assertArrayEquals(s.energies(), Sampling.uniform(mb, lo, hi, 200, 50, 4).energies(), 0);
  }

  /**
   * Boltzmann check on the double well E = (x² − 1)² at kT = 0.5: the sample mean of x² must match
   * ∫ x² e^{−E/kT} dx / ∫ e^{−E/kT} dx, computed here by Simpson's rule on [−3, 3]. With 20 000 samples
   * thinned by 10 the standard error is about 0.006; the tolerance is 0.02 (about 3 standard errors).
   */
  @Test
  void metropolisSamplesTheBoltzmannDistribution() {
    DoubleWell w = DoubleWell.of(1, 1);
    double kT = 0.5;
    int m = 6000;
    double h = 6.0 / m, num = 0, den = 0;
    for (int i = 0; i <= m; i++) {
      double x = -3 + i * h, c = (i == 0 || i == m) ? 1 : (i % 2 == 1 ? 4 : 2);
      double b = Math.exp(-w.energy(new double[] {x}) / kT);
      num += c * x * x * b;
      den += c * b;
    }
    double exact = num / den;
    Sampling.MetropolisRun run = Sampling.metropolis(w, new double[] {1}, kT, 0.8, 20000, 10, 1000, 11);
    double mean = 0;
    for (double[] q : run.samples().positions()) mean += q[0] * q[0];
    mean /= 20000;
    assertEquals(exact, mean, 0.02);
    assertTrue(run.acceptance() > 0.2 && run.acceptance() < 0.8, "acceptance " + run.acceptance());
    // both wells are visited
    long left = java.util.Arrays.stream(run.samples().positions()).filter(q -> q[0] < 0).count();
    assertTrue(left > 5000 && left < 15000, "left well " + left);
  }

  @Test
  void badArgumentsAreRejected() {
    DoubleWell w = DoubleWell.of(1, 1);
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> Sampling.metropolis(w, new double[] {0}, 0, 0.1, 10, 1, 0, 1));
    assertEquals("metropolis: kT must be > 0. Got 0.0 instead.", a.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> Sampling.uniform(w, new double[] {1}, new double[] {0}, 10, 1, 1));
    assertEquals("uniform: lower bound 1.0 of coordinate 0 must be below the upper bound 0.0.", b.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> Sampling.uniform(w, new double[] {5}, new double[] {6}, 10, 1, 1));
    assertTrue(c.getMessage().startsWith("uniform: fewer than 1 in 1000 points of the box have E < 1.0"), c.getMessage());
  }
}
