package org.mlmp.linear;

import org.mlmp.api.Precision;
import org.mlmp.api.Dataset;

/**
 * L0-penalised linear regression, approximately, by greedy forward selection: starting from no
 * feature, repeatedly add the feature that lowers the residual sum of squares most, as long as that
 * lowers C(w, w0) + λ‖w‖₀ (C = 1/(2N) Σ_j (w·x_j + w0 − y_j)²), i.e. while the RSS falls by more than
 * 2Nλ. O(d²) per step by the sweep operator, for any number of features; the support found can be
 * worse than {@link BestSubset}'s (greedy choices are never undone). The final support is refitted
 * by Householder QR.
 *
 * <p>scikit-learn: {@code SequentialFeatureSelector(direction="forward")} is similar but stops at a
 * fixed count and uses cross-validated scores. Reference: Hastie et al., ESL §3.3.2.
 *
 * @param lambda λ ≥ 0, the cost of each non-zero weight
 * @param fitIntercept fit an unpenalised w0 (default true)
 * @param standardize standardise the columns first (does not change the selection)
 */
public record ForwardSelection(double lambda, boolean fitIntercept, boolean standardize) implements PenalizedRegression {
  /**
   * Validates λ.
   *
   * @param lambda λ ≥ 0, the cost of each non-zero weight
   * @param fitIntercept fit an unpenalised w0 (default true)
   * @param standardize standardise the columns first (does not change the selection)
   * @throws IllegalArgumentException when {@code lambda} is negative, NaN or infinite
   */
  public ForwardSelection {
    ElasticNet.check("ForwardSelection", lambda, 1, 1, Precision.DOUBLE);
  }

  /**
   * Forward selection with intercept on the raw columns.
   *
   * @param lambda λ ≥ 0, the cost of each non-zero weight
   * @return the configuration
   * @throws IllegalArgumentException when {@code lambda} is negative, NaN or infinite
   */
  public static ForwardSelection of(double lambda) {
    return new ForwardSelection(lambda, true, false);
  }

  @Override
  public ForwardSelection withLambda(double l) {
    return new ForwardSelection(l, fitIntercept, standardize);
  }

  @Override
  public LinearModel fit(Dataset data) {
    Design des = Design.of(data, "ForwardSelection", fitIntercept, standardize, true, Precision.DOUBLE);
    boolean[] support = new SubsetSearch(des.gram(), lambda).greedy();
    return SubsetSearch.model(des, support, "linear.forward-selection", this, -1);
  }

  /**
   * This configuration with {@code fitIntercept} set.
   *
   * @param f fit an unpenalised w0
   * @return a copy with the new value
   */
  public ForwardSelection withFitIntercept(boolean f) {
    return new ForwardSelection(lambda, f, standardize);
  }

  /**
   * This configuration with {@code standardize} set.
   *
   * @param s standardise the columns before fitting
   * @return a copy with the new value
   */
  public ForwardSelection withStandardize(boolean s) {
    return new ForwardSelection(lambda, fitIntercept, s);
  }
}
