package org.mlmp.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The generalised polynomial kernel k(x, x') = (x·x' + c)^d.
 *
 * <p>scikit-learn: {@code kernel="poly", degree=d, gamma=1, coef0=c} — pass gamma = 1 and coef0
 * explicitly, since scikit-learn's defaults (gamma = 1/nFeatures, coef0 = 1) differ. Gradient:
 * ∂k/∂x = d (x·x' + c)^(d−1) x'.
 *
 * @param degree d, an integer >= 1
 * @param coef0 c >= 0 (c >= 0 keeps the kernel positive semi-definite)
 */
public record Polynomial(int degree, double coef0) implements Kernel {
  /**
   * Validates the parameters.
   *
   * @param degree d, an integer >= 1
   * @param coef0 c >= 0 (c >= 0 keeps the kernel positive semi-definite)
   * @throws IllegalArgumentException when {@code degree < 1} or {@code coef0} is negative or not finite
   */
  public Polynomial {
    if (degree < 1) {
      throw new IllegalArgumentException("The 'degree' parameter of Polynomial must be an int >= 1. Got " + degree
          + " instead.");
    }
    if (!(coef0 >= 0) || Double.isInfinite(coef0)) {
      throw new IllegalArgumentException("The 'coef0' parameter of Polynomial must be a finite number >= 0 (a"
          + " negative c makes (x·x' + c)^d indefinite). Got " + coef0 + " instead.");
    }
  }

  @Override
  public String name() {
    return "polynomial";
  }

  /** b = x·x'. */
  @Override
  public BaseQuantity base() {
    return BaseQuantity.DOT_PRODUCT;
  }

  /** g(v) = (v + c)^d, by d − 1 multiplications. */
  @Override
  public double ofScaled(double v) {
    double b = v + coef0, p = b;
    for (int e = 1; e < degree; e++) p *= b;
    return p;
  }

  /** (v + c)^d by ND4J's pow. */
  @Override
  public void ofScaled(INDArray v) {
    v.addi(coef0);
    if (degree > 1) Transforms.pow(v, degree, false);
  }

  /** g'(v) = d (v + c)^(d−1). */
  @Override
  public void derivativeOfScaled(INDArray v) {
    v.addi(coef0);
    if (degree > 2) Transforms.pow(v, degree - 1, false);
    else if (degree == 1) v.assign(1.0);
    v.muli(degree);
  }

  @Override
  public double[] gradient(double[] a, double[] b) {
    double f = degree * Math.pow(Linear.of().value(a, b) + coef0, degree - 1);
    double[] g = new double[a.length];
    for (int i = 0; i < g.length; i++) g[i] = f * b[i];
    return g;
  }

  /**
   * The polynomial kernel (x·x' + coef0)^degree.
   *
   * @param degree the degree, ≥ 1
   * @param coef0 the constant added to the dot product, ≥ 0
   * @return the kernel
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static Polynomial of(int degree, double coef0) {
    return new Polynomial(degree, coef0);
  }
}
