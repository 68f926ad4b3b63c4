package org.mlmp.kernelmethods;

/**
 * The dual of the binary soft-margin SVM,
 *
 * <pre>  min_α ½ αᵀQα − Σα   s.t. 0 ≤ α_i ≤ C, Σ y_i α_i = 0,   Q_ij = y_i y_j K_ij,</pre>
 *
 * by sequential minimal optimisation with the second-order working-set selection of Fan, Chen and Lin
 * (JMLR 6, 1889 (2005)) — the algorithm of LIBSVM's {@code Solver} without shrinking, in double
 * precision on a precomputed Gram matrix. Stops when the maximal KKT violation m(α) − M(α) < tolerance.
 */
final class SmoSolver {
  private SmoSolver() {}

  private static final double TAU = 1e-12;

  /**
   * @param alpha the solution α (length n)
   * @param rho the threshold: decision f(x) = Σ α_i y_i k(x_i, x) − ρ
   * @param iterations SMO steps taken
   * @param converged whether the tolerance was reached within the iteration limit
   */
  record Solution(double[] alpha, double rho, long iterations, boolean converged) {}

  /** Rows of the Gram matrix K, computed on demand (SMO touches only the rows of the working sets). */
  interface Rows {
    /** K_i· (length n); the solver only reads it. */
    double[] row(int i);

    /** K_ii. */
    double diagonal(int i);
  }

  /**
   * @param k rows of the Gram matrix
   * @param y labels ±1
   */
  static Solution solve(Rows k, int n, double[] y, double c, double tolerance, long maxIterations) {
    double[] alpha = new double[n], g = new double[n], qd = new double[n];
    java.util.Arrays.fill(g, -1.0);
    for (int i = 0; i < n; i++) qd[i] = k.diagonal(i);
    long iter = 0;
    boolean converged = false;
    // select i: argmax_{t ∈ I_up} −y_t G_t (after the first step, in the same pass as the gradient update)
    double gmax = Double.NEGATIVE_INFINITY;
    int i = -1;
    for (int t = 0; t < n; t++) {
      if (y[t] > 0) {
        if (alpha[t] < c && -g[t] >= gmax) {
          gmax = -g[t];
          i = t;
        }
      } else if (alpha[t] > 0 && g[t] >= gmax) {
        gmax = g[t];
        i = t;
      }
    }
    while (iter < maxIterations) {
      double gmax2 = Double.NEGATIVE_INFINITY;
      // select j by the second-order gain
      int j = -1;
      double objMin = Double.POSITIVE_INFINITY;
      double[] ki = i < 0 ? null : k.row(i);
      for (int t = 0; t < n; t++) {
        double kit = i < 0 ? 0 : ki[t];
        if (y[t] > 0) {
          if (alpha[t] > 0) {
            double gradDiff = gmax + g[t];
            if (g[t] >= gmax2) gmax2 = g[t];
            if (gradDiff > 0) {
              // quad = K_ii + K_tt − 2 y_i y_t K_it with y_t = +1
              double quad = qd[i] + qd[t] - 2.0 * y[i] * kit;
              double obj = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
              if (obj <= objMin) {
                j = t;
                objMin = obj;
              }
            }
          }
        } else if (alpha[t] < c) {
          double gradDiff = gmax - g[t];
          if (-g[t] >= gmax2) gmax2 = -g[t];
          if (gradDiff > 0) {
            double quad = qd[i] + qd[t] + 2.0 * y[i] * kit;
            double obj = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
            if (obj <= objMin) {
              j = t;
              objMin = obj;
            }
          }
        }
      }
      if (gmax + gmax2 < tolerance || j == -1) {
        converged = true;
        break;
      }
      iter++;
      double[] kj = k.row(j);
      double kij = ki[j];
      double oldI = alpha[i], oldJ = alpha[j];
      if (y[i] != y[j]) {
        double quad = qd[i] + qd[j] + 2 * kij;
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
      double di = (alpha[i] - oldI) * y[i], dj = (alpha[j] - oldJ) * y[j];
      // G_t += Q_ti Δα_i + Q_tj Δα_j with Q_ti = y_t y_i K_ti, and the next i in the same pass
      gmax = Double.NEGATIVE_INFINITY;
      i = -1;
      for (int t = 0; t < n; t++) {
        double gt = g[t] + y[t] * (ki[t] * di + kj[t] * dj);
        g[t] = gt;
        if (y[t] > 0) {
          if (alpha[t] < c && -gt >= gmax) {
            gmax = -gt;
            i = t;
          }
        } else if (alpha[t] > 0 && gt >= gmax) {
          gmax = gt;
          i = t;
        }
      }
    }
    return new Solution(alpha, rho(alpha, g, y, c), iter, converged);
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
