package org.mlmp.density;

/** log Σ_j exp(a_j) = m + log Σ_j exp(a_j − m), m = max_j a_j, without overflow. */
final class LogSumExp {
  private LogSumExp() {}

  /** −∞ for an empty or all −∞ row. */
  static double of(double[] a) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : a) m = Math.max(m, v);
    if (m == Double.NEGATIVE_INFINITY) return m;
    double s = 0;
    for (double v : a) s += Math.exp(v - m);
    return m + Math.log(s);
  }

  /** Row-wise, for a {@code [n][k]} array. */
  static double[] rows(double[][] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) out[i] = of(a[i]);
    return out;
  }
}
