package org.mlmp.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.io.ConfigJson;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KernelTest {
  static final double[][] X = {{0.1, -0.4, 1.3}, {0.7, 0.2, -0.5}, {-1.1, 0.9, 0.3}, {0.0, 0.5, 0.8}, {1.4, -0.6, 0.2}};
  static final double[][] Y = {{0.3, 0.1, 0.4}, {-0.2, -0.7, 1.0}, {1.0, 1.0, -1.0}, {0.5, -0.3, 0.6}};

  /** An inverse multiquadric 1/sqrt(1 + r²) as a user-defined radial kernel, with its derivative. */
  static Radial inverseMultiquadric() {
    return Radial.of(r2 -> 1 / Math.sqrt(1 + r2), "1/sqrt(1 + r²)").withDerivative(r2 -> -0.5 * Math.pow(1 + r2, -1.5));
  }

  static Stream<Kernel> kernels() {
    return Stream.of(Linear.of(), Polynomial.of(3, 0.5), Polynomial.of(1, 0), Polynomial.of(2, 1.0),
        Gaussian.of(0.8), Laplacian.of(0.8), inverseMultiquadric());
  }

  // Reference values: scikit-learn 1.2.1 (/usr/bin/python3), mlmp-core/src/test/reference/kernels_sklearn.py:
  // rbf_kernel(X, Y, gamma=1/(2*0.8**2)), laplacian_kernel(X, Y, gamma=1/0.8),
  // polynomial_kernel(X, Y, degree=3, gamma=1, coef0=0.5), linear_kernel(X, Y).
  static Stream<Arguments> sklearnReferences() {
    return Stream.of(
        Arguments.of(Gaussian.of(0.8), new double[][] {
            {0.42342664128526275, 0.8098246793420791, 0.0018420522051362733, 0.5971272734216273},
            {0.4650431881340563, 0.04863375217131284, 0.4650431881340562, 0.3097855484766817},
            {0.1301506699542587, 0.049015191417106724, 0.008451278899600677, 0.040953725337013185},
            {0.7259221509524083, 0.30498276871105934, 0.029962385520146934, 0.4835684027250796},
            {0.2568212400786551, 0.08144620809669982, 0.03877420783172203, 0.4368676457055573}}),
        Arguments.of(Laplacian.of(0.8), new double[][] {
            {0.13533528323661267, 0.32465246735834974, 0.003182780796509667, 0.2231301601484298},
            {0.1737739434504451, 0.016163494588165874, 0.13533528323661267, 0.10539922456186433},
            {0.05641613950377732, 0.01831563888873418, 0.012588142242433998, 0.020754337873699753},
            {0.25283959580474646, 0.1353352832366127, 0.016163494588165874, 0.15335496684492847},
            {0.08208499862389883, 0.04393693362340741, 0.01831563888873418, 0.1353352832366127}}),
        Arguments.of(Polynomial.of(3, 0.5), new double[][] {
            {1.030301, 8.741816, -1.3310000000000004, 3.048625},
            {0.148877, -0.021952000000000006, 6.858999999999998, 0.11764899999999999},
            {0.054872, 0.05931900000000003, 0.0, -0.0027440000000000073},
            {0.6585030000000002, 0.8573750000000001, 0.007999999999999995, 0.571787},
            {0.8305839999999999, 0.5927039999999999, 1.3309999999999995, 3.375}}),
        Arguments.of(Linear.of(), new double[][] {
            {0.51, 1.56, -1.6, 0.95},
            {0.02999999999999997, -0.78, 1.4, -0.010000000000000009},
            {-0.12000000000000002, -0.10999999999999993, -0.5, -0.6400000000000001},
            {0.37000000000000005, 0.45000000000000007, -0.30000000000000004, 0.33},
            {0.44, 0.33999999999999997, 0.5999999999999999, 0.9999999999999999}}));
  }

  @ParameterizedTest
  @MethodSource("sklearnReferences")
  void crossGramMatchesScikitLearn(Kernel k, double[][] expected) {
    double[][] got = k.gram(Nd4j.createFromArray(X), Nd4j.createFromArray(Y)).toDoubleMatrix();
    for (int i = 0; i < X.length; i++) {
      for (int j = 0; j < Y.length; j++) {
        assertEquals(expected[i][j], got[i][j], 1e-13 * Math.max(1, Math.abs(expected[i][j])), k + " at " + i + "," + j);
        assertEquals(expected[i][j], k.value(X[i], Y[j]), 1e-13 * Math.max(1, Math.abs(expected[i][j])));
      }
    }
  }

  /** n = 300 mirrors more than one 256 × 256 tile when the mirror runs in ND4J (non-CPU backends). */
  static Stream<Arguments> kernelsAndSizes() {
    return kernels().flatMap(k -> Stream.of(Arguments.of(k, 40), Arguments.of(k, 300)));
  }

  @ParameterizedTest
  @MethodSource("kernelsAndSizes")
  void symmetricGramIsExactlySymmetricAndMatchesValue(Kernel k, int n) {
    double[][] x = random(n, 4, 11);
    double[][] g = k.gram(Nd4j.createFromArray(x)).toDoubleMatrix();
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        assertEquals(g[i][j], g[j][i], 0.0, "not exactly symmetric at " + i + "," + j);
        double v = k.value(x[i], x[j]);
        assertEquals(v, g[i][j], 1e-12 * Math.max(1, Math.abs(v)), k + " at " + i + "," + j);
      }
    }
    if (Gram.translationInvariant(k)) {
      for (int i = 0; i < x.length; i++) assertEquals(k.value(x[i], x[i]), g[i][i], 0.0, "diagonal must be exact");
    }
  }

  /** The Cholesky fast path: upper triangle and diagonal exactly those of gram(x), lower equal to round-off. */
  @ParameterizedTest
  @MethodSource("kernels")
  void upperTriangleMatchesTheSymmetricGram(Kernel k) {
    INDArray x = Nd4j.createFromArray(random(50, 3, 13));
    double[][] full = k.gram(x).toDoubleMatrix(), upper = Gram.upperTriangle(k, x).toDoubleMatrix();
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 50; j++) {
        if (j >= i) assertEquals(full[i][j], upper[i][j], 0.0, "upper/diagonal " + i + "," + j);
        else assertEquals(full[i][j], upper[i][j], 1e-14 * Math.max(1, Math.abs(full[i][j])), "lower " + i + "," + j);
      }
    }
  }

  /** Close points far from the origin: |x|² + |x'|² − 2x·x' would cancel without centring. */
  @Test
  void closePointsFarFromOriginAreAccurate() {
    double[][] x = random(30, 3, 5);
    for (double[] row : x) for (int j = 0; j < row.length; j++) row[j] = 1e6 + 1e-3 * row[j];
    Gaussian k = Gaussian.of(1e-3);
    double[][] g = k.gram(Nd4j.createFromArray(x)).toDoubleMatrix();
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        double v = k.value(x[i], x[j]);
        // the exact distances are ~1e-3 with inputs ~1e6: rounding of the inputs themselves limits
        // accuracy to ~ ulp(1e6)/1e-3 ≈ 1e-7 relative in r; uncentred it would be off by O(1)
        assertEquals(v, g[i][j], 1e-6 * Math.max(v, 1e-3), "at " + i + "," + j);
      }
    }
  }

  /** n = 2100 needs two row blocks of Gram.BLOCK_ELEMENTS entries; blocks and tiles must join seamlessly. */
  @Test
  void blockedGramMatchesValueEverywhere() {
    int n = 2100;
    assertTrue(Gram.blockRows(n, n) < n, "test must exercise more than one block");
    double[][] x = random(n, 2, 3);
    Gaussian k = Gaussian.of(0.7);
    INDArray g = k.gram(Nd4j.createFromArray(x));
    double[] flat = g.data().asDouble();
    double worst = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        worst = Math.max(worst, Math.abs(flat[i * n + j] - k.value(x[i], x[j])));
        if (flat[i * n + j] != flat[j * n + i]) throw new AssertionError("asymmetric at " + i + "," + j);
      }
    }
    assertTrue(worst < 1e-13, "max abs error " + worst);
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void gradientMatchesCentralDifferences(Kernel k) {
    double[][] pts = random(6, 3, 17);
    double h = 1e-6;
    for (int p = 0; p + 1 < pts.length; p++) {
      double[] a = pts[p], b = pts[p + 1];
      double[] g = k.gradient(a, b);
      for (int i = 0; i < a.length; i++) {
        double[] ap = a.clone(), am = a.clone();
        ap[i] += h;
        am[i] -= h;
        double fd = (k.value(ap, b) - k.value(am, b)) / (2 * h);
        assertEquals(fd, g[i], 1e-8 * Math.max(1, Math.abs(fd)), k + " component " + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void weightedGradientEqualsSumOfPairGradients(Kernel k) {
    double[][] x = random(7, 3, 23), c = random(9, 3, 29);
    double[] w = new Random(31).doubles(9, -1, 1).toArray();
    double[][] g = k.weightedGradient(Nd4j.createFromArray(x), Nd4j.createFromArray(c), Nd4j.createFromArray(w))
        .toDoubleMatrix();
    for (int m = 0; m < x.length; m++) {
      double[] expected = new double[3];
      for (int n = 0; n < c.length; n++) {
        double[] gp = k.gradient(x[m], c[n]);
        for (int i = 0; i < 3; i++) expected[i] += w[n] * gp[i];
      }
      assertArrayEquals(expected, g[m], 1e-12, k + " row " + m);
    }
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void configRoundTripsExceptRadial(Kernel k) {
    if (k instanceof Radial r) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> ConfigJson.writeAny(r));
      assertTrue(e.getMessage().contains("cannot be saved") && e.getMessage().contains("1/sqrt(1 + r²)"),
          e.getMessage());
    } else {
      assertEquals(k, ConfigJson.readAny(ConfigJson.writeAny(k), Kernel.class));
    }
  }

  @Test
  void radialWithoutDerivativeHasNoGradient() {
    Radial r = Radial.of(r2 -> Math.exp(-r2), "exp(-r²)");
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> r.gradient(new double[] {1}, new double[] {0}));
    assertTrue(e.getMessage().contains("derivative"), e.getMessage());
  }

  static Stream<Arguments> badParameters() {
    return Stream.of(
        Arguments.of((Runnable) () -> Gaussian.of(0), "The 'sigma' parameter of Gaussian must be a finite number > 0. Got 0.0 instead."),
        Arguments.of((Runnable) () -> Gaussian.of(Double.NaN), "The 'sigma' parameter of Gaussian must be a finite number > 0. Got NaN instead."),
        Arguments.of((Runnable) () -> Laplacian.of(-1), "The 'sigma' parameter of Laplacian must be a finite number > 0. Got -1.0 instead."),
        Arguments.of((Runnable) () -> Polynomial.of(0, 1), "The 'degree' parameter of Polynomial must be an int >= 1. Got 0 instead."),
        Arguments.of((Runnable) () -> Polynomial.of(2, -0.5), "The 'coef0' parameter of Polynomial must be a finite number >= 0"),
        Arguments.of((Runnable) () -> Radial.of(r2 -> 1 / r2, "1/r²"), "The 'profile' of Radial (1/r²) must be finite at r² = 0. Got f(0) = Infinity instead."),
        Arguments.of((Runnable) () -> ConfigJson.readAny(ConfigJson.object().put("name", "rbff"), Kernel.class),
            "Unknown kernel 'rbff'; expected one of linear, polynomial, gaussian, laplacian."));
  }

  @ParameterizedTest
  @MethodSource("badParameters")
  void badParametersAreRejectedWithTheirValue(Runnable make, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void mismatchedFeatureCountsNameBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gaussian.of(1).gram(Nd4j.rand(DataType.DOUBLE, 3, 2), Nd4j.rand(DataType.DOUBLE, 4, 5)));
    assertTrue(e.getMessage().contains("x has 2 features") && e.getMessage().contains("y has 5"), e.getMessage());
  }

  /** 200 000² doubles = 3.2e11 bytes exceeds the test JVM's maxbytes (8G, see the parent pom). */
  @Test
  void memoryCheckSaysBytesNeededAndHowToRaiseTheLimit() {
    INDArray x = Nd4j.zeros(DataType.DOUBLE, 200_000, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Gaussian.of(1).gram(x));
    assertTrue(e.getMessage().contains("200000 × 200000") && e.getMessage().contains("320000000000 bytes")
        && e.getMessage().contains("-Dorg.bytedeco.javacpp.maxbytes="), e.getMessage());
  }

  @Test
  void scikitLearnGammaMapping() {
    assertEquals(1 / (2 * 0.64), Gaussian.of(0.8).gamma(), 1e-15);
    assertEquals(1.25, Laplacian.of(0.8).gamma(), 1e-15);
  }

  static double[][] random(int n, int d, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) for (int j = 0; j < d; j++) row[j] = r.nextGaussian();
    return x;
  }
}
