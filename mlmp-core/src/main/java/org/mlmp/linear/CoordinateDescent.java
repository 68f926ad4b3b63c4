package org.mlmp.linear;

/**
 * Cyclic coordinate descent for the elastic net on the Gram matrix of the centred design
 * (Friedman, Hastie, Tibshirani, J. Stat. Softw. 33 (2010) 1, "covariance updates"): minimises
 * 1/(2N)‖t − Zw‖² + λ(a‖w‖₁ + (1 − a)‖w‖²₂). Each coordinate step is exact:
 * w_j ← S(ρ_j, λa) / (G_jj/N + 2λ(1 − a)), with ρ_j = (c_j − (Gw)_j + G_jj w_j)/N and S the soft
 * threshold; Gw is kept up to date in O(d) per changed weight, so a sweep costs O(d · changes).
 *
 * <p>Stopping rule: the largest violation of the optimality (KKT) conditions,
 * g_j + λa·sign(w_j) = 0 for w_j ≠ 0 and |g_j| ≤ λa for w_j = 0, with g = (Gw − c)/N + 2λ(1−a)w the
 * gradient of the smooth part, is at most {@code tolerance}·‖c‖∞/N (recomputed from scratch before
 * stopping). For λa within 1e-12 relative of λ_max = ‖c‖∞/N or above it, the result is exactly w = 0.
 */
final class CoordinateDescent {
  private CoordinateDescent() {}

  /** The result: weights, sweeps used, final relative KKT violation, and Gw (computed afresh from w). */
  record CdResult(double[] w, int sweeps, double kkt, boolean converged, double[] gw) {}

  static CdResult solve(Design.NormalEquations gram, double lambda, double a, double[] start, double tolerance, int maxSweeps) {
    return solve(gram, lambda, a, start == null ? null : new CdResult(start, 0, 0, false, null), tolerance, maxSweeps);
  }

  /**
   * Warm start from a previous result (null: from w = 0); its Gw is reused rather than recomputed,
   * which matters along a path of 100 λ.
   */
  static CdResult solve(Design.NormalEquations gram, double lambda, double a, CdResult start, double tolerance, int maxSweeps) {
    double[][] g = gram.g();
    double[] c = gram.c();
    int d = c.length;
    double n = gram.n();
    double[] w = start == null ? new double[d] : start.w().clone();
    double scale = 0;
    for (double v : c) scale = Math.max(scale, Math.abs(v));
    scale /= n;
    if (scale == 0) return new CdResult(new double[d], 0, 0, true, new double[d]);
    double l1 = lambda * a, l2 = 2 * lambda * (1 - a);
    if (l1 >= scale * (1 - 1e-12)) {
      // λa ≥ ‖c‖∞/N up to the rounding of λ = λ_max·a/a: w = 0 is optimal (or violates the KKT conditions
      // by at most 1e-12 relative), so return it exactly rather than weights of round-off size
      return new CdResult(new double[d], 0, Math.max(0, scale - l1) / scale, true, new double[d]);
    }
    double[] q = start != null && start.gw() != null ? start.gw().clone() : multiply(g, w);
    double limit = tolerance * scale;
    double kkt = Double.POSITIVE_INFINITY;
    for (int sweep = 1; sweep <= maxSweeps; sweep++) {
      for (int j = 0; j < d; j++) {
        double gjj = g[j][j];
        double denom = gjj / n + l2;
        double next;
        if (denom <= 0) {
          next = 0;
        } else {
          double rho = (c[j] - q[j] + gjj * w[j]) / n;
          next = soft(rho, l1) / denom;
        }
        double delta = next - w[j];
        if (delta != 0) {
          w[j] = next;
          double[] gj = g[j];
          for (int k = 0; k < d; k++) q[k] += delta * gj[k];
        }
      }
      kkt = violation(q, c, w, n, l1, l2);
      if (kkt <= limit) {
        q = multiply(g, w); // drop the rounding accumulated by the incremental updates
        kkt = violation(q, c, w, n, l1, l2);
        if (kkt <= limit) return new CdResult(w, sweep, kkt / scale, true, q);
      }
    }
    return new CdResult(w, maxSweeps, kkt / scale, false, multiply(g, w));
  }

  /** Gw = Σ_{j: w_j ≠ 0} w_j G_j for symmetric G: O(d · nonzeros). */
  static double[] multiply(double[][] g, double[] w) {
    int d = w.length;
    double[] q = new double[d];
    for (int j = 0; j < d; j++) {
      double wj = w[j];
      if (wj == 0) continue;
      double[] gj = g[j];
      for (int k = 0; k < d; k++) q[k] += wj * gj[k];
    }
    return q;
  }

  /** max_j of the KKT violation (absolute). */
  static double violation(double[] q, double[] c, double[] w, double n, double l1, double l2) {
    double worst = 0;
    for (int j = 0; j < w.length; j++) {
      double grad = (q[j] - c[j]) / n + l2 * w[j];
      double v = w[j] > 0 ? Math.abs(grad + l1) : w[j] < 0 ? Math.abs(grad - l1) : Math.max(0, Math.abs(grad) - l1);
      worst = Math.max(worst, v);
    }
    return worst;
  }

  static double soft(double x, double t) {
    return x > t ? x - t : x < -t ? x + t : 0;
  }
}
