package org.mlmp.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class GaussianMixtureTest {
  // Reference data and values: scikit-learn 1.2.1, numpy 1.24.2 (/usr/bin/python3):
  //   rng = np.random.default_rng(7); (PCA data drawn first, then)
  //   Y = np.round(rng.normal(size=(12,2)) @ [[1.0,0.4],[0,0.5]] + [0.5,1.5], 3)
  //   g = GaussianMixture(1, covariance_type=ct).fit(Y); g.means_, g.covariances_, g.score(Y), g.bic(Y)
  static final double[][] Y = {{-1.03, 0.649}, {-0.479, 0.704}, {1.561, 1.521}, {0.467, 1.929}, {-0.084, 1.211},
      {0.61, 1.576}, {-0.725, 1.048}, {1.859, 1.27}, {1.359, 1.903}, {-0.141, 2.244}, {1.262, 1.205}, {0.575, 1.818}};

  // rng = np.random.default_rng(11); rng.normal(size=(9,1)) drawn first (KDE test), then
  // W = np.round(np.vstack([rng.normal(size=(10,2))*[0.5,0.3]+[-2,0],
  //                         rng.normal(size=(10,2))@[[0.4,0.2],[0,0.3]]+[2,1]]), 3)
  // GaussianMixture(2, covariance_type=ct, tol=1e-12, max_iter=2000, n_init=5, random_state=0).fit(W),
  // components sorted by the first coordinate of the mean.
  static final double[][] W = {{-2.924, 0.47}, {-2.048, 0.204}, {-2.068, -0.114}, {-1.768, 0.247}, {-2.101, -0.046},
      {-1.657, -0.261}, {-2.757, 0.118}, {-2.335, -0.576}, {-2.407, -0.14}, {-2.597, -0.448}, {2.015, 1.277},
      {1.907, 0.73}, {2.154, 1.292}, {1.88, 1.103}, {2.417, 1.146}, {1.675, 0.942}, {2.099, 1.379}, {1.486, 0.545},
      {1.665, 0.312}, {2.051, 1.184}};

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void oneComponentIsTheSampleMeanAndTheMaximumLikelihoodCovariancePlusRegulariser(CovarianceType type) {
    GaussianMixtureModel m = GaussianMixture.of(1).withCovariance(type).fit(Dataset.of(Y, null));
    int n = Y.length;
    double[] mu = new double[2];
    for (double[] r : Y) for (int a = 0; a < 2; a++) mu[a] += r[a] / n;
    double[][] cov = new double[2][2];
    for (double[] r : Y) for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) cov[a][b] += (r[a] - mu[a]) * (r[b] - mu[b]) / n;
    for (int a = 0; a < 2; a++) cov[a][a] += 1e-6;
    if (type == CovarianceType.DIAGONAL) cov[0][1] = cov[1][0] = 0;
    assertArrayEquals(mu, m.means().getRow(0).toDoubleVector(), 1e-14);
    double[][] got = m.covariances().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).toDoubleMatrix();
    for (int a = 0; a < 2; a++) assertArrayEquals(cov[a], got[a], 1e-14);
    assertArrayEquals(new double[] {1.0}, m.weights(), 1e-15);
    // scikit-learn 1.2.1 GaussianMixture(1).means_ / covariances_ (see the comment on Y):
    assertArrayEquals(new double[] {0.4361666666666666, 1.4231666666666665}, mu, 1e-14);
    double[][] sk = type == CovarianceType.FULL
        ? new double[][] {{0.8177466388888889, 0.17643188888888883}, {0.17643188888888883, 0.22683880555555555}}
        : new double[][] {{0.8177466388888887, 0}, {0, 0.22683880555555666}};
    for (int a = 0; a < 2; a++) assertArrayEquals(sk[a], got[a], 1e-14);
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void meanLogLikelihoodAndBicMatchScikitLearn(CovarianceType type) {
    GaussianMixtureModel m = GaussianMixture.of(1).withCovariance(type).fit(Dataset.of(Y, null));
    INDArray x = Nd4j.createFromArray(Y);
    // scikit-learn 1.2.1: g.score(Y), g.bic(Y)
    double score = type == CovarianceType.FULL ? -1.9036672126011702 : -1.9955150786658986;
    double bic = type == CovarianceType.FULL ? 58.11254635136809 : 57.831988487133565;
    assertEquals(score, m.meanLogLikelihood(x), 1e-12);
    assertEquals(bic, m.bic(x), 1e-11);
    assertEquals(type == CovarianceType.FULL ? 5 : 4, m.parameterCount());
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void twoComponentFitMatchesScikitLearn(CovarianceType type) {
    GaussianMixtureModel m = GaussianMixture.of(2).withCovariance(type).withMaxIterations(2000)
        .withTolerance(1e-12).fit(Dataset.of(W, null));
    assertTrue(m.converged());
    int lo = m.means().getDouble(0, 0) < m.means().getDouble(1, 0) ? 0 : 1;
    double[][] means = {{-2.2661999999999995, -0.054599999999999996}, {1.9349, 0.9909999999999997}};
    double[][][] cov = type == CovarianceType.FULL
        ? new double[][][] {{{0.15410955999999998, -0.01811682}, {-0.01811682, 0.09429603999999998}},
            {{0.06729568999999998, 0.06470009999999998}, {0.06470009999999998, 0.11272479999999996}}}
        : new double[][][] {{{0.15410956000000095, 0}, {0, 0.09429603999999997}},
            {{0.06729568999999844, 0}, {0, 0.1127248000000006}}};
    for (int c = 0; c < 2; c++) {
      int j = c == 0 ? lo : 1 - lo;
      assertEquals(0.5, m.weights()[j], 1e-9);
      assertArrayEquals(means[c], m.means().getRow(j).toDoubleVector(), 1e-9);
      double[][] got = m.covariances().get(org.nd4j.linalg.indexing.NDArrayIndex.point(j)).toDoubleMatrix();
      for (int a = 0; a < 2; a++) assertArrayEquals(cov[c][a], got[a], 1e-9);
    }
    double score = type == CovarianceType.FULL ? -1.04643309264418 : -1.252795915858942;
    assertEquals(score, m.meanLogLikelihood(Nd4j.createFromArray(W)), 1e-9);
  }

  /** Three overlapping clusters: EM needs many iterations, so monotonicity is exercised. */
  public static Dataset overlapping(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][2];
    double[][] centres = {{0, 0}, {1.5, 0.5}, {0.5, 2}};
    for (int i = 0; i < n; i++) {
      double[] c = centres[i % 3];
      x[i][0] = c[0] + r.nextGaussian() * (0.6 + 0.2 * (i % 3));
      x[i][1] = c[1] + 0.5 * x[i][0] * (i % 2) + r.nextGaussian() * 0.7;
    }
    return Dataset.of(x, null);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void logLikelihoodNeverDecreasesWithoutRegulariser(long seed) {
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureModel m = GaussianMixture.of(4).withCovariance(type).withRegCovariance(0.0).withMaxIterations(60)
          .withTolerance(0.0).withSeed(seed).fit(overlapping(300, seed));
      double[] h = m.logLikelihoodHistory();
      assertEquals(61, h.length, "tolerance 0 runs every iteration");
      for (int t = 1; t < h.length; t++) {
        assertTrue(h[t] >= h[t - 1] - 1e-10 * Math.abs(h[t - 1]),
            type + ": L decreased from " + h[t - 1] + " to " + h[t] + " at iteration " + t);
      }
      assertTrue(h[h.length - 1] > h[0], "EM should improve on the initialisation");
      assertEquals(h[h.length - 1], m.logDensity(overlapping(300, seed).x()).sumNumber().doubleValue(),
          1e-9 * Math.abs(h[h.length - 1]), "the last history entry is the returned model's L");
    }
  }

  @Test
  void sampleDrawsFromTheMixture() {
    GaussianMixtureModel truth = GaussianMixtureModel.of(new double[] {0.3, 0.7},
        new double[][] {{-2, 0}, {2, 1}}, new double[][][] {{{0.5, 0.2}, {0.2, 0.4}}, {{0.3, -0.1}, {-0.1, 0.6}}});
    INDArray x = truth.sample(20000, 42);
    assertArrayEquals(new long[] {20000, 2}, x.shape());
    assertEquals(truth.sample(20000, 42), x, "same seed, same samples");
    GaussianMixtureModel fit = GaussianMixture.of(2).withRestarts(2).fit(Dataset.unlabeled(x));
    int lo = fit.means().getDouble(0, 0) < 0 ? 0 : 1;
    // statistical tolerances: about 5 standard errors for N = 20000
    assertEquals(0.3, fit.weights()[lo], 0.02);
    assertArrayEquals(new double[] {-2, 0}, fit.means().getRow(lo).toDoubleVector(), 0.05);
    assertArrayEquals(new double[] {2, 1}, fit.means().getRow(1 - lo).toDoubleVector(), 0.05);
    assertEquals(0.2, fit.covariances().getDouble(lo, 0, 1), 0.03);
  }

  @Test
  void logDensityOfOneGaussianIsTheClosedForm() {
    double[][] s = {{2.0, 0.6}, {0.6, 0.5}};
    GaussianMixtureModel g = GaussianMixtureModel.of(new double[] {1}, new double[][] {{1, -1}}, new double[][][] {s});
    double det = 2.0 * 0.5 - 0.36;
    double[] x = {0.3, 0.2};
    double dx = x[0] - 1, dy = x[1] + 1;
    // Σ⁻¹ = [[0.5, −0.6], [−0.6, 2.0]] / det
    double maha = (0.5 * dx * dx - 2 * 0.6 * dx * dy + 2.0 * dy * dy) / det;
    double expected = -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * maha;
    assertEquals(expected, g.logDensity(Nd4j.createFromArray(new double[][] {x})).getDouble(0), 1e-14);
  }

  @Test
  void responsibilitiesSumToOneAndPredictIsTheirArgmax() {
    GaussianMixtureModel m = GaussianMixture.of(3).fit(overlapping(90, 5));
    INDArray x = overlapping(30, 6).x();
    INDArray g = m.responsibilities(x);
    assertArrayEquals(Nd4j.ones(DataType.DOUBLE, 30).toDoubleVector(), g.sum(1).toDoubleVector(), 1e-12);
    int[] labels = m.predict(x);
    for (int i = 0; i < 30; i++) assertEquals(g.getRow(i).argMax().getInt(0), labels[i]);
  }

  @Test
  void bicChoosesTheTrueNumberOfComponents() {
    GaussianMixtureModel truth = GaussianMixtureModel.of(new double[] {0.5, 0.5},
        new double[][] {{-3, 0}, {3, 0}}, new double[][][] {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}});
    INDArray x = truth.sample(600, 3);
    double best = Double.POSITIVE_INFINITY;
    int argBest = 0;
    for (int k = 1; k <= 4; k++) {
      double bic = GaussianMixture.of(k).withRestarts(3).fit(Dataset.unlabeled(x)).bic(x);
      if (bic < best) {
        best = bic;
        argBest = k;
      }
    }
    assertEquals(2, argBest);
  }

  @Test
  void badConfigurationsAreRejectedWithTheParameterNamed() {
    assertEquals("The 'components' parameter of GaussianMixture must be an int >= 1. Got 0 instead.",
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.of(0)).getMessage());
    assertEquals("The 'regCovariance' parameter of GaussianMixture must be a finite float >= 0. Got -1.0 instead.",
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.of(2).withRegCovariance(-1)).getMessage());
    assertEquals("The 'tolerance' parameter of GaussianMixture must be a finite float >= 0. Got NaN instead.",
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.of(2).withTolerance(Double.NaN)).getMessage());
    assertEquals("The 'maxIterations' parameter of GaussianMixture must be an int >= 1. Got 0 instead.",
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.of(2).withMaxIterations(0)).getMessage());
    assertEquals("The 'restarts' parameter of GaussianMixture must be an int >= 1. Got 0 instead.",
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.of(2).withRestarts(0)).getMessage());
    assertEquals("The covariance type must be 'full' or 'diag'. Got 'spherical' instead.",
        assertThrows(IllegalArgumentException.class, () -> CovarianceType.parse("spherical")).getMessage());
  }

  @Test
  void tooFewSamplesAndCollapsedComponentsAreExplained() {
    assertEquals("GaussianMixture needs at least as many samples as components: nSamples = 12 < components = 13. "
        + "Lower 'components' or provide more data.",
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.of(13).fit(Dataset.of(Y, null))).getMessage());
    double[][] dup = {{0, 0}, {0, 0}, {0, 0}, {1, 1}, {1, 1}, {1, 1}};
    String msg = assertThrows(IllegalArgumentException.class,
        () -> GaussianMixture.of(2).withRegCovariance(0).fit(Dataset.of(dup, null))).getMessage();
    assertTrue(msg.startsWith("GaussianMixture could not be fitted: the covariance of component "), msg);
    assertTrue(msg.contains("raise 'regCovariance' (now 0.0)"), msg);
    // with scikit-learn's regulariser the same data fits: each component sits on one point with variance 1e-6
    GaussianMixtureModel ok = GaussianMixture.of(2).fit(Dataset.of(dup, null));
    assertEquals(1e-6, ok.covariances().getDouble(0, 0, 0), 1e-12);
  }

  @Test
  void knownMixturesAreValidated() {
    assertEquals("The mixture weights must sum to 1. Got 0.9 instead.", assertThrows(IllegalArgumentException.class,
        () -> GaussianMixtureModel.diagonal(new double[] {0.5, 0.4}, new double[][] {{0}, {1}}, new double[][] {{1}, {1}}))
        .getMessage());
    assertEquals("The covariance of component 1 is not symmetric positive definite; give a positive-definite matrix "
        + "(all variances > 0).", assertThrows(IllegalArgumentException.class,
        () -> GaussianMixtureModel.diagonal(new double[] {0.5, 0.5}, new double[][] {{0}, {1}}, new double[][] {{1}, {0}}))
        .getMessage());
  }

  /** The previous plain-Java E step (forward substitution per sample and component), kept as the reference. */
  static double[][] plainJavaWeightedLogProb(double[] w, double[][] mu, double[][][] cov, double[][] x) {
    int n = x.length, k = w.length, d = mu[0].length;
    double[][] out = new double[n][k];
    double[] y = new double[d];
    for (int j = 0; j < k; j++) {
      double[][] l = SmallMatrices.cholesky(cov[j]);
      double norm = Math.log(w[j]) - 0.5 * d * Math.log(2 * Math.PI) - SmallMatrices.logDiagSum(l);
      for (int i = 0; i < n; i++) {
        double sq = 0;
        for (int a = 0; a < d; a++) {
          double v = x[i][a] - mu[j][a];
          for (int b = 0; b < a; b++) v -= l[a][b] * y[b];
          y[a] = v / l[a][a];
          sq += y[a] * y[a];
        }
        out[i][j] = norm - 0.5 * sq;
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void theMatrixProductPathAgreesWithThePlainJavaOne(CovarianceType type) {
    Random r = new Random(type.ordinal() + 3);
    int n = 400, d = 4, k = 3;
    double[][] x = new double[n][d];
    double[][] g = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) x[i][a] = 20 + 3 * (i % k) + r.nextGaussian() * (1 + 0.3 * a) + (a > 0 ? 0.4 * x[i][0] : 0);
      double t = 0;
      for (int j = 0; j < k; j++) t += g[i][j] = r.nextDouble() + (i % k == j ? 2 : 0);
      for (int j = 0; j < k; j++) g[i][j] /= t;
    }
    // M step: the previous plain-Java sums on the same responsibilities
    GaussianMixtureModel m = GaussianMixture.of(k).withCovariance(type).withMaxIterations(1).withTolerance(0)
        .mStep(Nd4j.createFromArray(x), Nd4j.createFromArray(g));
    double[] nk = new double[k];
    double[][] mu = new double[k][d];
    double[][][] cov = new double[k][d][d];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < n; i++) {
        nk[j] += g[i][j];
        for (int a = 0; a < d; a++) mu[j][a] += g[i][j] * x[i][a];
      }
      nk[j] += 10 * Math.ulp(1.0);
      for (int a = 0; a < d; a++) mu[j][a] /= nk[j];
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            if (type == CovarianceType.FULL || a == b) cov[j][a][b] += g[i][j] * (x[i][a] - mu[j][a]) * (x[i][b] - mu[j][b]);
          }
        }
      }
      for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) cov[j][a][b] = cov[j][a][b] / nk[j] + (a == b ? 1e-6 : 0);
      assertEquals(nk[j] / n, m.weights()[j], 1e-13);
      assertArrayEquals(mu[j], m.means().getRow(j).toDoubleVector(), 1e-12);
      double[][] got = m.covariances().get(org.nd4j.linalg.indexing.NDArrayIndex.point(j)).toDoubleMatrix();
      for (int a = 0; a < d; a++) assertArrayEquals(cov[j][a], got[a], 1e-12);
    }
    // E step: log densities and responsibilities of the fitted parameters on new points
    double[] w = m.weights();
    double[][] q = new double[300][d];
    for (double[] row : q) for (int a = 0; a < d; a++) row[a] = 22 + 6 * r.nextGaussian();
    double[][] lp = plainJavaWeightedLogProb(w, mu, cov, q);
    double[] got = m.logDensity(Nd4j.createFromArray(q)).toDoubleVector();
    double[][] resp = m.responsibilities(Nd4j.createFromArray(q)).toDoubleMatrix();
    for (int i = 0; i < q.length; i++) {
      double lse = LogSumExp.of(lp[i]);
      assertEquals(lse, got[i], 1e-10 * (1 + Math.abs(lse)), "row " + i);
      for (int j = 0; j < k; j++) assertEquals(Math.exp(lp[i][j] - lse), resp[i][j], 1e-10, "row " + i);
    }
  }
}
