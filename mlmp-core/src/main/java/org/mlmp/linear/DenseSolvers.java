package org.mlmp.linear;

/**
 * Small dense linear algebra in plain Java double precision, for the d×d (d = number of features)
 * problems that follow one large Gram product (see {@link Design}): Cholesky, Householder QR least squares, extreme
 * eigenvalues by power / inverse iteration. Package-private: the solvers behind the public trainers.
 */
final class DenseSolvers {
  private DenseSolvers() {}

  /**
   * Lower Cholesky factor L of a symmetric positive-definite matrix (A = L Lᵀ), or null when a pivot
   * is not positive (A is singular or indefinite to working precision).
   */
  static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double s = a[j][j];
      double[] lj = l[j];
      for (int k = 0; k < j; k++) s -= lj[k] * lj[k];
      if (!(s > 0)) return null;
      double d = Math.sqrt(s);
      lj[j] = d;
      for (int i = j + 1; i < n; i++) {
        double[] li = l[i];
        double t = a[i][j];
        for (int k = 0; k < j; k++) t -= li[k] * lj[k];
        li[j] = t / d;
      }
    }
    return l;
  }

  /** Solves L Lᵀ x = b for x, given the lower Cholesky factor L. */
  static double[] choleskySolve(double[][] l, double[] b) {
    int n = l.length;
    double[] z = b.clone();
    for (int i = 0; i < n; i++) {
      double s = z[i];
      for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
      z[i] = s / l[i][i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < n; k++) s -= l[k][i] * z[k];
      z[i] = s / l[i][i];
    }
    return z;
  }

  /**
   * Minimises ‖A x − b‖₂ by Householder QR (Golub &amp; Van Loan, Matrix Computations, 4th ed., §5.3.3),
   * backward stable: the error grows with cond(A), not cond(A)² as with the normal equations.
   *
   * @param cols A by columns: {@code cols[j]} is column j (length m, m ≥ n); overwritten
   * @param b right-hand side, length m; overwritten with Qᵀb
   * @return x, length n; a column whose remaining norm is ≤ 1e-13 of its original norm (dependent on
   *     the previous ones to round-off), or beyond the m-th, gets coefficient 0 (a basic solution, not
   *     the minimum-norm one)
   */
  static double[] householderLeastSquares(double[][] cols, double[] b) {
    int n = cols.length, m = b.length;
    double[] diag = new double[n];
    double[] orig = new double[n];
    for (int j = 0; j < n; j++) orig[j] = norm(cols[j], 0);
    for (int k = 0; k < n; k++) {
      if (k >= m) { // more columns than rows: the remaining columns get coefficient 0
        diag[k] = 0;
        continue;
      }
      double[] v = cols[k];
      double alpha = norm(v, k);
      if (alpha <= 1e-13 * orig[k] || alpha == 0) {
        diag[k] = 0;
        continue;
      }
      if (v[k] > 0) alpha = -alpha;
      // v = x - alpha e1, stored in cols[k][k..]; H = I - 2 v vᵀ / (vᵀv)
      v[k] -= alpha;
      double vtv = 0;
      for (int i = k; i < m; i++) vtv += v[i] * v[i];
      for (int j = k + 1; j < n; j++) reflect(v, cols[j], k, m, vtv);
      reflect(v, b, k, m, vtv);
      diag[k] = alpha;
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      if (diag[i] == 0) {
        x[i] = 0;
        continue;
      }
      double s = b[i];
      for (int j = i + 1; j < n; j++) s -= cols[j][i] * x[j];
      x[i] = s / diag[i];
    }
    return x;
  }

  private static void reflect(double[] v, double[] c, int k, int m, double vtv) {
    double s = 0;
    for (int i = k; i < m; i++) s += v[i] * c[i];
    double f = 2 * s / vtv;
    for (int i = k; i < m; i++) c[i] -= f * v[i];
  }

  private static double norm(double[] v, int from) {
    double scale = 0, ssq = 1;
    for (int i = from; i < v.length; i++) {
      double a = Math.abs(v[i]);
      if (a == 0) continue;
      if (scale < a) {
        ssq = 1 + ssq * (scale / a) * (scale / a);
        scale = a;
      } else {
        ssq += (a / scale) * (a / scale);
      }
    }
    return scale * Math.sqrt(ssq);
  }

  /** y = A x for a square or rectangular matrix A. */
  static double[] multiply(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0;
      double[] ai = a[i];
      for (int j = 0; j < x.length; j++) s += ai[j] * x[j];
      y[i] = s;
    }
    return y;
  }

  /**
   * The largest eigenvalue of a symmetric positive semi-definite matrix by power iteration, iterated
   * until ‖Av‖ changes by less than 1e-12 relative and agrees with the Rayleigh quotient to 1e-9 (at
   * most 10 000 iterations). Power iteration approaches λ_max from below.
   */
  static double largestEigenvalue(double[][] a) {
    return largestEigenvalue(a, 1e-12, 10_000);
  }

  /** As {@link #largestEigenvalue(double[][])} to relative change {@code tol}, at most {@code maxIt} steps. */
  static double largestEigenvalue(double[][] a, double tol, int maxIt) {
    int n = a.length;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = 1 + 0.01 * i; // deterministic start, not orthogonal to the top vector in practice
    normalise(v);
    double lambda = 0;
    for (int it = 0; it < maxIt; it++) {
      double[] w = multiply(a, v);
      double nw = Math.sqrt(dot(w, w));
      if (nw == 0) return 0;
      double rq = dot(v, w);
      for (int i = 0; i < n; i++) v[i] = w[i] / nw;
      if (Math.abs(nw - lambda) <= tol * nw && Math.abs(nw - rq) <= Math.max(tol, 1e-9) * nw) return Math.max(nw, rq);
      lambda = nw;
    }
    return lambda;
  }

  /**
   * The smallest eigenvalue of a symmetric positive-definite matrix by inverse iteration with its
   * Cholesky factor L (A = L Lᵀ); accurate to a few digits, enough to estimate a condition number.
   */
  static double smallestEigenvalue(double[][] l) {
    return smallestEigenvalue(l, 1e-6);
  }

  /** As {@link #smallestEigenvalue(double[][])}, iterated until the estimate changes by at most {@code tol} relative. */
  static double smallestEigenvalue(double[][] l, double tol) {
    int n = l.length;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = 1 + 0.37 * ((i * 7919) % 13);
    normalise(v);
    double mu = Double.POSITIVE_INFINITY;
    for (int it = 0; it < 200; it++) {
      double[] w = choleskySolve(l, v);
      double nw = Math.sqrt(dot(w, w));
      double next = 1 / nw;
      for (int i = 0; i < n; i++) v[i] = w[i] / nw;
      if (Math.abs(next - mu) <= tol * next) return next;
      mu = next;
    }
    return mu;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static void normalise(double[] v) {
    double n = Math.sqrt(dot(v, v));
    for (int i = 0; i < v.length; i++) v[i] /= n;
  }
}
