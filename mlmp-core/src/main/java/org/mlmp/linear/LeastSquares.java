package org.mlmp.linear;

import org.mlmp.api.Precision;

/** The closed-form solver shared by {@link OrdinaryLeastSquares}, {@link Ridge} and the least-squares classifier. */
final class LeastSquares {
  private LeastSquares() {}

  /** A solution in the design's space and the method that produced it ("cholesky" or "qr"). */
  record LeastSquaresSolution(double[] w, String method) {}

  /**
   * Minimises 1/(2N)‖t − Zw‖² + λ‖w‖² over w for the design's Z and t.
   *
   * @param owner class name for error messages
   */
  static LeastSquaresSolution solve(Design des, double lambda, LeastSquaresSolver solver, String owner) {
    return solve(des, solver == LeastSquaresSolver.QR ? null : des.gram(), lambda, solver, owner);
  }

  /** As {@link #solve(Design, double, LeastSquaresSolver, String)} with the design's Gram matrix given (null for QR). */
  static LeastSquaresSolution solve(Design des, Design.NormalEquations gram, double lambda, LeastSquaresSolver solver, String owner) {
    if (solver != LeastSquaresSolver.QR) {
      double[] w = cholesky(gram, lambda, solver == LeastSquaresSolver.AUTO && des.precision == Precision.DOUBLE);
      if (w != null) return new LeastSquaresSolution(w, "cholesky");
      if (solver == LeastSquaresSolver.CHOLESKY) {
        throw new IllegalArgumentException(owner + ": the normal equations ZᵀZ + 2Nλ I are singular to working"
            + " precision (collinear or constant features with lambda = " + lambda + "). Use LeastSquaresSolver.QR"
            + " or AUTO, or lambda > 0.");
      }
    }
    return new LeastSquaresSolution(qr(des, lambda), "qr");
  }

  /**
   * Cholesky solve of (G + 2Nλ I) w = c after scaling to unit diagonal; null when the matrix is not
   * positive definite or, with {@code checkCondition}, its estimated condition number exceeds
   * {@link LeastSquaresSolver#AUTO_MAX_CONDITION}.
   */
  static double[] cholesky(Design.NormalEquations gram, double lambda, boolean checkCondition) {
    double[][] g = gram.g();
    int d = g.length;
    double ridge = 2 * gram.n() * lambda;
    double[] s = new double[d];
    for (int j = 0; j < d; j++) {
      double diag = g[j][j] + ridge;
      if (!(diag > 0)) return null;
      s[j] = 1 / Math.sqrt(diag);
    }
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) a[i][j] = (g[i][j] + (i == j ? ridge : 0)) * s[i] * s[j];
    }
    double[][] l = DenseSolvers.cholesky(a);
    if (l == null) return null;
    if (checkCondition) {
      // an estimate is enough to choose the method: λ_max and λ_min to 0.1 % (power and inverse iteration)
      double cond = DenseSolvers.largestEigenvalue(a, 1e-3, 500) / DenseSolvers.smallestEigenvalue(l, 1e-3);
      if (!(cond <= LeastSquaresSolver.AUTO_MAX_CONDITION)) return null;
    }
    double[] b = new double[d];
    for (int j = 0; j < d; j++) b[j] = gram.c()[j] * s[j];
    double[] v = DenseSolvers.choleskySolve(l, b);
    for (int j = 0; j < d; j++) v[j] *= s[j];
    return v;
  }

  /** Householder QR of Z, or of [Z; √(2Nλ) I] against [t; 0] for λ > 0. */
  static double[] qr(Design des, double lambda) {
    double[][] cols = des.columns();
    double[] t = des.t;
    if (lambda > 0) {
      int n = des.n, d = des.d;
      double r = Math.sqrt(2.0 * n * lambda);
      for (int j = 0; j < d; j++) {
        double[] c = java.util.Arrays.copyOf(cols[j], n + d);
        c[n + j] = r;
        cols[j] = c;
      }
      t = java.util.Arrays.copyOf(t, n + d);
    } else {
      t = t.clone();
    }
    return DenseSolvers.householderLeastSquares(cols, t);
  }
}
