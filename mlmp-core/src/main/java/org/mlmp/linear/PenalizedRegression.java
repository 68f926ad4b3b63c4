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
  /** The regularisation strength λ. */
  double lambda();

  /** The same configuration with another λ. */
  PenalizedRegression withLambda(double lambda);

  /** Whether the intercept is fitted. */
  boolean fitIntercept();

  /** Whether the columns are standardised before fitting. */
  boolean standardize();

  /**
   * Fits every λ of {@code lambdas}, in the order given. Implementations share work between the
   * values (one Gram matrix; warm starts for coordinate descent, which converges fastest when the
   * λ decrease); this default fits each independently.
   */
  default List<LinearModel> path(Dataset data, double[] lambdas) {
    List<LinearModel> out = new ArrayList<>();
    for (double l : lambdas) out.add(withLambda(l).fit(data));
    return out;
  }
}
