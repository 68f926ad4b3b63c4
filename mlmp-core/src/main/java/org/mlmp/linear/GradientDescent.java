package org.mlmp.linear;

import org.mlmp.api.Precision;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;
import org.slf4j.LoggerFactory;

/**
 * Linear (or ridge) regression by gradient descent with the course's update rule
 * w_n ← w_n − α ∂C/∂w_n on C(w̃) = 1/(2N) Σ_j (w·x_j + w0 − y_j)² + λ‖w‖²₂, where w̃ = (w, w0) and
 * X̃ = [X, 1], starting from w̃ = 0.
 *
 * <ul>
 *   <li>Batch ({@code batchSize = 0}): ∇C = H w̃ − X̃ᵀy/N (+2λw), with the Hessian H = (1/N) X̃ᵀX̃
 *       formed once; each iteration then costs O(d²).
 *   <li>Mini-batch ({@code batchSize = B}): each epoch visits the rows in a seeded random order in
 *       batches of B and steps along that batch's gradient (1/B) Σ_batch (w̃·x̃_j − y_j) x̃_j (+2λw).
 * </ul>
 * The cost over all rows is recorded after every iteration (epoch for mini-batches) in
 * {@link LinearModel#costHistory()}, starting with C(0). Stops when the cost falls by at most
 * {@code tolerance}·C in one iteration (for mini-batches: changes by at most that much in one epoch),
 * or after {@code maxIterations}.
 *
 * <p>Divergence: full-batch gradient descent on this quadratic cost converges if and only if
 * 0 &lt; α &lt; 2/λ_max(H + 2λ diag(1,…,1,0)). If the cost rises (beyond round-off), or becomes
 * non-finite, fitting stops with a {@link DivergenceException} that states that bound and suggests
 * α = 1/λ_max. Note H is the Hessian of C, not the covariance of x: it includes the column of ones,
 * so features with large means make λ_max large (use {@code standardize}).
 *
 * <p>scikit-learn has no plain gradient-descent regressor; {@code SGDRegressor(penalty=None,
 * learning_rate="constant", eta0=α)} is the nearest (per-sample steps). The minimiser equals
 * {@link OrdinaryLeastSquares} (λ = 0) or {@link Ridge} with the same λ.
 *
 * @param learningRate α &gt; 0
 * @param maxIterations iterations (epochs for mini-batch), ≥ 1 (default 100 000)
 * @param tolerance relative cost decrease that stops the descent, ≥ 0 (default 1e-12)
 * @param batchSize 0 for full batch, else the mini-batch size B ≥ 1
 * @param seed seeds the mini-batch order
 * @param lambda ridge penalty λ ≥ 0 (0: ordinary least squares)
 * @param fitIntercept fit w0 (default true)
 * @param standardize standardise the columns first (training mean, 1/N standard deviation)
 * @param precision of the Hessian product X̃ᵀX̃
 */
public record GradientDescent(double learningRate, int maxIterations, double tolerance, int batchSize, long seed,
    double lambda, boolean fitIntercept, boolean standardize, Precision precision) implements Trainer<LinearModel> {
  /**
   * Validates the components.
   *
   * @param learningRate α &gt; 0
   * @param maxIterations iterations (epochs for mini-batch), ≥ 1 (default 100 000)
   * @param tolerance relative cost decrease that stops the descent, ≥ 0 (default 1e-12)
   * @param batchSize 0 for full batch, else the mini-batch size B ≥ 1
   * @param seed seeds the mini-batch order
   * @param lambda ridge penalty λ ≥ 0 (0: ordinary least squares)
   * @param fitIntercept fit w0 (default true)
   * @param standardize standardise the columns first (training mean, 1/N standard deviation)
   * @param precision of the Hessian product X̃ᵀX̃
   * @throws IllegalArgumentException naming the parameter and the value when learningRate is not a positive
   *     finite number, maxIterations is below 1, tolerance or batchSize is negative, or lambda is negative or
   *     not finite
   * @throws NullPointerException when precision is null
   */
  public GradientDescent {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("The 'learningRate' parameter of GradientDescent must be a finite number > 0."
          + " Got " + learningRate + " instead.");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("The 'maxIterations' parameter of GradientDescent must be >= 1. Got "
          + maxIterations + " instead.");
    }
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("The 'tolerance' parameter of GradientDescent must be >= 0. Got " + tolerance
          + " instead.");
    }
    if (batchSize < 0) {
      throw new IllegalArgumentException("The 'batchSize' parameter of GradientDescent must be >= 0 (0 = full batch)."
          + " Got " + batchSize + " instead.");
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("The 'lambda' parameter of GradientDescent must be a finite number >= 0. Got "
          + lambda + " instead.");
    }
    Objects.requireNonNull(precision, "The 'precision' parameter of GradientDescent must not be null; use DOUBLE.");
  }

  /**
   * Full-batch OLS by gradient descent with intercept, 100 000 iterations at most, tolerance 1e-12.
   *
   * @param learningRate α &gt; 0
   * @return the configuration
   * @throws IllegalArgumentException when {@code learningRate} is not a positive finite number
   */
  public static GradientDescent of(double learningRate) {
    return new GradientDescent(learningRate, 100_000, 1e-12, 0, 0, 0, true, false, Precision.DOUBLE);
  }

  /**
   * A copy taking mini-batch steps.
   *
   * @param b 0 for full batch, else the mini-batch size B ≥ 1
   * @param s seeds the mini-batch order
   * @return the copy
   * @throws IllegalArgumentException when {@code b} is negative
   */
  public GradientDescent withBatchSize(int b, long s) {
    return new GradientDescent(learningRate, maxIterations, tolerance, b, s, lambda, fitIntercept, standardize, precision);
  }

  /**
   * A copy with another iteration limit.
   *
   * @param m iterations (epochs for mini-batch), ≥ 1
   * @return the copy
   * @throws IllegalArgumentException when {@code m < 1}
   */
  public GradientDescent withMaxIterations(int m) {
    return new GradientDescent(learningRate, m, tolerance, batchSize, seed, lambda, fitIntercept, standardize, precision);
  }

  /**
   * A copy with another stopping tolerance.
   *
   * @param t relative cost decrease that stops the descent, ≥ 0
   * @return the copy
   * @throws IllegalArgumentException when {@code t} is negative or NaN
   */
  public GradientDescent withTolerance(double t) {
    return new GradientDescent(learningRate, maxIterations, t, batchSize, seed, lambda, fitIntercept, standardize, precision);
  }

  /**
   * A copy with another ridge penalty.
   *
   * @param l λ ≥ 0 (0: ordinary least squares)
   * @return the copy
   * @throws IllegalArgumentException when {@code l} is negative or not finite
   */
  public GradientDescent withLambda(double l) {
    return new GradientDescent(learningRate, maxIterations, tolerance, batchSize, seed, l, fitIntercept, standardize, precision);
  }

  /**
   * A copy with or without an intercept.
   *
   * @param f fit w0
   * @return the copy
   */
  public GradientDescent withFitIntercept(boolean f) {
    return new GradientDescent(learningRate, maxIterations, tolerance, batchSize, seed, lambda, f, standardize, precision);
  }

  /**
   * A copy that does or does not standardise the columns first.
   *
   * @param s standardise (training mean, 1/N standard deviation)
   * @return the copy
   */
  public GradientDescent withStandardize(boolean s) {
    return new GradientDescent(learningRate, maxIterations, tolerance, batchSize, seed, lambda, fitIntercept, s, precision);
  }

  /**
   * A copy with another precision of the Hessian product.
   *
   * @param p DOUBLE or FLOAT
   * @return the copy
   * @throws NullPointerException when {@code p} is null
   */
  public GradientDescent withPrecision(Precision p) {
    return new GradientDescent(learningRate, maxIterations, tolerance, batchSize, seed, lambda, fitIntercept, standardize, p);
  }

  /** The quadratic cost in closed form: C(w̃) = ½ w̃ᵀHw̃ − bᵀw̃ + yᵀy/(2N) + λ‖w‖². */
  record Quadratic(double[][] h, double[] b, double yy2n, double lambda, int d) {
    double cost(double[] w) {
      double[] hw = DenseSolvers.multiply(h, w);
      double c = 0.5 * DenseSolvers.dot(w, hw) - DenseSolvers.dot(b, w) + yy2n;
      double pen = 0;
      for (int j = 0; j < d; j++) pen += w[j] * w[j];
      return c + lambda * pen;
    }

    /** λ_max of the cost's Hessian H + 2λ diag(1,…,1,0), to 1e-12. */
    double largestEigenvalue() {
      return largestEigenvalue(1e-12, 10_000);
    }

    double largestEigenvalue(double tol, int maxIt) {
      double[][] a = new double[h.length][];
      for (int i = 0; i < h.length; i++) {
        a[i] = h[i].clone();
        if (i < d) a[i][i] += 2 * lambda;
      }
      return DenseSolvers.largestEigenvalue(a, tol, maxIt);
    }
  }

  /** H = (1/N)X̃ᵀX̃, b = X̃ᵀy/N for the design (X̃ = [Z, 1] with an intercept). */
  static Quadratic quadratic(Design des, double lambda) {
    Design.NormalEquations gram = des.gram();
    int d = des.d, p = d + (des.fitIntercept ? 1 : 0), n = des.n;
    double[][] h = new double[p][p];
    double[] b = new double[p];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) h[i][j] = gram.g()[i][j] / n;
      b[i] = gram.c()[i] / n;
    }
    if (des.fitIntercept) {
      double[] colSum = des.columnSums();
      double ySum = 0;
      for (double v : des.t) ySum += v;
      for (int j = 0; j < d; j++) {
        h[j][d] = colSum[j] / n;
        h[d][j] = colSum[j] / n;
      }
      h[d][d] = 1;
      b[d] = ySum / n;
    }
    return new Quadratic(h, b, gram.tt() / (2.0 * n), lambda, d);
  }

  @Override
  public LinearModel fit(Dataset data) {
    Design des = Design.of(data, "GradientDescent", fitIntercept, standardize, false, precision);
    Quadratic q = quadratic(des, lambda);
    int p = q.h().length, d = des.d;
    double[] w = new double[p];
    double[] hist = new double[maxIterations + 1];
    hist[0] = q.cost(w);
    double slack = 1e-12 * Math.max(hist[0], Double.MIN_NORMAL) + 1e-300;
    boolean full = batchSize == 0 || batchSize >= des.n;
    Random rng = new Random(seed);
    int k = 0;
    boolean converged = false;
    while (k < maxIterations) {
      k++;
      if (full) {
        double[] g = DenseSolvers.multiply(q.h(), w);
        for (int j = 0; j < p; j++) g[j] -= q.b()[j];
        for (int j = 0; j < d; j++) g[j] += 2 * lambda * w[j];
        for (int j = 0; j < p; j++) w[j] -= learningRate * g[j];
      } else {
        miniBatchEpoch(des, w, rng);
      }
      hist[k] = q.cost(w);
      double prev = hist[k - 1], now = hist[k];
      boolean rose = full ? now > prev + slack : now > 10 * hist[0] + slack;
      if (!Double.isFinite(now) || rose) throw diverged(q, k, prev, now, hist[0]);
      if (full ? prev - now <= tolerance * Math.abs(now) : Math.abs(prev - now) <= tolerance * Math.abs(now)) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      LoggerFactory.getLogger(GradientDescent.class).warn("GradientDescent reached maxIterations = {} before the cost"
          + " changed by less than tolerance = {} relative (C = {}); raise maxIterations or learningRate (full-batch"
          + " descent is stable below about {}).", maxIterations, tolerance, hist[k],
          String.format(java.util.Locale.ROOT, "%.3g", 2 / q.largestEigenvalue(1e-3, 300)));
    }
    double[] wz = Arrays.copyOf(w, d);
    double[] coef = des.rawCoef(wz);
    double intercept = des.rawIntercept(coef) + (fitIntercept ? w[d] : 0);
    return new LinearModel("linear.gd", this, LinearFiles.facts("iterations", k, "converged", converged), coef, intercept, des.standardization(), Arrays.copyOf(hist, k + 1),
        precision, full ? -1 : seed);
  }

  private void miniBatchEpoch(Design des, double[] w, Random rng) {
    int n = des.n, d = des.d, p = w.length;
    double[] z = des.z();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double[] g = new double[p];
    for (int start = 0; start < n; start += batchSize) {
      int end = Math.min(n, start + batchSize);
      Arrays.fill(g, 0);
      for (int r = start; r < end; r++) {
        int i = order[r], o = i * d;
        double f = p > d ? w[d] : 0;
        for (int j = 0; j < d; j++) f += w[j] * z[o + j];
        double e = f - des.t[i];
        for (int j = 0; j < d; j++) g[j] += e * z[o + j];
        if (p > d) g[d] += e;
      }
      double inv = 1.0 / (end - start);
      for (int j = 0; j < p; j++) {
        double gj = g[j] * inv + (j < d ? 2 * lambda * w[j] : 0);
        w[j] -= learningRate * gj;
      }
    }
  }

  private DivergenceException diverged(Quadratic q, int k, double prev, double now, double c0) {
    double lmax = q.largestEigenvalue();
    double bound = 2 / lmax;
    return new DivergenceException(String.format(java.util.Locale.ROOT,
        "GradientDescent diverged at iteration %d: the cost rose from %.6g to %.6g (initial cost %.6g) with"
            + " learningRate = %s. The Hessian of the cost, H = (1/N) X̃ᵀX̃ with X̃ = %s%s, has largest"
            + " eigenvalue λ_max = %.6g, so gradient descent is stable only for learningRate < 2/λ_max = %.6g."
            + " Try learningRate = %.3g%s.",
        k, prev, now, c0, learningRate, fitIntercept ? "[X, 1]" : "X (no intercept)", lambda > 0 ? " (+2λ on the weights' diagonal)" : "", lmax, bound, 1 / lmax,
        standardize ? "" : ", or standardize the features (smaller λ_max, faster convergence)"), bound);
  }

  /**
   * This configuration with another seed (the order of the mini-batches).
   *
   * @param s the seed
   * @return a copy with the new value
   */
  public GradientDescent withSeed(long s) {
    return new GradientDescent(learningRate, maxIterations, tolerance, batchSize, s, lambda, fitIntercept, standardize,
        precision);
  }
}
