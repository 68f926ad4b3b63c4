package org.mlmp.linear;

import org.mlmp.api.Precision;
import java.util.Objects;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;

/**
 * Linear regression by ordinary least squares in closed form: minimises the course's cost
 * C(w, w0) = 1/(2N) Σ_j (w·x_j + w0 − y_j)² exactly.
 *
 * <p>With {@code fitIntercept} (default), x and y are centred and w0 = ȳ − w·x̄ is recovered after the
 * fit, which is the same minimiser as fitting [X, 1]. The solve is chosen by {@link LeastSquaresSolver}
 * (default {@code AUTO}: Cholesky of the normal equations only when the problem is well conditioned,
 * Householder QR otherwise; never an explicit inverse). With {@code standardize}, the columns are
 * scaled by their 1/N standard deviation before the fit (this does not change the OLS solution).
 *
 * <p>scikit-learn: {@code LinearRegression(fit_intercept=...)}. Reference: T. Hastie, R. Tibshirani,
 * J. Friedman, The Elements of Statistical Learning, 2nd ed., §3.2.
 *
 * @param fitIntercept fit w0 (true by default)
 * @param standardize scale the columns to unit 1/N variance before solving
 * @param solver the closed-form method
 * @param precision of the Gram matrix products (the QR path is always double)
 */
public record OrdinaryLeastSquares(boolean fitIntercept, boolean standardize, LeastSquaresSolver solver,
    Precision precision) implements Trainer<LinearModel> {
  /**
   * Validates the components.
   *
   * @param fitIntercept fit w0 (true by default)
   * @param standardize scale the columns to unit 1/N variance before solving
   * @param solver the closed-form method
   * @param precision of the Gram matrix products (the QR path is always double)
   * @throws NullPointerException when {@code solver} or {@code precision} is null
   */
  public OrdinaryLeastSquares {
    Objects.requireNonNull(solver, "The 'solver' parameter of OrdinaryLeastSquares must not be null; use AUTO.");
    Objects.requireNonNull(precision, "The 'precision' parameter of OrdinaryLeastSquares must not be null; use DOUBLE.");
  }

  /**
   * A copy with or without an intercept.
   *
   * @param f fit w0
   * @return the copy
   */
  public OrdinaryLeastSquares withFitIntercept(boolean f) {
    return new OrdinaryLeastSquares(f, standardize, solver, precision);
  }

  /**
   * A copy that does or does not scale the columns first.
   *
   * @param s scale the columns to unit 1/N variance before solving
   * @return the copy
   */
  public OrdinaryLeastSquares withStandardize(boolean s) {
    return new OrdinaryLeastSquares(fitIntercept, s, solver, precision);
  }

  /**
   * A copy with another closed-form method.
   *
   * @param s AUTO, QR or CHOLESKY
   * @return the copy
   * @throws NullPointerException when {@code s} is null
   */
  public OrdinaryLeastSquares withSolver(LeastSquaresSolver s) {
    return new OrdinaryLeastSquares(fitIntercept, standardize, s, precision);
  }

  /**
   * A copy with another precision of the Gram products.
   *
   * @param p DOUBLE or FLOAT (the QR path is always double)
   * @return the copy
   * @throws NullPointerException when {@code p} is null
   */
  public OrdinaryLeastSquares withPrecision(Precision p) {
    return new OrdinaryLeastSquares(fitIntercept, standardize, solver, p);
  }

  @Override
  public LinearModel fit(Dataset data) {
    Design des = Design.of(data, "OrdinaryLeastSquares", fitIntercept, standardize, true, precision);
    LeastSquares.LeastSquaresSolution s = LeastSquares.solve(des, 0, solver, "OrdinaryLeastSquares");
    double[] coef = des.rawCoef(s.w());
    return new LinearModel("linear.ols", this, LinearFiles.facts("method", s.method()), coef, des.rawIntercept(coef), des.standardization(), null, precision, -1);
  }

  /**
   * Intercept, no standardisation, AUTO solver, double precision.
   *
   * @return the configuration with every default
   */
  public static OrdinaryLeastSquares of() {
    return new OrdinaryLeastSquares(true, false, LeastSquaresSolver.AUTO, Precision.DOUBLE);
  }
}
