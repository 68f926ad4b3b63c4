package org.mlmp.kernelmethods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlmp.api.Metrics;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Kernel;

class KernelRidgeSearchTest {
  /** y = sin(2π x0) cos(π x1) + small noise on [0,1]², seeded. */
  static Dataset smooth(int n, long seed, double noise) {
    Random r = new Random(seed);
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextDouble();
      x[i][1] = r.nextDouble();
      y[i] = Math.sin(2 * Math.PI * x[i][0]) * Math.cos(Math.PI * x[i][1]) + noise * r.nextGaussian();
    }
    return Dataset.of(x, y);
  }

  /** Each grid score equals the mean of per-fold MSEs of separately fitted KernelRidge models. */
  @Test
  void scoresEqualManualFoldFits() {
    Dataset d = smooth(60, 1, 0.05);
    List<Kernel> kernels = KernelRidgeSearch.gaussians(0.1, 0.3);
    double[] lambdas = {1e-3, 1e-1};
    KernelRidgeSearch.KrrSearchResult res = KernelRidgeSearch.crossValidate(d, kernels, lambdas, 3, 42);
    assertEquals(4, res.scores().size());
    List<Partition.Fold> folds = Partition.kFold(60, 3, 42);
    for (KernelRidgeSearch.KrrScore s : res.scores()) {
      double[] expected = new double[3];
      for (int f = 0; f < 3; f++) {
        Dataset tr = d.rows(folds.get(f).train()), va = d.rows(folds.get(f).validation());
        expected[f] = Metrics.mse(s.trainer().fit(tr).predict(va.x()), va.y());
      }
      assertArrayEquals(expected, s.foldMse(), 1e-12, s.kernel() + " lambda " + s.lambda());
      double mean = (expected[0] + expected[1] + expected[2]) / 3;
      assertEquals(mean, s.meanMse(), 1e-12);
      assertTrue(s.stdMse() >= 0);
    }
    KernelRidgeSearch.KrrScore min = res.scores().stream().min((a, b) -> Double.compare(a.meanMse(), b.meanMse())).get();
    assertEquals(min, res.best());
    assertTrue(res.toTable().contains("*"));
  }

  /** With noise-free data and a sensible σ, the smallest λ wins; an absurdly small σ loses. */
  @Test
  void picksTheObviouslyBetterSettings() {
    Dataset d = smooth(80, 2, 0.0);
    KernelRidgeSearch.KrrSearchResult res = KernelRidgeSearch.crossValidate(d, KernelRidgeSearch.gaussians(0.005, 0.3),
        new double[] {1e-8, 1.0}, 4, 7);
    assertEquals(Gaussian.of(0.3), res.best().kernel());
    assertEquals(1e-8, res.best().lambda());
  }

  @Test
  void badGridIsRejected() {
    Dataset d = smooth(20, 3, 0.1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelRidgeSearch.crossValidate(d, KernelRidgeSearch.gaussians(1), new double[] {-2}, 5, 1));
    assertEquals("The 'lambda' parameter of KernelRidge must be a finite number >= 0. Got -2.0 instead.", e.getMessage());
    IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
        () -> KernelRidgeSearch.crossValidate(d, KernelRidgeSearch.gaussians(1), new double[] {1}, 21, 1));
    assertTrue(k.getMessage().startsWith("kFold: k must be in [2, nSamples=20]. Got 21"), k.getMessage());
  }

  /** Noise-free smooth target: test error falls with N (negative log-log slope). Its PNG: org.mlmp.cli.plots.PlotsTest. */
  @Test
  void learningCurveFalls() {
    Dataset train = smooth(400, 4, 0.0), test = smooth(200, 5, 0.0);
    LearningCurve lc = LearningCurve.of(KernelRidge.of(Gaussian.of(0.3), 1e-8), train, test,
        new int[] {25, 50, 100, 200, 400}, 9);
    assertEquals(5, lc.points().size());
    assertEquals(25, lc.points().get(0).nTrain());
    assertTrue(lc.points().get(4).testMae() < 0.1 * lc.points().get(0).testMae(), lc.toTable());
    assertTrue(lc.slope() < -1, lc.toTable());
    assertTrue(lc.toTable().contains("log-log slope"));
  }

  @Test
  void learningCurveRejectsSizesBeyondTheTrainingSet() {
    Dataset d = smooth(10, 1, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LearningCurve.of(KernelRidge.of(Gaussian.of(1), 1), d, d, new int[] {5, 11}, 1));
    assertEquals("LearningCurve: sizes must be in [1, 10] (the training-set size). Got [5, 11] instead.", e.getMessage());
  }
}
