package org.mlmp.molecular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mlmp.kernel.Gaussian;

class KrrPotentialTest {
  static Samples mullerBrown(int n, long seed) {
    return Sampling.uniform(MullerBrown.of(), new double[] {-1.5, -0.2}, new double[] {1.2, 2.0}, n, 100, seed);
  }

  static double[] triangle() {
    double a = Math.pow(2, 1.0 / 6);
    return new double[] {0, 0, 0, a, 0, 0, a / 2, a * Math.sqrt(3) / 2, 0};
  }

  /** LJ₃ (reduced units) by Metropolis at kT = 0.1 from the equilateral minimum. */
  static Samples lj3(int n, long seed) {
    return Sampling.metropolis(LennardJones.reduced(3), triangle(), 0.1, 0.08, n, 20, 2000, seed).samples();
  }

  /**
   * Müller–Brown, 400 uniform samples with E < 100 in [−1.5, 1.2] × [−0.2, 2.0], Gaussian σ = 0.3,
   * λ = 1e-8; measured on 1 000 other samples: energy MAE 0.014, force MAE 0.28 (energies span −147…100).
   */
  @Test
  void mullerBrownEnergiesAndForcesAreLearned() {
    Samples all = mullerBrown(1400, 1);
    Samples train = all.head(400), test = all.rows(IntStream.range(400, 1400).toArray());
    LearnedPotential p = KrrPotential.of(Cartesian.of(2), Gaussian.of(0.3), 1e-8).fit(train);
    LearnedPotential.Errors e = p.errors(test);
    assertTrue(e.energyMae() < 0.05 && e.forceMae() < 1.0, e.toString());
    assertTrue(e.energyRmse() >= e.energyMae() && e.forceRmse() >= e.forceMae());
  }

  /** F = −∇E of the learned surface: analytic forces against central differences of the learned energy. */
  @Test
  void learnedForcesAreTheNegativeGradientOfTheLearnedEnergy() {
    // λ = 1e-3 keeps the dual coefficients moderate, so the learned energy is not a strongly cancelling
    // sum and its finite differences are accurate (the chain rule does not depend on λ)
    LearnedPotential mb = KrrPotential.of(Cartesian.of(2), Gaussian.of(0.3), 1e-3).fit(mullerBrown(200, 2));
    LearnedPotential lj = KrrPotential.of(InverseDistances.of(3), Gaussian.of(0.2), 1e-3).fit(lj3(200, 3));
    for (LearnedPotential p : new LearnedPotential[] {mb, lj}) {
      double[][] qs = p == mb ? mullerBrown(5, 9).positions() : lj3(5, 9).positions();
      for (double[] q : qs) {
        double[] f = p.force(q);
        // five-point stencil, h = 1e-3: truncation O(h⁴)
        double h = 1e-3;
        for (int j = 0; j < q.length; j++) {
          double fd = -(-shifted(p, q, j, 2 * h) + 8 * shifted(p, q, j, h) - 8 * shifted(p, q, j, -h)
              + shifted(p, q, j, -2 * h)) / (12 * h);
          assertEquals(fd, f[j], 1e-8 * Math.max(1, Math.abs(fd)), "coordinate " + j);
        }
      }
    }
  }

  static double shifted(Potential p, double[] q, int j, double by) {
    double[] a = q.clone();
    a[j] += by;
    return p.energy(a);
  }

  /** The batched path (KernelRidgeModel.predict / gradient) equals the per-configuration path. */
  @Test
  void batchedAndSingleEvaluationsAgree() {
    LearnedPotential p = KrrPotential.of(InverseDistances.of(3), Gaussian.of(0.2), 1e-8).fit(lj3(150, 4));
    double[][] q = lj3(20, 5).positions();
    double[] e = p.energies(q);
    double[][] f = p.forces(q);
    for (int i = 0; i < q.length; i++) {
      assertEquals(p.energy(q[i]), e[i], 1e-10);
      assertArrayEquals(p.force(q[i]), f[i], 1e-9);
    }
  }

  /**
   * LJ₃ learned from 300 Metropolis samples (kT = 0.1, inverse distances, σ = 0.2, λ = 1e-8): energy MAE
   * 3e-4 ε, force MAE 0.007 ε/σ on 300 others. Velocity-Verlet on the learned surface conserves the total
   * energy like on the true one: the fluctuation is O(Δt²) (ratio ≈ 4 when Δt halves; measured 3.99) and
   * the drift per step is tiny (measured −1.3e-8 ε at Δt = 0.005).
   */
  @Test
  void mdOnTheLearnedLennardJonesSurfaceConservesEnergy() {
    Samples all = lj3(600, 3);
    Samples train = all.head(300), test = all.rows(IntStream.range(300, 600).toArray());
    LearnedPotential p = KrrPotential.of(InverseDistances.of(3), Gaussian.of(0.2), 1e-8).fit(train);
    LearnedPotential.Errors err = p.errors(test);
    assertTrue(err.energyMae() < 1e-3 && err.forceMae() < 0.02, err.toString());

    Random r = new Random(1);
    double[] v0 = new double[9];
    for (int j = 0; j < 9; j++) v0[j] = 0.2 * r.nextGaussian();
    double[] q0 = test.positions()[0];
    VelocityVerlet.Trajectory coarse = VelocityVerlet.of(0.01, 1).run(p, q0, v0, 200);
    VelocityVerlet.Trajectory fine = VelocityVerlet.of(0.005, 1).run(p, q0, v0, 400);
    double ratio = coarse.maxDeviation() / fine.maxDeviation();
    assertTrue(ratio > 3.5 && ratio < 4.5, "energy error must scale as dt²: ratio " + ratio);
    assertTrue(Math.abs(fine.driftPerStep()) < 1e-6, "drift " + fine.driftPerStep());
    VelocityVerlet.Trajectory exact = VelocityVerlet.of(0.005, 1).run(LennardJones.reduced(3), q0, v0, 400);
    assertEquals(exact.maxDeviation(), fine.maxDeviation(), 0.1 * exact.maxDeviation());
  }

  @Test
  void velocityVerletIsExactForTheHarmonicPeriod() {
    // E = (x^2 - 1)^2 near x = 1 is harmonic with k = 8: period 2π/√8; a tiny oscillation returns after one period
    DoubleWell w = DoubleWell.of(1, 1);
    double period = 2 * Math.PI / Math.sqrt(8);
    int steps = 2000;
    VelocityVerlet.Trajectory t = VelocityVerlet.of(period / steps, 1).run(w, new double[] {1 + 1e-4}, new double[] {0},
        steps);
    assertEquals(1 + 1e-4, t.positions()[steps][0], 1e-8);
  }

  @Test
  void mismatchedDescriptorIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KrrPotential.of(InverseDistances.of(4), Gaussian.of(1), 1e-6).fit(lj3(10, 1)));
    assertTrue(e.getMessage().startsWith("KrrPotential: the samples have 9 coordinates but the descriptor"), e.getMessage());
    IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> VelocityVerlet.of(0, 1));
    assertEquals("The 'timeStep' parameter of VelocityVerlet must be a finite number > 0. Got 0.0 instead.", v.getMessage());
  }
}
