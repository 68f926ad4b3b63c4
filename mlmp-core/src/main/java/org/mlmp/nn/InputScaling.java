package org.mlmp.nn;

/**
 * How inputs are normalised before the first layer. Fitted on the training rows only (never on
 * validation or test data) and saved with the model, which applies it to every input it is given.
 *
 * <ul>
 *   <li>{@link #NONE}: inputs as given.
 *   <li>{@link #GLOBAL}: z = (x − μ)/σ with one mean μ and one 1/N standard deviation σ over all features —
 *       the usual choice for images (MNIST: μ ≈ 0.13, σ ≈ 0.31 on [0, 1] pixels).
 *   <li>{@link #PER_FEATURE}: z_j = (x_j − μ_j)/σ_j per column, scikit-learn's {@code StandardScaler}
 *       (a constant column gets σ = 1).
 * </ul>
 */
public enum InputScaling {
  /** Inputs as given. */
  NONE,
  /** z = (x − μ)/σ with one mean and one standard deviation over all features (images). */
  GLOBAL,
  /** z_j = (x_j − μ_j)/σ_j per column (scikit-learn's {@code StandardScaler}); a constant column gets σ = 1. */
  PER_FEATURE
}
