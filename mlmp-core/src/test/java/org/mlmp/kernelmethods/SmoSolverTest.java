package org.mlmp.kernelmethods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * SMO's first step by hand: with α = 0 and G = −1, i is the last y = +1 variable; every y = −1 variable gains
 * (G_i + G_t)² / (K_ii + K_tt − 2 K_it) (Fan, Chen and Lin 2005, WSS 2: the curvature along the pair's direction, the
 * same for opposite and equal labels), so j is the one nearest to i; the step along the pair is then its exact minimiser
 * δ = 2 / (K_ii + K_jj − 2 K_ij), clipped at C.
 */
class SmoSolverTest {
  /** Rows of a fixed symmetric matrix. */
  record MatrixRows(double[][] k) implements SmoSolver.Rows {
    @Override
    public double[] row(int i) {
      return k[i].clone();
    }

    @Override
    public double diagonal(int i) {
      return k[i][i];
    }
  }

  /** Gaussian kernel matrix (σ = 1) of points on a line. */
  static double[][] gaussian(double... x) {
    double[][] k = new double[x.length][x.length];
    for (int a = 0; a < x.length; a++) {
      for (int b = 0; b < x.length; b++) k[a][b] = Math.exp(-0.5 * (x[a] - x[b]) * (x[a] - x[b]));
    }
    return k;
  }

  @Test
  void theFirstStepPairsIWithTheNearestOppositeLabelAndMinimisesAlongThePair() {
    // i = 0 (y = +1); candidates 1 (far, y = −1) and 2 (near, y = −1)
    double[][] k = gaussian(0.0, 3.0, 0.6);
    double[] y = {1, -1, -1};
    double c = 100;
    SmoSolver.SmoSolution one = SmoSolver.solve(new MatrixRows(k), 3, y, c, 1e-12, 1, false);
    double step = 2 / (k[0][0] + k[2][2] - 2 * k[0][2]);
    assertTrue(step < c, "the step is not clipped: " + step);
    assertEquals(step, one.alpha()[0], 1e-12, "α_i after one step");
    assertEquals(step, one.alpha()[2], 1e-12, "α_j = the nearest opposite label, after one step");
    assertEquals(0.0, one.alpha()[1], 0.0, "the far point is not chosen");
  }

  @Test
  void twoPointsWithOppositeLabelsSolveInOneStep() {
    double[][] k = gaussian(0.0, 1.1);
    SmoSolver.SmoSolution s = SmoSolver.solve(new MatrixRows(k), 2, new double[] {1, -1}, 100, 1e-9, 100);
    assertTrue(s.converged());
    assertEquals(1, s.iterations(), "the pair step is the exact minimiser: one step, then optimal");
    double a = 2 / (2 - 2 * k[0][1]);
    assertEquals(a, s.alpha()[0], 1e-12);
    assertEquals(a, s.alpha()[1], 1e-12);
  }
}
