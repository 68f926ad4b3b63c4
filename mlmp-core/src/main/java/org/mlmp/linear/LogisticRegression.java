package org.mlmp.linear;

import org.mlmp.api.ClassLabels;
import org.mlmp.api.Precision;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * Logistic regression with the course's conventions: labels t = ±1 (+1 for class A), f(x) = w·x + w0,
 * P(A | x) = σ(f(x)) = 1/(1 + e^(−f(x))), f(x) &gt; 0 ⇒ class A, fitted by minimising
 * L(w, w0) = (1/N) Σ_j log(1 + e^(−t_j f(x_j))) + λ‖w‖²₂ (intercept not penalised) with Newton's method
 * (Hessian (1/N) Σ σ(1−σ) x̃x̃ᵀ + 2λ I — one {@code Nd4j.gemm} for large problems —, Cholesky solve,
 * backtracking line search) until the largest
 * gradient component is below {@code tolerance}. K &gt; 2 classes: one-vs-rest.
 *
 * <p>With λ = 0 and linearly separable classes the cost has no minimum (the weights grow without
 * bound); the fit then stops with an error asking for λ &gt; 0.
 *
 * <p>scikit-learn: {@code LogisticRegression(C = 1/(2Nλ))} (λ = 0: {@code penalty=None}), with
 * {@code multi_class="ovr"} for K &gt; 2. Reference: Hastie et al., ESL §4.4; Bishop, PRML §4.3.3 (IRLS).
 *
 * @param lambda λ ≥ 0
 * @param fitIntercept fit an unpenalised w0 (default true)
 * @param standardize standardise the columns first
 * @param tolerance stop when max |∂L/∂w̃| ≤ tolerance (default 1e-10)
 * @param maxIterations the most Newton steps (default 100)
 * @param precision of the rows and of the Hessian's O(N p²) product (default DOUBLE; FLOAT: the rows
 *     held in single precision, half the memory, and the Hessian product in single precision; sums,
 *     the gradient and the Cholesky solve stay in double, so the fit reaches about 6–7 digits)
 * @param allowManyClasses accept labels a classifier would otherwise refuse as a likely real-valued
 *     target: non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} distinct ones
 *     (default false; see {@link org.mlmp.api.ClassLabels})
 */
public record LogisticRegression(double lambda, boolean fitIntercept, boolean standardize, double tolerance,
    int maxIterations, Precision precision, boolean allowManyClasses) implements Trainer<LinearClassifierModel> {
  /**
   * Validates the components.
   *
   * @param lambda λ ≥ 0
   * @param fitIntercept fit an unpenalised w0 (default true)
   * @param standardize standardise the columns first
   * @param tolerance stop when max |∂L/∂w̃| ≤ tolerance (default 1e-10)
   * @param maxIterations the most Newton steps (default 100)
   * @param precision of the rows and of the Hessian's O(N p²) product (default DOUBLE; FLOAT: the rows
   *     held in single precision, half the memory, and the Hessian product in single precision; sums,
   *     the gradient and the Cholesky solve stay in double, so the fit reaches about 6–7 digits)
   * @param allowManyClasses accept labels a classifier would otherwise refuse as a likely real-valued
   *     target: non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} distinct ones
   *     (default false; see {@link org.mlmp.api.ClassLabels})
   * @throws IllegalArgumentException when lambda is negative or not finite, tolerance is not positive, or
   *     maxIterations is below 1
   * @throws NullPointerException when precision is null
   */
  public LogisticRegression {
    ElasticNet.check("LogisticRegression", lambda, tolerance, 1, precision);
    if (maxIterations < 1) {
      throw new IllegalArgumentException("The 'maxIterations' parameter of LogisticRegression must be >= 1. Got "
          + maxIterations + " instead.");
    }
  }

  /**
   * With intercept, raw columns, tolerance 1e-10, 100 Newton steps at most, double precision.
   *
   * @param lambda λ ≥ 0
   * @return the configuration
   * @throws IllegalArgumentException when {@code lambda} is negative or not finite
   */
  public static LogisticRegression of(double lambda) {
    return new LogisticRegression(lambda, true, false, 1e-10, 100, Precision.DOUBLE, false);
  }

  /**
   * A copy that does or does not standardise the columns first.
   *
   * @param s standardise (training mean, 1/N standard deviation)
   * @return the copy
   */
  public LogisticRegression withStandardize(boolean s) {
    return new LogisticRegression(lambda, fitIntercept, s, tolerance, maxIterations, precision, allowManyClasses);
  }

  /**
   * A copy with or without an intercept.
   *
   * @param f fit an unpenalised w0
   * @return the copy
   */
  public LogisticRegression withFitIntercept(boolean f) {
    return new LogisticRegression(lambda, f, standardize, tolerance, maxIterations, precision, allowManyClasses);
  }

  /**
   * A copy with another gradient tolerance.
   *
   * @param t stop when max |∂L/∂w̃| ≤ t (&gt; 0)
   * @return the copy
   * @throws IllegalArgumentException when {@code t} is not positive
   */
  public LogisticRegression withTolerance(double t) {
    return new LogisticRegression(lambda, fitIntercept, standardize, t, maxIterations, precision, allowManyClasses);
  }

  /**
   * A copy with another precision of the rows and the Hessian product.
   *
   * @param p DOUBLE or FLOAT
   * @return the copy
   * @throws NullPointerException when {@code p} is null
   */
  public LogisticRegression withPrecision(Precision p) {
    return new LogisticRegression(lambda, fitIntercept, standardize, tolerance, maxIterations, p, allowManyClasses);
  }

  /**
   * This configuration with {@code allowManyClasses} set (see {@link org.mlmp.api.ClassLabels}).
   *
   * @param allow accept non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} classes
   * @return the copy
   */
  public LogisticRegression withAllowManyClasses(boolean allow) {
    return new LogisticRegression(lambda, fitIntercept, standardize, tolerance, maxIterations, precision, allow);
  }

  /**
   * scikit-learn's {@code C} for this λ and N training rows.
   *
   * @param nSamples N, the number of training rows
   * @return 1/(2Nλ) (+∞ for λ = 0)
   */
  public double sklearnC(int nSamples) {
    return 1 / (2.0 * nSamples * lambda);
  }

  @Override
  public LinearClassifierModel fit(Dataset data) {
    double[] y = Labels.y(data, "LogisticRegression");
    double[] classes = Labels.classes(y, "LogisticRegression", allowManyClasses);
    double[] pos = Labels.positives(classes);
    ClassLabels labels = ClassLabels.forClasses(classes, data);
    Design des = Design.ofRows(data, y, fitIntercept, standardize, precision);
    double[][] w = new double[pos.length][];
    double[] b = new double[pos.length];
    int maxIt = 0;
    for (int k = 0; k < pos.length; k++) {
      double[] wt = new double[des.d + (fitIntercept ? 1 : 0)];
      maxIt = Math.max(maxIt, newton(des, Labels.signs(y, pos[k]), wt, labels, pos[k]));
      w[k] = des.rawCoef(java.util.Arrays.copyOf(wt, des.d));
      b[k] = des.rawIntercept(w[k]) + (fitIntercept ? wt[des.d] : 0);
    }
    return new LinearClassifierModel("linear.logistic", this, LinearFiles.facts("iterations", maxIt), labels, w, b, des.standardization(), -1);
  }

  /** log(1 + e^(−m)) without overflow. */
  static double logLoss(double m) {
    return m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
  }

  private double cost(Design des, double[] t, double[] w) {
    int n = des.n, d = des.d;
    double s = 0;
    for (int i = 0; i < n; i++) s += logLoss(t[i] * f(des, w, i));
    double pen = 0;
    for (int j = 0; j < d; j++) pen += w[j] * w[j];
    return s / n + lambda * pen;
  }

  /** f(x_i) = w·z_i + w0, summed in double over the rows as stored (double or float). */
  private static double f(Design des, double[] w, int i) {
    int d = des.d, o = i * d;
    double f = w.length > d ? w[d] : 0;
    if (des.precision == Precision.FLOAT) {
      float[] z = des.zFloat();
      for (int j = 0; j < d; j++) f += w[j] * z[o + j];
    } else {
      double[] z = des.z();
      for (int j = 0; j < d; j++) f += w[j] * z[o + j];
    }
    return f;
  }

  private int newton(Design des, double[] t, double[] w, ClassLabels classes, double positive) {
    int n = des.n, d = des.d, p = w.length;
    boolean single = des.precision == Precision.FLOAT;
    double[] z = single ? null : des.z();
    float[] zf = single ? des.zFloat() : null;
    double cost = cost(des, t, w);
    for (int it = 1; it <= maxIterations; it++) {
      double[] g = new double[p];
      double[][] h = new double[p][p];
      double[] x = new double[p];
      // large problems: the Hessian's Σ s_i x̃_i x̃_iᵀ as one gemm of the rows scaled by √s_i
      boolean byGemm = (double) n * p * p > 2e7;
      double[] scaled = byGemm && !single ? new double[n * p] : null;
      float[] scaledF = byGemm && single ? new float[n * p] : null;
      for (int i = 0; i < n; i++) {
        int o = i * d;
        if (single) {
          for (int j = 0; j < d; j++) x[j] = zf[o + j];
        } else {
          for (int j = 0; j < d; j++) x[j] = z[o + j];
        }
        if (p > d) x[d] = 1;
        double fi = f(des, w, i);
        double sig = 1 / (1 + Math.exp(-fi));
        double r = -t[i] / (1 + Math.exp(t[i] * fi)); // d/df log(1 + e^(−t f))
        double s = sig * (1 - sig);
        if (byGemm) {
          double rs = Math.sqrt(s);
          for (int a = 0; a < p; a++) {
            g[a] += r * x[a];
            if (single) scaledF[i * p + a] = (float) (rs * x[a]);
            else scaled[i * p + a] = rs * x[a];
          }
          continue;
        }
        for (int a = 0; a < p; a++) {
          g[a] += r * x[a];
          double sa = s * x[a];
          double[] ha = h[a];
          for (int bb = 0; bb <= a; bb++) ha[bb] += sa * x[bb];
        }
      }
      if (byGemm) {
        INDArray a = single ? Nd4j.create(scaledF, new long[] {n, p}, 'c') : Nd4j.create(scaled, new long[] {n, p}, 'c');
        INDArray hh = Nd4j.create(precision.dataType(), new long[] {p, p}, 'f');
        Nd4j.gemm(a, a, hh, true, false, 1.0, 0.0);
        double[][] full = hh.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int u = 0; u < p; u++) System.arraycopy(full[u], 0, h[u], 0, u + 1); // lower triangle, as below
      }
      double gmax = 0;
      for (int a = 0; a < p; a++) {
        g[a] /= n;
        if (a < d) g[a] += 2 * lambda * w[a];
        gmax = Math.max(gmax, Math.abs(g[a]));
        for (int bb = 0; bb <= a; bb++) {
          h[a][bb] /= n;
          h[bb][a] = h[a][bb];
        }
        if (a < d) h[a][a] += 2 * lambda;
      }
      if (gmax <= tolerance) {
        if (lambda == 0 && separates(des, t, w)) throw separable(classes, positive);
        return it - 1;
      }
      double[][] l = DenseSolvers.cholesky(h);
      if (l == null) throw separable(classes, positive);
      double[] step = DenseSolvers.choleskySolve(l, g);
      // backtracking; near the optimum the cost changes below its round-off, so a step that raises it
      // by no more than that is accepted (Newton's quadratic convergence then shows in the gradient)
      double slack = 1e-13 * Math.abs(cost);
      double alpha = 1;
      double[] next = new double[p];
      double nextCost;
      do {
        for (int a = 0; a < p; a++) next[a] = w[a] - alpha * step[a];
        nextCost = cost(des, t, next);
        alpha /= 2;
      } while (nextCost > cost + slack && alpha > 1e-10);
      if (nextCost > cost + slack) { // no descent at round-off level: as good as it gets
        return it;
      }
      System.arraycopy(next, 0, w, 0, p);
      cost = nextCost;
    }
    if (lambda == 0) throw separable(classes, positive);
    LoggerFactory.getLogger(LogisticRegression.class).warn("LogisticRegression did not reach tolerance {} in {}"
        + " Newton steps; raise maxIterations or standardize the features.", tolerance, maxIterations);
    return maxIterations;
  }

  /** Whether w classifies every training sample correctly with a positive margin. */
  private static boolean separates(Design des, double[] t, double[] w) {
    for (int i = 0; i < des.n; i++) if (!(t[i] * f(des, w, i) > 0)) return false;
    return true;
  }

  private IllegalArgumentException separable(ClassLabels classes, double positive) {
    String which = classes.isText() ? "'" + classes.name(positive) + "' against the rest of " + classes.names()
        : positive + " against the rest of " + Labels.text(classes.values());
    return new IllegalArgumentException("LogisticRegression with lambda = " + lambda + " did not converge for class "
        + which + ": the classes look linearly separable, so the"
        + " unpenalised cost has no minimum (the weights grow without bound). Set lambda > 0.");
  }

  /**
   * This configuration with another limit on the Newton steps.
   *
   * @param m the most Newton steps, ≥ 1
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public LogisticRegression withMaxIterations(int m) {
    return new LogisticRegression(lambda, fitIntercept, standardize, tolerance, m, precision, allowManyClasses);
  }
}
