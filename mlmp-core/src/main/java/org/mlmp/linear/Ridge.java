package org.mlmp.linear;

import org.mlmp.api.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlmp.api.Dataset;

/**
 * Ridge regression in closed form: minimises C(w, w0) + λ‖w‖²₂ with the course's cost
 * C = 1/(2N) Σ_j (w·x_j + w0 − y_j)², the intercept w0 never penalised. The solution of the centred
 * problem is w = (ZᵀZ + 2Nλ I)⁻¹ Zᵀt, computed without an inverse by {@link LeastSquaresSolver}
 * (Cholesky when well conditioned, otherwise Householder QR of the augmented matrix [Z; √(2Nλ) I]).
 *
 * <p>scikit-learn: {@code Ridge(alpha = 2Nλ)} with N the number of training rows (scikit-learn
 * minimises ‖y − Xw − w0‖² + alpha‖w‖²). With {@code standardize}, the penalty acts on the
 * coefficients of the standardised columns (as a {@code StandardScaler} + {@code Ridge} pipeline);
 * the model reports them for the raw columns.
 *
 * <p>Reference: A. E. Hoerl, R. W. Kennard, Technometrics 12 (1970) 55–67; Hastie et al., ESL §3.4.1.
 *
 * @param lambda λ ≥ 0
 * @param fitIntercept fit an unpenalised w0 (default true)
 * @param standardize standardise the columns (training mean, 1/N standard deviation) before fitting
 * @param solver the closed-form method (default AUTO)
 * @param precision of the Gram products (default DOUBLE)
 */
public record Ridge(double lambda, boolean fitIntercept, boolean standardize, LeastSquaresSolver solver,
    Precision precision) implements PenalizedRegression {
  /**
   * Validates the components.
   *
   * @param lambda λ ≥ 0
   * @param fitIntercept fit an unpenalised w0 (default true)
   * @param standardize standardise the columns (training mean, 1/N standard deviation) before fitting
   * @param solver the closed-form method (default AUTO)
   * @param precision of the Gram products (default DOUBLE)
   * @throws IllegalArgumentException when {@code lambda} is negative or not finite
   * @throws NullPointerException when {@code solver} or {@code precision} is null
   */
  public Ridge {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("The 'lambda' parameter of Ridge must be a finite number >= 0. Got "
          + lambda + " instead.");
    }
    Objects.requireNonNull(solver, "The 'solver' parameter of Ridge must not be null; use AUTO.");
    Objects.requireNonNull(precision, "The 'precision' parameter of Ridge must not be null; use DOUBLE.");
  }

  /**
   * Ridge with intercept, raw columns, AUTO solver, double precision.
   *
   * @param lambda λ ≥ 0
   * @return the configuration
   * @throws IllegalArgumentException when {@code lambda} is negative or not finite
   */
  public static Ridge of(double lambda) {
    return new Ridge(lambda, true, false, LeastSquaresSolver.AUTO, Precision.DOUBLE);
  }

  @Override
  public Ridge withLambda(double l) {
    return new Ridge(l, fitIntercept, standardize, solver, precision);
  }

  /**
   * A copy with or without an intercept.
   *
   * @param f fit an unpenalised w0
   * @return the copy
   */
  public Ridge withFitIntercept(boolean f) {
    return new Ridge(lambda, f, standardize, solver, precision);
  }

  /**
   * A copy that does or does not standardise the columns first.
   *
   * @param s standardise (training mean, 1/N standard deviation)
   * @return the copy
   */
  public Ridge withStandardize(boolean s) {
    return new Ridge(lambda, fitIntercept, s, solver, precision);
  }

  /**
   * A copy with another closed-form method.
   *
   * @param s AUTO, QR or CHOLESKY
   * @return the copy
   * @throws NullPointerException when {@code s} is null
   */
  public Ridge withSolver(LeastSquaresSolver s) {
    return new Ridge(lambda, fitIntercept, standardize, s, precision);
  }

  /**
   * A copy with another precision of the Gram products.
   *
   * @param p DOUBLE or FLOAT
   * @return the copy
   * @throws NullPointerException when {@code p} is null
   */
  public Ridge withPrecision(Precision p) {
    return new Ridge(lambda, fitIntercept, standardize, solver, p);
  }

  @Override
  public LinearModel fit(Dataset data) {
    Design des = Design.of(data, "Ridge", fitIntercept, standardize, true, precision);
    return model(des, LeastSquares.solve(des, lambda, solver, "Ridge"));
  }

  /** One Gram matrix for the whole path (Cholesky per λ; QR where AUTO finds it ill-conditioned). */
  @Override
  public List<LinearModel> path(Dataset data, double[] lambdas) {
    for (double l : lambdas) withLambda(l); // validates every λ first
    Design des = Design.of(data, "Ridge", fitIntercept, standardize, true, precision);
    Design.NormalEquations gram = solver == LeastSquaresSolver.QR ? null : des.gram();
    List<LinearModel> out = new ArrayList<>();
    for (double l : lambdas) out.add(withLambda(l).model(des, LeastSquares.solve(des, gram, l, solver, "Ridge")));
    return out;
  }

  private LinearModel model(Design des, LeastSquares.LeastSquaresSolution s) {
    double[] coef = des.rawCoef(s.w());
    return new LinearModel("linear.ridge", this, LinearFiles.facts("method", s.method()), coef, des.rawIntercept(coef), des.standardization(), null, precision, -1);
  }
}
