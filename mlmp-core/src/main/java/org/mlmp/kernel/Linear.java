package org.mlmp.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The linear kernel k(x, x') = x·x' (scikit-learn {@code kernel="linear"}). Kernel ridge regression
 * with it is ridge regression without intercept. Gradient: ∂k/∂x = x'.
 */
public record Linear() implements Kernel {
  @Override
  public String name() {
    return "linear";
  }

  /** b = x·x'. */
  @Override
  public BaseQuantity base() {
    return BaseQuantity.DOT_PRODUCT;
  }

  /** g(v) = v. */
  @Override
  public double ofScaled(double v) {
    return v;
  }

  /** Nothing to do: the dot products are the kernel values. */
  @Override
  public void ofScaled(INDArray v) {}

  /** g' = 1. */
  @Override
  public void derivativeOfScaled(INDArray v) {
    v.assign(1.0);
  }

  @Override
  public double[] gradient(double[] a, double[] b) {
    Gram.sameLength(a, b);
    return b.clone();
  }

  /**
   * The linear kernel.
   *
   * @return the kernel
   */
  public static Linear of() {
    return new Linear();
  }
}
