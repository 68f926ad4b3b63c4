package org.mlmp.linear;

import org.mlmp.api.Precision;
import java.util.List;
import org.mlmp.api.Dataset;

/**
 * The LASSO: minimises C(w, w0) + λ‖w‖₁ with the course's cost C = 1/(2N) Σ_j (w·x_j + w0 − y_j)²,
 * the intercept never penalised, by the coordinate descent of {@link ElasticNet} with a = 1. For
 * λ ≥ λ_max = ‖Zᵀt‖∞/N (Z, t the centred data) every weight is 0.
 *
 * <p>scikit-learn: {@code Lasso(alpha = λ)} (the same cost).
 *
 * <p>Reference: R. Tibshirani, J. R. Stat. Soc. B 58 (1996) 267–288.
 *
 * @param lambda λ ≥ 0
 * @param fitIntercept fit an unpenalised w0 (default true)
 * @param standardize standardise the columns (training mean, 1/N standard deviation) first
 * @param tolerance relative KKT tolerance (default 1e-9)
 * @param maxSweeps the most sweeps (default 100 000)
 * @param precision of the Gram products (default DOUBLE)
 */
public record Lasso(double lambda, boolean fitIntercept, boolean standardize, double tolerance, int maxSweeps,
    Precision precision) implements PenalizedRegression {
  /**
   * Validates the components.
   *
   * @param lambda λ ≥ 0
   * @param fitIntercept fit an unpenalised w0 (default true)
   * @param standardize standardise the columns (training mean, 1/N standard deviation) first
   * @param tolerance relative KKT tolerance (default 1e-9)
   * @param maxSweeps the most sweeps (default 100 000)
   * @param precision of the Gram products (default DOUBLE)
   * @throws IllegalArgumentException when lambda is negative or not finite, tolerance is not positive or
   *     maxSweeps is below 1
   * @throws NullPointerException when precision is null
   */
  public Lasso {
    ElasticNet.check("Lasso", lambda, tolerance, maxSweeps, precision);
  }

  /**
   * The LASSO with intercept, raw columns, tolerance 1e-9, 100 000 sweeps, double precision.
   *
   * @param lambda λ ≥ 0
   * @return the configuration
   * @throws IllegalArgumentException when {@code lambda} is negative or not finite
   */
  public static Lasso of(double lambda) {
    return new Lasso(lambda, true, false, 1e-9, 100_000, Precision.DOUBLE);
  }

  @Override
  public Lasso withLambda(double l) {
    return new Lasso(l, fitIntercept, standardize, tolerance, maxSweeps, precision);
  }

  /**
   * A copy with or without an intercept.
   *
   * @param f fit an unpenalised w0
   * @return the copy
   */
  public Lasso withFitIntercept(boolean f) {
    return new Lasso(lambda, f, standardize, tolerance, maxSweeps, precision);
  }

  /**
   * A copy that does or does not standardise the columns first.
   *
   * @param s standardise (training mean, 1/N standard deviation)
   * @return the copy
   */
  public Lasso withStandardize(boolean s) {
    return new Lasso(lambda, fitIntercept, s, tolerance, maxSweeps, precision);
  }

  /**
   * A copy with another convergence tolerance.
   *
   * @param t relative KKT tolerance &gt; 0
   * @return the copy
   * @throws IllegalArgumentException when {@code t} is not positive
   */
  public Lasso withTolerance(double t) {
    return new Lasso(lambda, fitIntercept, standardize, t, maxSweeps, precision);
  }

  /**
   * A copy with another precision of the Gram products.
   *
   * @param p DOUBLE or FLOAT
   * @return the copy
   * @throws NullPointerException when {@code p} is null
   */
  public Lasso withPrecision(Precision p) {
    return new Lasso(lambda, fitIntercept, standardize, tolerance, maxSweeps, p);
  }

  @Override
  public LinearModel fit(Dataset data) {
    return path(data, new double[] {lambda}).get(0);
  }

  @Override
  public List<LinearModel> path(Dataset data, double[] lambdas) {
    return ElasticNet.fitPath(data, lambdas, 1.0, "Lasso", "linear.lasso", fitIntercept, standardize, tolerance,
        maxSweeps, precision, this::withLambda);
  }

  /**
   * This configuration with another sweep limit.
   *
   * @param m the most coordinate-descent sweeps, ≥ 1
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public Lasso withMaxSweeps(int m) {
    return new Lasso(lambda, fitIntercept, standardize, tolerance, m, precision);
  }
}
