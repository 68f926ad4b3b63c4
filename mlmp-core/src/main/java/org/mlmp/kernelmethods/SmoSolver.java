package org.mlmp.kernelmethods;

/**
 * The dual of the binary soft-margin SVM,
 *
 * <pre>  min_α ½ αᵀQα − Σα   s.t. 0 ≤ α_i ≤ C, Σ y_i α_i = 0,   Q_ij = y_i y_j K_ij,</pre>
 *
 * by sequential minimal optimisation with the second-order working-set selection of Fan, Chen and Lin
 * (JMLR 6, 1889 (2005)) — the algorithm of LIBSVM's {@code Solver}, with its shrinking heuristic and
 * gradient reconstruction (C.-C. Chang and C.-J. Lin, ACM TIST 2, 27 (2011), §5.1), in double precision
 * on kernel rows supplied by the caller. Stops when the maximal KKT violation m(α) − M(α) < tolerance
 * over all variables.
 */
final class SmoSolver {

  private static final double TAU = 1e-12;

  /**
   * @param alpha the solution α (length n)
   * @param rho the threshold: decision f(x) = Σ α_i y_i k(x_i, x) − ρ
   * @param iterations SMO steps taken
   * @param converged whether the tolerance was reached within the iteration limit
   */
  record SmoSolution(double[] alpha, double rho, long iterations, boolean converged) {}

  /** Rows of the Gram matrix K, computed on demand (SMO touches only the rows of the working sets). */
  interface Rows {
    /** K_i· (length n), an array of its own. */
    double[] row(int i);

    /**
     * The array that holds K_i· at {@link #rowOffset}(i) + t, t &lt; n (several rows may share one array); the
     * solver only reads it.
     */
    default double[] rowStore(int i) {
      return row(i);
    }

    /** Where K_i· starts in {@link #rowStore}(i), once that has been called. */
    default int rowOffset(int i) {
      return 0;
    }

    /** K_ii. */
    double diagonal(int i);
  }

  /**
   * @param k rows of the Gram matrix
   * @param y labels ±1
   */
  static SmoSolution solve(Rows k, int n, double[] y, double c, double tolerance, long maxIterations) {
    return solve(k, n, y, c, tolerance, maxIterations, true);
  }

  /**
   * @param shrinking LIBSVM's shrinking heuristic: every min(n, 1000) steps, variables at a bound that
   *     are unlikely to move leave the active set (selection and gradient updates skip them); their
   *     gradients are rebuilt from Ḡ_t = C Σ_{α_j = C} Q_tj and the free α before the final optimality
   *     check over all variables, so the solution meets the same tolerance as without shrinking
   */
  static SmoSolution solve(Rows k, int n, double[] y, double c, double tolerance, long maxIterations,
      boolean shrinking) {
    return new SmoSolver(k, n, y, c, shrinking).run(tolerance, maxIterations);
  }

  // The state of one solve. Each pass over the variables is a method of its own: the JIT compiles a method called
  // once per SMO step within the first fit, where one large loop body waits for on-stack replacement (and its
  // recompilations) over many fits (measured: ≈ 75 ms against ≈ 35 ms per fit at n = 2 000 for the first ten fits).
  private final Rows k;
  private final int n;
  private final double[] y, alpha, g, qd, gBar;
  private final double c;
  private final int[] active;
  /**
   * Per variable t, −y_t when t ∈ I_up = {y = +1, α &lt; C} ∪ {y = −1, α &gt; 0}, else NaN; and y_t when
   * t ∈ I_low = {y = +1, α &gt; 0} ∪ {y = −1, α &lt; C}, else NaN: kept with α, so the selection passes compute
   * −y_t G_t and y_t G_t (exactly −G_t or G_t) from one factor; i's pass needs no test of membership (a NaN fails
   * every comparison).
   */
  private final double[] upSign, lowSign;
  private int activeSize;
  /** The selected i (−1: none) and its −y_i G_i, from {@link #selectI} or {@link #updateGradient}. */
  private int i = -1;
  private double gmax = Double.NEGATIVE_INFINITY;
  /** max_{I_low} y_t G_t from {@link #selectJ}. */
  private double gmax2;

  private SmoSolver(Rows k, int n, double[] y, double c, boolean shrinking) {
    this.k = k;
    this.n = n;
    this.y = y;
    this.c = c;
    this.alpha = new double[n];
    this.g = new double[n];
    this.qd = new double[n];
    this.gBar = shrinking ? new double[n] : null;
    java.util.Arrays.fill(g, -1.0);
    for (int t = 0; t < n; t++) qd[t] = k.diagonal(t);
    this.active = new int[n];
    for (int t = 0; t < n; t++) active[t] = t;
    this.activeSize = n;
    this.upSign = new double[n];
    this.lowSign = new double[n];
    for (int t = 0; t < n; t++) classify(t);
  }

  private SmoSolution run(double tolerance, long maxIterations) {
    boolean shrinking = gBar != null;
    boolean unshrink = false;
    int counter = Math.min(n, 1000) + 1;
    long iter = 0;
    boolean converged = false;
    boolean stale = true; // i must be selected by its own pass (start, after shrinking or reconstruction)
    while (iter < maxIterations) {
      if (shrinking && --counter == 0) {
        counter = Math.min(n, 1000);
        unshrink = shrink(tolerance, unshrink);
        stale = true;
      }
      if (stale) {
        selectI();
        stale = false;
      }
      double[] ki = i < 0 ? null : k.rowStore(i);
      int oi = i < 0 ? 0 : k.rowOffset(i);
      int j = selectJ(ki, oi);
      if (gmax + gmax2 < tolerance || j == -1) {
        if (activeSize == n) {
          converged = true;
          break;
        }
        // optimal on the active set: rebuild all gradients, then check (and go on) over all variables
        reconstructGradient();
        activeSize = n;
        for (int t = 0; t < n; t++) active[t] = t;
        stale = true;
        counter = 2; // select over all variables (and step) before shrinking again, so each pass makes progress
        continue;
      }
      iter++;
      double[] kj = k.rowStore(j);
      int oj = k.rowOffset(j);
      int i = this.i;
      double oldI = alpha[i], oldJ = alpha[j];
      updatePair(i, j, ki[oi + j]);
      classify(i);
      classify(j);
      double di = (alpha[i] - oldI) * y[i], dj = (alpha[j] - oldJ) * y[j];
      if (shrinking) {
        // Ḡ_t = C Σ_{α_s = C} y_t y_s K_ts changes when α_i or α_j reaches or leaves C
        updateGBar(gBar, n, y, c, i, oldI >= c, alpha[i] >= c, ki, oi);
        updateGBar(gBar, n, y, c, j, oldJ >= c, alpha[j] >= c, kj, oj);
      }
      updateGradient(ki, oi, kj, oj, di, dj);
    }
    if (activeSize < n) reconstructGradient();
    return new SmoSolution(alpha, rho(alpha, g, y, c), iter, converged);
  }

  /**
   * LIBSVM's do_shrinking: variables at a bound that are unlikely to move leave the active set; the first time the
   * violation falls below 10 × tolerance, all gradients are rebuilt and every variable is active again first.
   *
   * @return whether that unshrinking has happened (now or before)
   */
  private boolean shrink(double tolerance, boolean unshrink) {
    // Gmax1 = max_{I_up} −y G, Gmax2 = max_{I_low} y G over the active set
    double g1 = Double.NEGATIVE_INFINITY, g2 = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < activeSize; p++) {
      int t = active[p];
      if (y[t] > 0) {
        if (alpha[t] < c) g1 = Math.max(g1, -g[t]);
        if (alpha[t] > 0) g2 = Math.max(g2, g[t]);
      } else {
        if (alpha[t] < c) g2 = Math.max(g2, -g[t]);
        if (alpha[t] > 0) g1 = Math.max(g1, g[t]);
      }
    }
    if (!unshrink && g1 + g2 <= tolerance * 10) {
      unshrink = true;
      reconstructGradient();
      activeSize = n;
      for (int t = 0; t < n; t++) active[t] = t;
    }
    int kept = 0;
    for (int p = 0; p < activeSize; p++) {
      int t = active[p];
      if (!beShrunk(t, y, alpha, g, c, g1, g2)) active[kept++] = t;
    }
    // keep the shrunk ones after the active ones, in any order
    if (kept < activeSize) {
      boolean[] in = new boolean[n];
      for (int p = 0; p < kept; p++) in[active[p]] = true;
      int q = kept;
      for (int t = 0; t < n; t++) if (!in[t]) active[q++] = t;
      activeSize = kept;
    }
    return unshrink;
  }

  /** i = argmax_{t ∈ I_up} −y_t G_t over the active set, gmax its value (ties: the last such t, as LIBSVM). */
  private void selectI() {
    double[] g = this.g, upSign = this.upSign;
    int[] active = this.active;
    double best = Double.NEGATIVE_INFINITY;
    int sel = -1;
    for (int p = 0; p < activeSize; p++) {
      int t = active[p];
      // −y_t G_t for t ∈ I_up, else NaN
      double f = upSign[t] * g[t];
      if (f >= best) {
        best = f;
        sel = t;
      }
    }
    gmax = best;
    i = sel;
  }

  /**
   * j by the second-order gain over the active set, given i and its row {@code ki} from {@code oi} (null when i = −1),
   * and gmax2 = max_{I_low} y_t G_t.
   *
   * @return j, or −1 when no t gains
   */
  private int selectJ(double[] ki, int oi) {
    double[] g = this.g, qd = this.qd, lowSign = this.lowSign;
    int[] active = this.active;
    double gmax = this.gmax;
    double gmax2 = Double.NEGATIVE_INFINITY;
    int j = -1;
    double objMin = Double.POSITIVE_INFINITY;
    // with i = −1, gmax = −∞ and no t gains: ki is never read
    double qdi = i < 0 ? 0 : qd[i];
    for (int p = 0; p < activeSize; p++) {
      int t = active[p];
      double ys = lowSign[t];
      if (ys != ys) continue; // t ∉ I_low
      // y_t G_t (exactly G_t or −G_t), the gain's gradient difference gmax + y_t G_t
      double yg = ys * g[t];
      if (yg >= gmax2) gmax2 = yg;
      double gradDiff = gmax + yg;
      if (gradDiff > 0) {
        // quad = K_ii + K_tt − 2 K_it = ‖φ(x_i) − φ(x_t)‖², the curvature along the pair's direction whatever y_i y_t
        double quad = qdi + qd[t] - 2.0 * ki[oi + t];
        double obj = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
        if (obj <= objMin) {
          j = t;
          objMin = obj;
        }
      }
    }
    this.gmax2 = gmax2;
    return j;
  }

  /** The two-variable step on (α_i, α_j), clipped to the box and the equality constraint (LIBSVM's update). */
  private void updatePair(int i, int j, double kij) {
    if (y[i] != y[j]) {
      double quad = qd[i] + qd[j] - 2 * kij;
      if (quad <= 0) quad = TAU;
      double delta = (-g[i] - g[j]) / quad;
      double diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;
      if (diff > 0) {
        if (alpha[j] < 0) {
          alpha[j] = 0;
          alpha[i] = diff;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = -diff;
      }
      if (diff > 0) { // C_i − C_j = 0
        if (alpha[i] > c) {
          alpha[i] = c;
          alpha[j] = c - diff;
        }
      } else if (alpha[j] > c) {
        alpha[j] = c;
        alpha[i] = c + diff;
      }
    } else {
      double quad = qd[i] + qd[j] - 2 * kij;
      if (quad <= 0) quad = TAU;
      double delta = (g[i] - g[j]) / quad;
      double sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;
      if (sum > c) {
        if (alpha[i] > c) {
          alpha[i] = c;
          alpha[j] = sum - c;
        }
      } else if (alpha[j] < 0) {
        alpha[j] = 0;
        alpha[i] = sum;
      }
      if (sum > c) {
        if (alpha[j] > c) {
          alpha[j] = c;
          alpha[i] = sum - c;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = sum;
      }
    }
  }

  /**
   * G_t += Q_ti Δα_i + Q_tj Δα_j with Q_ti = y_t y_i K_ti over the active set (one loop over contiguous arrays while
   * every variable is active, which the JIT vectorises), then the next i by {@link #selectI}.
   */
  private void updateGradient(double[] ki, int oi, double[] kj, int oj, double di, double dj) {
    double[] g = this.g, y = this.y;
    if (activeSize == n) {
      for (int t = 0; t < n; t++) g[t] += y[t] * (ki[oi + t] * di + kj[oj + t] * dj);
    } else {
      int[] active = this.active;
      for (int p = 0; p < activeSize; p++) {
        int t = active[p];
        g[t] += y[t] * (ki[oi + t] * di + kj[oj + t] * dj);
      }
    }
    selectI();
  }

  /**
   * Sets t's {@link #upSign} and {@link #lowSign} from α_t: in I_up when it may grow along y_t, in I_low when it may
   * shrink.
   */
  private void classify(int t) {
    boolean below = alpha[t] < c, above = alpha[t] > 0;
    boolean up = y[t] > 0 ? below : above, low = y[t] > 0 ? above : below;
    upSign[t] = up ? -y[t] : Double.NaN;
    lowSign[t] = low ? y[t] : Double.NaN;
  }

  private static void updateGBar(double[] gBar, int n, double[] y, double c, int s, boolean wasUpper,
      boolean isUpper, double[] ks, int os) {
    if (wasUpper == isUpper) return;
    double f = (isUpper ? c : -c) * y[s];
    for (int t = 0; t < n; t++) gBar[t] += f * y[t] * ks[os + t];
  }

  /** LIBSVM's be_shrunk: a variable at a bound whose gradient says it will stay there. */
  private static boolean beShrunk(int t, double[] y, double[] alpha, double[] g, double c, double g1, double g2) {
    if (alpha[t] >= c) return y[t] > 0 ? -g[t] > g1 : -g[t] > g2;
    if (alpha[t] <= 0) return y[t] > 0 ? g[t] > g2 : g[t] > g1;
    return false;
  }

  /**
   * G_t = Ḡ_t − 1 + Σ_{0 < α_s < C} α_s y_t y_s K_ts for the inactive t (active[activeSize..n)), from the
   * rows of the free variables.
   */
  private void reconstructGradient() {
    if (activeSize == n) return;
    for (int p = activeSize; p < n; p++) g[active[p]] = gBar[active[p]] - 1.0;
    for (int s = 0; s < n; s++) {
      if (alpha[s] > 0 && alpha[s] < c) {
        double[] ks = k.rowStore(s);
        int os = k.rowOffset(s);
        double f = alpha[s] * y[s];
        for (int p = activeSize; p < n; p++) {
          int t = active[p];
          g[t] += f * y[t] * ks[os + t];
        }
      }
    }
  }



  /** LIBSVM's threshold: mean of y_i G_i over free α_i, else the middle of the feasible interval. */
  private static double rho(double[] alpha, double[] g, double[] y, double c) {
    double ub = Double.POSITIVE_INFINITY, lb = Double.NEGATIVE_INFINITY, sumFree = 0;
    int nFree = 0;
    for (int i = 0; i < alpha.length; i++) {
      double yg = y[i] * g[i];
      if (alpha[i] >= c) {
        if (y[i] < 0) ub = Math.min(ub, yg);
        else lb = Math.max(lb, yg);
      } else if (alpha[i] <= 0) {
        if (y[i] > 0) ub = Math.min(ub, yg);
        else lb = Math.max(lb, yg);
      } else {
        nFree++;
        sumFree += yg;
      }
    }
    return nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
  }
}
