package org.mlmp.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlmp.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The direct OpenBLAS calls of the linear fits ({@link DirectBlas}) against plain-Java sums, and the
 * per-thread workspace of {@link Design#scoped} against fits outside it.
 */
class DirectBlasTest {
  private static double[][] random(int n, int d, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = r.nextGaussian() * (1 + j) + 0.5 * j;
    return x;
  }

  /** n = 3000 is not a multiple of the gemv block (2048), so the last, shorter block is exercised. */
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
    double[][] gd = DirectBlas.gram(x);
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
    double[][] first = DirectBlas.gram(x);
    double[] firstSums = DirectBlas.transposeTimes(x, null);
    for (int rep = 0; rep < 300; rep++) {
      double[][] g = DirectBlas.gram(x);
      for (int j = 0; j < g.length; j++) assertArrayEquals(first[j], g[j], 0.0, "call " + rep);
      assertArrayEquals(firstSums, DirectBlas.transposeTimes(x, null), 0.0, "call " + rep);
    }
  }

  /**
   * Fits large enough for the reused workspace (≥ 4 MiB of x), of two sizes in turn (the second
   * outgrows the learned workspace), agree with the independent closed form, repeat bit for bit, and
   * leave no workspace open.
   */
  @Test
  void scopedFitsInTheReusedWorkspaceAgreeWithTheClosedForm() {
    Dataset small = data(4000, 140, 11), large = data(5000, 150, 12);
    assertTrue(4000L * 140 * 8 >= Design.SCRATCH_MIN_BYTES);
    double[] first = null;
    for (int rep = 0; rep < 2; rep++) {
      for (Dataset ds : new Dataset[] {small, large}) {
        LinearModel m = Ridge.of(0.01).fit(ds);
        assertNull(Nd4j.getMemoryManager().getCurrentWorkspace(), "no workspace left open");
        double[] ref = RidgeTest.augmentedNormalEquations(ds, 0.01);
        double[] coef = m.coef();
        for (int j = 0; j < coef.length; j++) assertEquals(ref[j + 1], coef[j], 1e-9 * (1 + Math.abs(ref[j + 1])));
        assertEquals(ref[0], m.intercept(), 1e-9 * (1 + Math.abs(ref[0])));
        if (ds == small && first == null) first = coef;
        else if (ds == small) assertArrayEquals(first, coef, 0.0);
      }
    }
    // the LASSO path reads its Gram matrix in the same workspace
    LinearModel l = Lasso.of(0.01).fit(large);
    LinearModel lRef = Lasso.of(0.01).fit(large.rows(java.util.stream.IntStream.range(0, 5000).toArray()));
    assertArrayEquals(lRef.coef(), l.coef(), 0.0);
  }

  private static Dataset data(int n, int d, long seed) {
    double[][] x = random(n, d, seed);
    double[] y = new double[n];
    Random r = new Random(seed + 1);
    for (int i = 0; i < n; i++) y[i] = 2 + x[i][0] - 0.5 * x[i][1] + 0.1 * r.nextGaussian();
    return Dataset.of(x, y);
  }
}
