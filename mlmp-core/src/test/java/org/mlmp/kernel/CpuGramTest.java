package org.mlmp.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.mlmp.backend.HostDoubles;
import org.mlmp.backend.HostFloats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The CPU Gram pass (double triangle, float copy, ∞-norm) and the float route of {@link Gram}. */
class CpuGramTest {
  static INDArray points(int n, int d, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = 2 * r.nextDouble() - 0.5;
    return Nd4j.createFromArray(x);
  }

  static Stream<Kernel> kernels() {
    return Stream.of(Linear.of(), Polynomial.of(3, 1.0), Gaussian.of(0.8), Laplacian.of(1.5),
        Radial.of(r2 -> 1 / Math.sqrt(1 + r2), "1/sqrt(1 + r²)"));
  }

  /** Row boundaries cover [0, n] in increasing order, each part's area within one row of the ideal n(n+1)/2P. */
  @ParameterizedTest
  @CsvSource({"1, 8", "7, 8", "100, 8", "2000, 8", "2001, 3", "5, 1"})
  void triangleIsSplitIntoPartsOfEqualArea(int n, int parts) {
    int[] b = CpuGram.triangleParts(n, parts);
    assertEquals(Math.min(n, parts) + 1, b.length);
    assertEquals(0, b[0]);
    assertEquals(n, b[b.length - 1]);
    double ideal = (double) n * (n + 1) / 2 / (b.length - 1);
    for (int q = 0; q + 1 < b.length; q++) {
      assertTrue(b[q + 1] > b[q], "part " + q + " is empty");
      double area = 0;
      for (int i = b[q]; i < b[q + 1]; i++) area += n - i;
      if (n >= 100) assertEquals(ideal, area, n, "area of part " + q);
    }
  }

  /**
   * The pass writes the upper triangle of k(x, x) (equal to the ND4J route to 1e-12), its float rounding,
   * and returns ‖K‖∞ = max_i Σ_j |K_ij| of the whole symmetric matrix.
   */
  @ParameterizedTest
  @MethodSource("kernels")
  void upperTriangleFloatCopyAndInfinityNorm(Kernel k) {
    int n = 150;
    INDArray x = points(n, 3, 4);
    double[][] full = k.gram(x).toDoubleMatrix();
    double norm;
    double[] d = new double[n * n];
    float[] f = new float[n * n];
    try (HostDoubles dp = HostDoubles.allocate((long) n * n); HostFloats fp = HostFloats.allocate((long) n * n)) {
      norm = CpuGram.upperTriangle(CpuGram.prepare(k, x), dp, fp);
      dp.get(0, d, 0, n * n);
      fp.get(0, f, 0, n * n);
    }
    double expectedNorm = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += Math.abs(full[i][j]);
      expectedNorm = Math.max(expectedNorm, s);
      for (int j = i; j < n; j++) {
        assertEquals(full[i][j], d[i * n + j], 1e-12 * Math.max(1, Math.abs(full[i][j])), k + " K[" + i + "][" + j + "]");
        assertEquals((float) d[i * n + j], f[i * n + j], 0f, k + " float K[" + i + "][" + j + "]");
      }
    }
    assertEquals(expectedNorm, norm, 1e-12 * expectedNorm, k + " ‖K‖∞");
  }

  /** Gram.matrix / Gram.cross in FLOAT equal the double ones to float round-off (entries of order 1 here). */
  @ParameterizedTest
  @MethodSource("kernels")
  void floatGramEqualsDoubleGramToFloatRoundOff(Kernel k) {
    INDArray x = points(60, 3, 5), y = points(20, 3, 6);
    INDArray kd = Gram.matrix(k, x, DataType.DOUBLE), kf = Gram.matrix(k, x, DataType.FLOAT);
    INDArray cd = Gram.cross(k, y, x, DataType.DOUBLE), cf = Gram.cross(k, y, x, DataType.FLOAT);
    assertEquals(DataType.FLOAT, kf.dataType());
    assertEquals(DataType.FLOAT, cf.dataType());
    assertEquals(kd, k.gram(x));
    double scale = Math.max(1, kd.amaxNumber().doubleValue());
    assertTrue(kf.castTo(DataType.DOUBLE).sub(kd).amaxNumber().doubleValue() < 1e-5 * scale, k + " symmetric");
    assertTrue(cf.castTo(DataType.DOUBLE).sub(cd).amaxNumber().doubleValue() < 1e-5 * scale, k + " cross");
    assertEquals(kf, kf.transpose(), k + ": the float Gram matrix is exactly symmetric");
  }

  @Test
  void gramInAnIntegerTypeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gram.matrix(Gaussian.of(1.0), points(3, 2, 1), DataType.INT32));
    assertEquals("Gram matrices are computed in DOUBLE or FLOAT. Got INT instead.", e.getMessage());
  }

  /**
   * The SVM's Java rows, whole or in two pieces at an offset: exactly symmetric, equal to the ND4J Gram matrix to 1e-12,
   * exact k(0) diagonal, entries outside the asked range untouched.
   */
  @ParameterizedTest
  @MethodSource("kernels")
  void gramRowsAreExactlySymmetricAndEqualTheGram(Kernel k) {
    INDArray x = points(130, 3, 7);
    CpuGram.Prepared p = CpuGram.prepare(k, x);
    double[] c = CpuGram.featureMajor(p);
    double[][] rows = new double[130][130], full = k.gram(x).toDoubleMatrix();
    double[] store = new double[3 + 130];
    for (int i = 0; i < rows.length; i++) {
      if (i % 2 == 0) {
        CpuGram.gramRow(p, c, i, 0, 130, rows[i], 0);
      } else {
        // in two pieces, at an offset of 3 in a longer array
        java.util.Arrays.fill(store, Double.NaN);
        CpuGram.gramRow(p, c, i, 0, 61, store, 3);
        assertTrue(Double.isNaN(store[2]) && Double.isNaN(store[3 + 61]) && Double.isNaN(store[3 + 129]),
            "row " + i + " beyond its range");
        CpuGram.gramRow(p, c, i, 61, 130, store, 3);
        assertTrue(Double.isNaN(store[2]), "row " + i + " before its offset");
        System.arraycopy(store, 3, rows[i], 0, 130);
      }
    }
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows.length; j++) {
        assertEquals(rows[j][i], rows[i][j], 0.0, k + " symmetry at " + i + ", " + j);
        assertEquals(full[i][j], rows[i][j], 1e-12 * Math.max(1, Math.abs(full[i][j])), k + " K[" + i + "][" + j + "]");
      }
    }
    if (Gram.translationInvariant(k)) {
      assertEquals(k.value(new double[3], new double[3]), rows[5][5], 0.0);
      assertEquals(k.value(new double[3], new double[3]), rows[75][75], 0.0);
    }
  }

  /**
   * With 11 features (passes of four, four, two and one over the feature-major copy, in pieces from odd columns), every
   * entry of a Gaussian row equals exactly the one-entry-at-a-time sum x_i·x_t = ((0 + x_i0 x_t0) + x_i1 x_t1) + …
   * mapped by exp(−γ max(0, ‖x_i‖² + ‖x_t‖² − 2 x_i·x_t)), and the rows are exactly symmetric.
   */
  @Test
  void gramRowAddsTheFeaturesInOrderAsOneEntryAtATime() {
    int n = 67, d = 11;
    Gaussian g = Gaussian.of(0.9);
    CpuGram.Prepared p = CpuGram.prepare(g, points(n, d, 11));
    double[] x = p.x(), c = CpuGram.featureMajor(p);
    double[][] rows = new double[n][n];
    for (int i = 0; i < n; i++) {
      CpuGram.gramRow(p, c, i, 0, 13, rows[i], 0);
      CpuGram.gramRow(p, c, i, 13, n, rows[i], 0);
    }
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < n; t++) {
        double dot = 0;
        for (int f = 0; f < d; f++) dot += x[i * d + f] * x[t * d + f];
        double r2 = Math.max(0, p.norms()[i] + p.norms()[t] - 2 * dot);
        double expected = i == t ? 1.0 : Math.exp(-g.gamma() * r2);
        assertEquals(expected, rows[i][t], 0.0, "K[" + i + "][" + t + "]");
        assertEquals(rows[t][i], rows[i][t], 0.0, "symmetry at " + i + ", " + t);
      }
    }
  }
}
