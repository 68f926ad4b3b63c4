package org.mlmp.density;

/** Dense d×d linear algebra in plain Java for the small per-component matrices (d = number of features). */
final class SmallMatrices {
  private SmallMatrices() {}

  /** The lower Cholesky factor L with L Lᵀ = a, or null if a is not (numerically) positive definite. */
  static double[][] cholesky(double[][] a) {
    int d = a.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
        if (i == j) {
          if (!(s > 0)) return null;
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  /** The inverse of a lower-triangular matrix (lower-triangular again). */
  static double[][] invertLower(double[][] l) {
    int d = l.length;
    double[][] inv = new double[d][d];
    for (int j = 0; j < d; j++) {
      inv[j][j] = 1 / l[j][j];
      for (int i = j + 1; i < d; i++) {
        double s = 0;
        for (int k = j; k < i; k++) s -= l[i][k] * inv[k][j];
        inv[i][j] = s / l[i][i];
      }
    }
    return inv;
  }

  static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
    return t;
  }

  static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }

  /** Σ_i log L_ii: half the log-determinant of L Lᵀ. */
  static double logDiagSum(double[][] l) {
    double s = 0;
    for (int i = 0; i < l.length; i++) s += Math.log(l[i][i]);
    return s;
  }
}
