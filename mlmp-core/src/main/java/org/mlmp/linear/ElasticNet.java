package org.mlmp.linear;

import org.mlmp.api.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlmp.api.Dataset;
import org.slf4j.LoggerFactory;

/**
 * The elastic net: minimises C(w, w0) + λ(a‖w‖₁ + (1 − a)‖w‖²₂) with the course's cost
 * C = 1/(2N) Σ_j (w·x_j + w0 − y_j)², the intercept never penalised, by cyclic coordinate descent on
 * the Gram matrix (one symmetric rank-N update), stopping when the optimality (KKT) conditions hold to
 * {@code tolerance}·‖Xᵀy‖∞/N for the centred data. a = 1 is the {@link Lasso}, a = 0 is {@link Ridge}.
 *
 * <p>scikit-learn, with N the number of training rows: {@code ElasticNet(alpha = λ(2 − a),
 * l1_ratio = a/(2 − a))} (scikit-learn minimises 1/(2N)‖y − Xw − w0‖² + alpha·l1_ratio‖w‖₁ +
 * ½alpha(1 − l1_ratio)‖w‖²₂). With {@code standardize}, the penalty acts on the coefficients of the
 * standardised columns; the model reports them for the raw columns.
 *
 * <p>Reference: H. Zou, T. Hastie, J. R. Stat. Soc. B 67 (2005) 301–320; J. Friedman, T. Hastie,
 * R. Tibshirani, J. Stat. Softw. 33 (2010) 1 (coordinate descent, warm-started paths).
 *
 * @param lambda λ ≥ 0
 * @param l1Fraction the mixing weight a ∈ [0, 1]
 * @param fitIntercept fit an unpenalised w0 (default true)
 * @param standardize standardise the columns (training mean, 1/N standard deviation) first
 * @param tolerance relative KKT tolerance (default 1e-9)
 * @param maxSweeps the most coordinate-descent sweeps over all features (default 100 000)
 * @param precision of the Gram products (default DOUBLE)
 */
public record ElasticNet(double lambda, double l1Fraction, boolean fitIntercept, boolean standardize,
    double tolerance, int maxSweeps, Precision precision) implements PenalizedRegression {
  /**
   * Validates the components.
   *
   * @param lambda λ ≥ 0
   * @param l1Fraction the mixing weight a ∈ [0, 1]
   * @param fitIntercept fit an unpenalised w0 (default true)
   * @param standardize standardise the columns (training mean, 1/N standard deviation) first
   * @param tolerance relative KKT tolerance (default 1e-9)
   * @param maxSweeps the most coordinate-descent sweeps over all features (default 100 000)
   * @param precision of the Gram products (default DOUBLE)
   * @throws IllegalArgumentException when lambda is negative or not finite, l1Fraction is outside [0, 1],
   *     tolerance is not positive or maxSweeps is below 1
   * @throws NullPointerException when precision is null
   */
  public ElasticNet {
    check("ElasticNet", lambda, tolerance, maxSweeps, precision);
    if (!(l1Fraction >= 0 && l1Fraction <= 1)) {
      throw new IllegalArgumentException("The 'l1Fraction' parameter of ElasticNet must be in the range [0, 1]. Got "
          + l1Fraction + " instead.");
    }
  }

  static void check(String owner, double lambda, double tolerance, int maxSweeps, Precision precision) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("The 'lambda' parameter of " + owner + " must be a finite number >= 0. Got "
          + lambda + " instead.");
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("The 'tolerance' parameter of " + owner + " must be > 0. Got " + tolerance
          + " instead.");
    }
    if (maxSweeps < 1) {
      throw new IllegalArgumentException("The 'maxSweeps' parameter of " + owner + " must be >= 1. Got " + maxSweeps
          + " instead.");
    }
    Objects.requireNonNull(precision, "The 'precision' parameter of " + owner + " must not be null; use DOUBLE.");
  }

  /**
   * The elastic net with intercept, raw columns, tolerance 1e-9, 100 000 sweeps, double precision.
   *
   * @param lambda λ ≥ 0
   * @param l1Fraction the mixing weight a ∈ [0, 1] (1: lasso, 0: ridge)
   * @return the configuration
   * @throws IllegalArgumentException when λ or a is out of range
   */
  public static ElasticNet of(double lambda, double l1Fraction) {
    return new ElasticNet(lambda, l1Fraction, true, false, 1e-9, 100_000, Precision.DOUBLE);
  }

  @Override
  public ElasticNet withLambda(double l) {
    return new ElasticNet(l, l1Fraction, fitIntercept, standardize, tolerance, maxSweeps, precision);
  }

  /**
   * A copy with or without an intercept.
   *
   * @param f fit an unpenalised w0
   * @return the copy
   */
  public ElasticNet withFitIntercept(boolean f) {
    return new ElasticNet(lambda, l1Fraction, f, standardize, tolerance, maxSweeps, precision);
  }

  /**
   * A copy that does or does not standardise the columns first.
   *
   * @param s standardise (training mean, 1/N standard deviation)
   * @return the copy
   */
  public ElasticNet withStandardize(boolean s) {
    return new ElasticNet(lambda, l1Fraction, fitIntercept, s, tolerance, maxSweeps, precision);
  }

  /**
   * A copy with another convergence tolerance.
   *
   * @param t relative KKT tolerance &gt; 0
   * @return the copy
   * @throws IllegalArgumentException when {@code t} is not positive
   */
  public ElasticNet withTolerance(double t) {
    return new ElasticNet(lambda, l1Fraction, fitIntercept, standardize, t, maxSweeps, precision);
  }

  /**
   * A copy with another precision of the Gram products.
   *
   * @param p DOUBLE or FLOAT
   * @return the copy
   * @throws NullPointerException when {@code p} is null
   */
  public ElasticNet withPrecision(Precision p) {
    return new ElasticNet(lambda, l1Fraction, fitIntercept, standardize, tolerance, maxSweeps, p);
  }

  /**
   * scikit-learn's {@code alpha} for this λ and a.
   *
   * @return λ(2 − a)
   */
  public double sklearnAlpha() {
    return lambda * (2 - l1Fraction);
  }

  /**
   * scikit-learn's {@code l1_ratio} for this a.
   *
   * @return a/(2 − a)
   */
  public double sklearnL1Ratio() {
    return l1Fraction / (2 - l1Fraction);
  }

  @Override
  public LinearModel fit(Dataset data) {
    return path(data, new double[] {lambda}).get(0);
  }

  /** Warm-started path: each λ starts from the previous solution; one Gram matrix for all. */
  @Override
  public List<LinearModel> path(Dataset data, double[] lambdas) {
    return fitPath(data, lambdas, l1Fraction, "ElasticNet", "linear.elastic-net", fitIntercept, standardize,
        tolerance, maxSweeps, precision, this::withLambda);
  }

  static List<LinearModel> fitPath(Dataset data, double[] lambdas, double a, String owner, String type,
      boolean fitIntercept, boolean standardize, double tolerance, int maxSweeps, Precision precision,
      java.util.function.DoubleFunction<? extends PenalizedRegression> trainerWithLambda) {
    for (double lambda : lambdas) check(owner, lambda, tolerance, maxSweeps, precision);
    Design des = Design.of(data, owner, fitIntercept, standardize, true, precision);
    Design.NormalEquations gram = des.gram();
    List<LinearModel> out = new ArrayList<>();
    CoordinateDescent.CdResult r = null;
    for (double lambda : lambdas) {
      r = CoordinateDescent.solve(gram, lambda, a, r, tolerance, maxSweeps);
      if (!r.converged()) {
        LoggerFactory.getLogger(ElasticNet.class).warn("{} with lambda = {} did not converge in {} sweeps (relative KKT"
            + " violation {}); increase maxSweeps or standardize the features.", owner, lambda, maxSweeps, r.kkt());
      }
      double[] coef = des.rawCoef(r.w());
      out.add(new LinearModel(type, trainerWithLambda.apply(lambda), LinearFiles.facts("sweeps", r.sweeps(), "kkt", r.kkt()),
          coef, des.rawIntercept(coef), des.standardization(), null, precision, -1));
    }
    return out;
  }

  /**
   * This configuration with another sweep limit.
   *
   * @param m the most coordinate-descent sweeps, ≥ 1
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public ElasticNet withMaxSweeps(int m) {
    return new ElasticNet(lambda, l1Fraction, fitIntercept, standardize, tolerance, m, precision);
  }
}
