package org.mlmp.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class KernelDensityTest {
  // scipy 1.10.1 / scikit-learn 1.2.1 / numpy 1.24.2 (/usr/bin/python3):
  //   rng = np.random.default_rng(7); (12x3 and 12x2 draws for other tests first, then)
  //   Z = np.round(rng.normal(size=(15,2)) @ [[1.0,0.3],[0,0.7]], 3); Q = [[0,0],[1,-0.5],[-2,1]]
  //   gaussian_kde(Z.T, bw_method=bw).logpdf(Q.T);  KernelDensity(bandwidth=0.5).fit(Z).score_samples(Q)
  public static final double[][] Z = {{-0.189, 0.421}, {-0.067, 0.447}, {1.439, -0.041}, {0.203, -0.263}, {0.127, -0.793},
      {-0.579, -0.311}, {0.899, 1.071}, {-1.324, -0.953}, {0.647, -1.201}, {-0.463, -0.207}, {1.257, 0.86},
      {-0.327, -0.356}, {-0.25, 0.991}, {-0.428, -0.341}, {0.353, 0.021}};
  static final double[][] Q = {{0.0, 0.0}, {1.0, -0.5}, {-2.0, 1.0}};
  // rng = np.random.default_rng(11); V = np.round(rng.normal(size=(9,1))*1.5+0.3, 3); Q1 = [[-1],[0.2],[2.5]]
  static final double[][] V = {{0.351}, {2.34}, {2.137}, {-0.465}, {-0.147}, {-0.491}, {1.155}, {0.216}, {1.42}};
  static final double[][] Q1 = {{-1.0}, {0.2}, {2.5}};

  private static double[] logDensity(Bandwidth b, double[][] train, double[][] q) {
    return KernelDensity.of(b).fit(Dataset.of(train, null)).logDensity(Nd4j.createFromArray(q)).toDoubleVector();
  }

  @Test
  void scottsRuleMatchesScipyGaussianKde() {
    assertArrayEquals(new double[] {-1.315517593890121, -2.7636010657311427, -10.833446566064923},
        logDensity(Bandwidth.scott(), Z, Q), 1e-12);
    assertArrayEquals(new double[] {-1.8945667275926603, -1.1977792877274587, -1.9140773237319828},
        logDensity(Bandwidth.scott(), V, Q1), 1e-12);
    assertEquals(0.6443940149772542, Bandwidth.Scott.factor(9, 1), 1e-15);
  }

  @Test
  void silvermansRuleMatchesScipyGaussianKde() {
    // in d = 2 Silverman's factor equals Scott's ((N(d+2)/4) = N), so the 1-D data tells them apart
    assertArrayEquals(new double[] {-1.315517593890121, -2.7636010657311427, -10.833446566064923},
        logDensity(Bandwidth.silverman(), Z, Q), 1e-12);
    assertArrayEquals(new double[] {-1.883061760388675, -1.218361258529413, -1.9280246882598377},
        logDensity(Bandwidth.silverman(), V, Q1), 1e-12);
    assertEquals(0.682557503693073, Bandwidth.Silverman.factor(9, 1), 1e-15);
  }

  @Test
  void fixedSigmaMatchesScikitLearnKernelDensity() {
    assertArrayEquals(new double[] {-1.4426902659381162, -2.72560447679748, -8.507651038480285},
        logDensity(Bandwidth.sigma(0.5), Z, Q), 1e-12);
  }

  @Test
  void theEstimateIntegratesToOne() {
    KernelDensityModel m = KernelDensity.of(Bandwidth.silverman()).fit(Dataset.of(V, null));
    int n = 4001;
    double lo = -8, hi = 10, h = (hi - lo) / (n - 1);
    double[][] grid = new double[n][1];
    for (int i = 0; i < n; i++) grid[i][0] = lo + i * h;
    double[] p = m.logDensity(Nd4j.createFromArray(grid)).toDoubleVector();
    double integral = 0;
    for (int i = 0; i < n; i++) integral += (i == 0 || i == n - 1 ? 0.5 : 1) * Math.exp(p[i]) * h;
    assertEquals(1.0, integral, 1e-9);
  }

  @Test
  void samplesFollowTheEstimate() {
    KernelDensityModel m = KernelDensity.of(Bandwidth.sigma(0.1)).fit(Dataset.of(new double[][] {{0, 0}, {10, 0}}, null));
    INDArray s = m.sample(4000, 1);
    assertEquals(s, m.sample(4000, 1));
    double[] col0 = s.getColumn(0).toDoubleVector();
    long near10 = java.util.Arrays.stream(col0).filter(v -> Math.abs(v - 10) < 0.5).count();
    long near0 = java.util.Arrays.stream(col0).filter(v -> Math.abs(v) < 0.5).count();
    assertEquals(4000, near0 + near10);
    assertEquals(2000, near10, 150); // binomial(4000, 1/2): sd ≈ 32
    assertEquals(0.1, Math.sqrt(s.getColumn(1).varNumber().doubleValue()), 0.01);
  }

  @Test
  void badInputsAreExplained() {
    assertEquals("The 'sigma' parameter of Bandwidth.Fixed must be a finite float > 0. Got 0.0 instead.",
        assertThrows(IllegalArgumentException.class, () -> Bandwidth.sigma(0)).getMessage());
    double[][] constant = {{1, 2}, {1, 3}, {1, 5}};
    String msg = assertThrows(IllegalArgumentException.class,
        () -> KernelDensity.of(Bandwidth.scott()).fit(Dataset.of(constant, null))).getMessage();
    assertTrue(msg.startsWith("KernelDensity: the kernel covariance H is singular"), msg);
    assertEquals("KernelDensity with a bandwidth rule needs at least 2 samples to estimate the covariance. Got 1; "
        + "use Bandwidth.sigma(s) instead.", assertThrows(IllegalArgumentException.class,
        () -> KernelDensity.of(Bandwidth.silverman()).fit(Dataset.of(new double[][] {{1, 2}}, null))).getMessage());
  }

  /** The previous plain-Java evaluation (forward substitution, direct distance sums), kept as the reference. */
  static double[] plainJava(double[][] train, double[][] h, double[][] q) {
    int d = h.length, n = train.length;
    double[][] l = SmallMatrices.cholesky(h);
    java.util.function.Function<double[], double[]> whiten = v -> {
      double[] y = new double[d];
      for (int a = 0; a < d; a++) {
        double s = v[a];
        for (int b = 0; b < a; b++) s -= l[a][b] * y[b];
        y[a] = s / l[a][a];
      }
      return y;
    };
    double[][] w = new double[n][];
    for (int j = 0; j < n; j++) w[j] = whiten.apply(train[j]);
    double norm = -0.5 * d * Math.log(2 * Math.PI) - SmallMatrices.logDiagSum(l) - Math.log(n);
    double[] out = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      double[] d2 = org.mlmp.cluster.Distances.squaredEuclidean(whiten.apply(q[i]), w);
      for (int j = 0; j < n; j++) d2[j] *= -0.5;
      out[i] = LogSumExp.of(d2) + norm;
    }
    return out;
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 5})
  void theMatrixProductPathAgreesWithThePlainJavaOne(int d) {
    java.util.Random r = new java.util.Random(40 + d);
    double[][] train = new double[300][d];
    double[][] q = new double[500][d];
    for (double[] row : train) for (int f = 0; f < d; f++) row[f] = 3 + r.nextGaussian() * (f + 1) + (f > 0 ? 0.5 * row[0] : 0);
    for (double[] row : q) for (int f = 0; f < d; f++) row[f] = 3 + 4 * r.nextGaussian();
    q[0] = new double[d];
    java.util.Arrays.fill(q[0], 60.0); // far in the tail: log-space keeps it finite
    KernelDensityModel m = KernelDensity.of(Bandwidth.scott()).fit(Dataset.of(train, null));
    double[] expected = plainJava(train, m.bandwidthMatrix().toDoubleMatrix(), q);
    double[] got = m.logDensity(Nd4j.createFromArray(q)).toDoubleVector();
    assertArrayEquals(got, m.logDensity(Nd4j.createFromArray(q), 37).toDoubleVector(), 1e-12, "in blocks of 37 rows");
    for (int i = 0; i < q.length; i++) assertEquals(expected[i], got[i], 1e-10 * (1 + Math.abs(expected[i])), "row " + i);
    assertTrue(Double.isFinite(got[0]) && got[0] < -100);
  }
}
