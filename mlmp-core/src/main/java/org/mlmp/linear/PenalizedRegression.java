package org.mlmp.linear;

import java.util.ArrayList;
import java.util.List;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;

/**
 * A linear regression trainer minimising C(w, w0) + λ·P(w) for one penalty P and strength λ ≥ 0
 * ({@link Ridge}, {@link Lasso}, {@link ElasticNet}, {@link BestSubset}, {@link ForwardSelection}):
 * what {@link RegularizationPath} and {@link CrossValidation} need.
 */
public interface PenalizedRegression extends Trainer<LinearModel> {
  /**
   * The regularisation strength λ.
   *
   * @return λ ≥ 0
   */
  double lambda();

  /**
   * The same configuration with another λ.
   *
   * @param lambda the new λ ≥ 0
   * @return the copy
   * @throws IllegalArgumentException when {@code lambda} is negative or not finite
   */
  PenalizedRegression withLambda(double lambda);

  /**
   * Whether the intercept is fitted.
   *
   * @return true when an unpenalised w0 is fitted
   */
  boolean fitIntercept();

  /**
   * Whether the columns are standardised before fitting.
   *
   * @return true when the penalty acts on the standardised columns' coefficients
   */
  boolean standardize();

  /**
   * Fits every λ of {@code lambdas}, in the order given. Implementations share work between the
   * values (one Gram matrix; warm starts for coordinate descent, which converges fastest when the
   * λ decrease); this default fits each independently.
   *
   * @param data the training rows
   * @param lambdas the λ to fit, each ≥ 0
   * @return one model per λ, in the order of {@code lambdas}
   */
  default List<LinearModel> path(Dataset data, double[] lambdas) {
    List<LinearModel> out = new ArrayList<>();
    for (double l : lambdas) out.add(withLambda(l).fit(data));
    return out;
  }
}
