package org.mlmp.linear;

import org.mlmp.api.Precision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.backend.HostBlas;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two ways the linear fits read the data: the CPU fast path (direct OpenBLAS calls, {@link DirectBlas})
 * and the backend-generic ND4J path that every other backend (CUDA) takes, forced here on the CPU with
 * {@link org.mlmp.backend.HostBlas#forceGeneric()}. Both must give the streamed moments of plain-Java
 * two-pass sums, and the same fitted models.
 */
class BackendPathsTest {
  /**
   * x_ij = 1000 (j + 1) + (1 + j) g_ij (g standard normal): column means far above the standard
   * deviations, so a Gram matrix formed before centring would lose about 6 digits to cancellation.
   */
  static double[][] offsetData(int n, int d, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = 1000.0 * (j + 1) + (1 + j) * r.nextGaussian();
    return x;
  }

  static Stream<Arguments> pathsAndPrecisions() {
    return Stream.of(Arguments.of(false, Precision.DOUBLE), Arguments.of(false, Precision.FLOAT),
        Arguments.of(true, Precision.DOUBLE), Arguments.of(true, Precision.FLOAT));
  }

  /**
   * The centred moments Σ(x − c)(x − c)ᵀ = gram − sums sumsᵀ/N and Σ(x − c)t = xt − (sums/N)Σt, with
   * c = s + sums/N, from blocks of 7, 256 and 1000 rows (n = 1000: many with a shorter last one, several, one)
   * against two-pass sums in plain Java over the values as stored (rounded to float for FLOAT).
   */
  @ParameterizedTest
  @MethodSource("pathsAndPrecisions")
  void streamedCentredMomentsMatchTwoPassSums(boolean generic, Precision precision) {
    int n = 1000, d = 6;
    double[][] xs = offsetData(n, d, 7);
    Dataset data = Dataset.of(Nd4j.createFromArray(xs).castTo(precision.dataType()), Nd4j.createFromArray(
        new Random(8).doubles(n).toArray()));
    double[][] xr = data.x().castTo(DataType.DOUBLE).toDoubleMatrix();
    double[] t = data.y().castTo(DataType.DOUBLE).toDoubleVector();
    double[] mean = new double[d];
    for (double[] row : xr) for (int j = 0; j < d; j++) mean[j] += row[j] / n;
    double[][] g = new double[d][d];
    double[] xt = new double[d];
    double tSum = 0;
    for (int i = 0; i < n; i++) {
      tSum += t[i];
      for (int j = 0; j < d; j++) {
        xt[j] += (xr[i][j] - mean[j]) * t[i];
        for (int k = 0; k < d; k++) g[j][k] += (xr[i][j] - mean[j]) * (xr[i][k] - mean[k]);
      }
    }
    double tol = precision == Precision.DOUBLE ? 1e-12 : 2e-5;
    for (int block : new int[] {7, 256, 1000}) {
      Moments m;
      if (generic) {
        try (var forced = HostBlas.forceGeneric()) {
          m = Moments.of(data, t, true, precision, block);
        }
      } else {
        m = Moments.of(data, t, true, precision, block);
      }
      for (int j = 0; j < d; j++) {
        double c = m.shift[j] + m.sums[j] / n;
        assertEquals(mean[j], c, 1e-12 * Math.abs(mean[j]), "mean " + j + ", block " + block);
        double xtj = m.xt[j] - m.sums[j] / n * tSum;
        assertEquals(xt[j], xtj, tol * Math.sqrt(g[j][j] * n), "Σ(x − c)t, column " + j + ", block " + block);
        for (int k = 0; k < d; k++) {
          double gjk = m.gram[j][k] - m.sums[j] * m.sums[k] / n;
          assertEquals(g[j][k], gjk, tol * Math.sqrt(g[j][j] * g[k][k]), "centred Gram " + j + "," + k + ", block "
              + block);
          assertEquals(m.gram[j][k], m.gram[k][j], 0.0, "exactly symmetric");
        }
      }
    }
  }

  @Test
  void genericSwitchesTheDirectCallsOffOnThisThreadOnly() throws Exception {
    var x = Nd4j.create(DataType.DOUBLE, 4, 3);
    boolean cpu = DirectBlas.applies(x);
    try (var forced = HostBlas.forceGeneric()) {
      assertFalse(DirectBlas.applies(x));
      var other = java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        assertEquals(cpu, other.submit(() -> DirectBlas.applies(x)).get(), "other threads keep the fast path");
      } finally {
        other.shutdown();
      }
    }
    assertEquals(cpu, DirectBlas.applies(x), "restored afterwards");
  }

  static Stream<Arguments> fits() {
    List<Function<Dataset, double[]>> fits = List.of(
        ds -> coefAndIntercept(Ridge.of(0.01).fit(ds)),
        ds -> coefAndIntercept(Ridge.of(0.01).withPrecision(Precision.FLOAT).fit(ds)),
        ds -> coefAndIntercept(Ridge.of(0.01).withStandardize(true).fit(ds)),
        ds -> coefAndIntercept(OrdinaryLeastSquares.of().fit(ds)),
        ds -> coefAndIntercept(Lasso.of(0.02).fit(ds)),
        ds -> coefAndIntercept(ElasticNet.of(0.02, 0.5).withStandardize(true).fit(ds)),
        ds -> coefAndIntercept(GradientDescent.of(0.5).withStandardize(true).withMaxIterations(500).fit(ds)),
        ds -> {
          double[] yv = ds.y().toDoubleVector(), labels = new double[yv.length];
          double mean = java.util.Arrays.stream(yv).average().orElseThrow();
          for (int i = 0; i < yv.length; i++) labels[i] = yv[i] > mean ? 1 : 0;
          LinearClassifierModel m = LeastSquaresClassifier.of().withLambda(0.01).fit(
              Dataset.of(ds.x(), Nd4j.createFromArray(labels)));
          double[] c = m.coef().getRow(0).toDoubleVector();
          double[] out = java.util.Arrays.copyOf(c, c.length + 1);
          out[c.length] = m.intercept()[0];
          return out;
        });
    String[] names = {"ridge", "ridge FLOAT", "ridge standardized", "OLS", "LASSO", "elastic net standardized",
        "gradient descent", "least-squares classifier"};
    return java.util.stream.IntStream.range(0, names.length).mapToObj(i -> Arguments.of(names[i], fits.get(i)));
  }

  /**
   * n = 30 000 rows × 40: several blocks of the streamed pass (BLOCK_BYTES) on both paths; coefficients
   * agree to 1e-9 relative in double (the paths only sum in another order), 1e-4 in float.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void theGenericPathGivesTheFastPathsModels(String name, Function<Dataset, double[]> fit) {
    int n = 30_000, d = 40;
    assertTrue(Moments.blockRows(n, d, Precision.DOUBLE) < n, "the data span several blocks");
    double[][] x = offsetData(n, d, 3);
    double[] y = new double[n];
    Random r = new Random(4);
    for (int i = 0; i < n; i++) y[i] = 5 + 0.01 * x[i][0] - 0.02 * x[i][3] + 0.003 * x[i][7] + r.nextGaussian();
    Dataset ds = Dataset.of(x, y);
    assumeTrue(DirectBlas.applies(Nd4j.create(DataType.DOUBLE, 2, 2)), "the fast path exists on the CPU backend only");
    double[] fast = fit.apply(ds);
    double[] generic;
    try (var forced = HostBlas.forceGeneric()) {
      generic = fit.apply(ds);
    }
    double tol = name.contains("FLOAT") ? 1e-4 : 1e-9;
    double max = 0;
    for (double v : fast) max = Math.max(max, Math.abs(v));
    for (int j = 0; j < fast.length; j++) assertEquals(fast[j], generic[j], tol * max, name + ", entry " + j);
  }

  private static double[] coefAndIntercept(LinearModel m) {
    double[] c = m.coef();
    double[] out = java.util.Arrays.copyOf(c, c.length + 1);
    out[c.length] = m.intercept();
    return out;
  }
}
