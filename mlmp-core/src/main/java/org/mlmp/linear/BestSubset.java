package org.mlmp.linear;

import org.mlmp.api.Precision;
import org.mlmp.api.Dataset;

/**
 * L0-penalised linear regression solved exactly: minimises C(w, w0) + λ‖w‖₀ with the course's cost
 * C = 1/(2N) Σ_j (w·x_j + w0 − y_j)², i.e. RSS(S)/(2N) + λ|S| over every support S ⊆ {1..d}, the
 * intercept never counted. All 2^d supports are enumerated depth-first with the sweep operator (each
 * step O(d²), exact up to round-off), skipping branches whose size alone costs more than the best
 * found; the chosen support is then refitted by Householder QR. Limited to
 * {@link #MAX_FEATURES} = 25 features (2^25 ≈ 3.4·10⁷ supports); beyond that use the approximate
 * {@link ForwardSelection}.
 *
 * <p>scikit-learn has no L0 penalty. Reference: G. M. Furnival, R. W. Wilson, Technometrics 16 (1974)
 * 499–511 (best-subset regression by sweeps); Hastie et al., ESL §3.3.1.
 *
 * @param lambda λ ≥ 0, the cost of each non-zero weight
 * @param fitIntercept fit an unpenalised w0 (default true)
 * @param standardize standardise the columns first (does not change the chosen support: the L0 penalty
 *     is scale-free)
 */
public record BestSubset(double lambda, boolean fitIntercept, boolean standardize) implements PenalizedRegression {
  /** The most features exact enumeration accepts. */
  public static final int MAX_FEATURES = 25;

  /**
   * Validates λ.
   *
   * @param lambda λ ≥ 0, the cost of each non-zero weight
   * @param fitIntercept fit an unpenalised w0 (default true)
   * @param standardize standardise the columns first (does not change the chosen support: the L0 penalty
   *     is scale-free)
   * @throws IllegalArgumentException when {@code lambda} is negative, NaN or infinite
   */
  public BestSubset {
    ElasticNet.check("BestSubset", lambda, 1, 1, Precision.DOUBLE);
  }

  /**
   * Best subset with intercept on the raw columns.
   *
   * @param lambda λ ≥ 0, the cost of each non-zero weight
   * @return the configuration
   * @throws IllegalArgumentException when {@code lambda} is negative, NaN or infinite
   */
  public static BestSubset of(double lambda) {
    return new BestSubset(lambda, true, false);
  }

  @Override
  public BestSubset withLambda(double l) {
    return new BestSubset(l, fitIntercept, standardize);
  }

  @Override
  public LinearModel fit(Dataset data) {
    if (data.nFeatures() > MAX_FEATURES) {
      throw new IllegalArgumentException("BestSubset enumerates all 2^d supports and accepts at most " + MAX_FEATURES
          + " features; x has " + data.nFeatures() + ". Use ForwardSelection (greedy, approximate) instead.");
    }
    Design des = Design.of(data, "BestSubset", fitIntercept, standardize, true, Precision.DOUBLE);
    SubsetSearch s = new SubsetSearch(des.gram(), lambda);
    long[] r = s.exhaustive();
    return SubsetSearch.model(des, SubsetSearch.support(r[0], des.d), "linear.best-subset", this, r[1]);
  }

  /**
   * This configuration with {@code fitIntercept} set.
   *
   * @param f fit an unpenalised w0
   * @return a copy with the new value
   */
  public BestSubset withFitIntercept(boolean f) {
    return new BestSubset(lambda, f, standardize);
  }

  /**
   * This configuration with {@code standardize} set.
   *
   * @param s standardise the columns before fitting
   * @return a copy with the new value
   */
  public BestSubset withStandardize(boolean s) {
    return new BestSubset(lambda, fitIntercept, s);
  }
}
