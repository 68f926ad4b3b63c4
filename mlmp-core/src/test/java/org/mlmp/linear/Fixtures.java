package org.mlmp.linear;

import java.util.Random;
import org.mlmp.data.Dataset;

/** Small data sets shared by the linear-model tests. */
final class Fixtures {
  private Fixtures() {}

  /**
   * The scikit-learn reference data (n = 40, d = 5), defined identically in /tmp/lin/ref.py:
   * x_ij = sin(0.3 (j+1)(i+1) + j) + 0.05 i (j mod 2); y = 1.5 x0 − 2 x1 + 0.5 x3 + 3 + 0.3 cos(1.3 i).
   */
  static Dataset reference() {
    int n = 40, d = 5;
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) x[i][j] = Math.sin(0.3 * (j + 1) * (i + 1) + j) + 0.05 * i * (j % 2);
      y[i] = 1.5 * x[i][0] - 2 * x[i][1] + 0.5 * x[i][3] + 3 + 0.3 * Math.cos(1.3 * i);
    }
    return Dataset.of(x, y);
  }

  /** Labels 1 where y &gt; median(y), else 0 (the median of 40 values: mean of the 20th and 21st). */
  static double[] aboveMedian(double[] y) {
    double[] s = y.clone();
    java.util.Arrays.sort(s);
    double med = (s[19] + s[20]) / 2;
    double[] t = new double[y.length];
    for (int i = 0; i < y.length; i++) t[i] = y[i] > med ? 1 : 0;
    return t;
  }

  /**
   * Gaussian features with a planted sparse truth: y = 2 + Σ_{j ∈ support} beta_j x_j + noise·ε.
   */
  static Dataset planted(int n, int d, int[] support, double[] beta, double noise, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) x[i][j] = r.nextGaussian();
      double v = 2;
      for (int k = 0; k < support.length; k++) v += beta[k] * x[i][support[k]];
      y[i] = v + noise * r.nextGaussian();
    }
    return Dataset.of(x, y);
  }

  static double[] y(Dataset d) {
    return d.y().toDoubleVector();
  }
}
