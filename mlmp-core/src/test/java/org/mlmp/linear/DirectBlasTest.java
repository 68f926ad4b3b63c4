package org.mlmp.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The direct OpenBLAS calls of the linear fits ({@link DirectBlas}) against plain-Java sums.
 */
class DirectBlasTest {
  private static double[][] random(int n, int d, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = r.nextGaussian() * (1 + j) + 0.5 * j;
    return x;
  }

  /** n = 3000 is not a multiple of the gemv/ger chunk (8192 / 7 = 1170 rows), so a shorter last chunk is exercised. */
  @ParameterizedTest
  @ValueSource(strings = {"DOUBLE", "FLOAT"})
  void gramTransposeTimesAndCentringMatchPlainJava(String type) {
    DataType dt = DataType.valueOf(type);
    int n = 3000, d = 7;
    double[][] xs = random(n, d, 3);
    INDArray x = Nd4j.createFromArray(xs).castTo(dt).dup('c');
    assumeTrue(DirectBlas.applies(x), "the direct calls exist on the CPU backend only");
    double[][] xr = x.castTo(DataType.DOUBLE).toDoubleMatrix(); // the values as stored (rounded for FLOAT)
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = Math.cos(i);
    double tol = dt == DataType.DOUBLE ? 1e-12 : 1e-5;

    double[] sums = new double[d], xtv = new double[d], scaleV = new double[d];
    double[][] g = new double[d][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        sums[j] += xr[i][j];
        xtv[j] += xr[i][j] * v[i];
        scaleV[j] += Math.abs(xr[i][j] * v[i]);
        for (int k = 0; k < d; k++) g[j][k] += xr[i][j] * xr[i][k];
      }
    }
    double[] s = DirectBlas.transposeTimes(x, null);
    double[] c = DirectBlas.transposeTimes(x, v);
    double[][] gd = gram(x);
    for (int j = 0; j < d; j++) {
      double colAbs = 0;
      for (int i = 0; i < n; i++) colAbs += Math.abs(xr[i][j]);
      assertEquals(sums[j], s[j], tol * colAbs, "column sum " + j);
      assertEquals(xtv[j], c[j], tol * scaleV[j], "xᵀv " + j);
      for (int k = 0; k < d; k++) {
        assertEquals(g[j][k], gd[j][k], tol * Math.sqrt(g[j][j] * g[k][k]), "xᵀx " + j + "," + k);
        assertEquals(gd[j][k], gd[k][j], 0.0, "exactly symmetric");
      }
    }
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) mean[j] = sums[j] / n;
    DirectBlas.subtractFromRows(x, mean);
    double[][] centred = x.castTo(DataType.DOUBLE).toDoubleMatrix();
    for (int i = 0; i < n; i += 97) {
      for (int j = 0; j < d; j++) assertEquals(xr[i][j] - mean[j], centred[i][j], tol * (Math.abs(xr[i][j]) + 1));
    }
  }

  /**
   * Many calls in one JVM give identical results (the CBLAS calls go to the org.bytedeco copy of
   * OpenBLAS, a second one next to ND4J's; see OpenBlasKernel on RTLD_LOCAL).
   */
  @Test
  void repeatedCallsAreStable() {
    INDArray x = Nd4j.createFromArray(random(3000, 12, 5)).dup('c');
    assumeTrue(DirectBlas.applies(x), "the direct calls exist on the CPU backend only");
    double[][] first = gram(x);
    double[] firstSums = DirectBlas.transposeTimes(x, null);
    for (int rep = 0; rep < 300; rep++) {
      double[][] g = gram(x);
      for (int j = 0; j < g.length; j++) assertArrayEquals(first[j], g[j], 0.0, "call " + rep);
      assertArrayEquals(firstSums, DirectBlas.transposeTimes(x, null), 0.0, "call " + rep);
    }
  }

  /** xᵀx by {@link DirectBlas.GramSum} over the whole array as one block. */
  private static double[][] gram(INDArray x) {
    try (DirectBlas.GramSum acc = new DirectBlas.GramSum((int) x.columns(), x.dataType())) {
      acc.add(x);
      return acc.result();
    }
  }
}
