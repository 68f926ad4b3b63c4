package org.mlmp.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.factory.Nd4j;

class SubsetSelectionTest {
  /** C + λ‖w‖₀ of a fitted model, computed from the raw data. */
  static double objective(Dataset d, LinearModel m, double lambda) {
    double[] p = m.predict(d.x()).toDoubleVector(), y = d.y().toDoubleVector();
    double rss = 0;
    for (int i = 0; i < y.length; i++) rss += (p[i] - y[i]) * (p[i] - y[i]);
    return rss / (2.0 * y.length) + lambda * m.nonZeroCount();
  }

  /** Brute force: OLS (Householder QR) on each of the 2^d column subsets, independently of the sweep operator. */
  static double bruteForceBest(Dataset d, double lambda, int[] bestMask) {
    double[][] x = d.x().toDoubleMatrix();
    double[] y = d.y().toDoubleVector();
    int n = x.length, p = x[0].length;
    double best = Double.POSITIVE_INFINITY;
    for (int mask = 0; mask < (1 << p); mask++) {
      int k = Integer.bitCount(mask);
      double obj;
      if (k == 0) {
        double mean = 0, rss = 0;
        for (double v : y) mean += v / n;
        for (double v : y) rss += (v - mean) * (v - mean);
        obj = rss / (2.0 * n);
      } else {
        double[][] sub = new double[n][k];
        for (int i = 0; i < n; i++) for (int j = 0, c = 0; j < p; j++) if ((mask & (1 << j)) != 0) sub[i][c++] = x[i][j];
        Dataset ds = new Dataset(Nd4j.createFromArray(sub), d.y(), null, null);
        LinearModel m = OrdinaryLeastSquares.of().withSolver(LeastSquaresSolver.QR).fit(ds);
        obj = objective(ds, m, 0) + lambda * k;
      }
      if (obj < best) {
        best = obj;
        bestMask[0] = mask;
      }
    }
    return best;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1e-4, 0.003, 0.02, 0.1, 10})
  void bestSubsetEqualsBruteForceEnumeration(double lambda) {
    Dataset d = Fixtures.planted(60, 8, new int[] {1, 4, 6}, new double[] {1.0, -0.3, 0.12}, 0.4, 5);
    int[] mask = new int[1];
    double brute = bruteForceBest(d, lambda, mask);
    LinearModel m = BestSubset.of(lambda).fit(d);
    assertEquals(brute, objective(d, m, lambda), 1e-12 * Math.max(1, brute));
    for (int j = 0; j < 8; j++) {
      assertEquals((mask[0] & (1 << j)) != 0, m.coef()[j] != 0, "feature " + j + " at lambda " + lambda);
    }
  }

  @Test
  void bestSubsetRecoversThePlantedSupport() {
    Dataset d = Fixtures.planted(200, 20, new int[] {2, 9, 15, 17}, new double[] {1.5, -2, 1, 0.7}, 0.3, 21);
    LinearModel m = BestSubset.of(0.01).fit(d);
    boolean[] expected = new boolean[20];
    for (int j : new int[] {2, 9, 15, 17}) expected[j] = true;
    for (int j = 0; j < 20; j++) assertEquals(expected[j], m.coef()[j] != 0, "feature " + j);
    assertEquals(1.5, m.coef()[2], 0.1);
    assertEquals(2, m.intercept(), 0.1);
  }

  @Test
  void forwardSelectionRecoversThePlantedSupportOnWellSeparatedData() {
    Dataset d = Fixtures.planted(300, 40, new int[] {0, 13, 31}, new double[] {2, -1.5, 1}, 0.3, 8);
    LinearModel m = ForwardSelection.of(0.01).fit(d);
    for (int j = 0; j < 40; j++) assertEquals(j == 0 || j == 13 || j == 31, m.coef()[j] != 0, "feature " + j);
  }

  @Test
  void forwardSelectionNeverBeatsTheExactOptimum() {
    Dataset d = Fixtures.planted(40, 10, new int[] {1, 2}, new double[] {0.5, 0.5}, 1.0, 3);
    for (double lambda : new double[] {1e-3, 1e-2, 5e-2}) {
      double exact = objective(d, BestSubset.of(lambda).fit(d), lambda);
      double greedy = objective(d, ForwardSelection.of(lambda).fit(d), lambda);
      assertEquals(true, exact <= greedy + 1e-12, "lambda " + lambda + ": exact " + exact + " greedy " + greedy);
    }
  }

  @Test
  void bestSubsetRefusesMoreThan25FeaturesNamingTheLimit() {
    Dataset d = Fixtures.planted(30, 26, new int[] {0}, new double[] {1}, 0.1, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BestSubset.of(0.1).fit(d));
    assertEquals("BestSubset enumerates all 2^d supports and accepts at most 25 features; x has 26. Use"
        + " ForwardSelection (greedy, approximate) instead.", e.getMessage());
  }

  @Test
  void largeLambdaGivesTheInterceptOnlyModel() {
    Dataset d = Fixtures.reference();
    LinearModel m = BestSubset.of(1e6).fit(d);
    assertArrayEquals(new double[5], m.coef(), 0);
    double mean = 0;
    for (double v : d.y().toDoubleVector()) mean += v / 40;
    assertEquals(mean, m.intercept(), 1e-12);
  }
}
