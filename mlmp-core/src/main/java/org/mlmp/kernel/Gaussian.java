package org.mlmp.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Gaussian (squared-exponential, RBF) kernel k(x, x') = exp(−‖x − x'‖²₂ / 2σ²).
 *
 * <p>scikit-learn: {@code kernel="rbf", gamma = 1/(2σ²)}. Gradient: ∂k/∂x = −(x − x')/σ² · k(x, x').
 *
 * @param sigma the length scale σ > 0
 */
public record Gaussian(double sigma) implements Kernel {
  /**
   * Validates σ.
   *
   * @param sigma the length scale σ > 0
   * @throws IllegalArgumentException when σ is not a positive finite number
   */
  public Gaussian {
    Gram.positive("sigma", "Gaussian", sigma);
  }

  /**
   * scikit-learn's gamma for this σ.
   *
   * @return 1/(2σ²)
   */
  public double gamma() {
    return 1.0 / (2 * sigma * sigma);
  }

  @Override
  public String name() {
    return "gaussian";
  }

  /** b = ‖x − x'‖²₂. */
  @Override
  public BaseQuantity base() {
    return BaseQuantity.SQUARED_DISTANCE;
  }

  /** s = −γ = −1/(2σ²). */
  @Override
  public double baseScale() {
    return -gamma();
  }

  /** g(v) = exp(v). */
  @Override
  public double ofScaled(double v) {
    return Math.exp(v);
  }

  @Override
  public void ofScaled(INDArray v) {
    Transforms.exp(v, false);
  }

  /** s·g'(v) = −γ exp(v). */
  @Override
  public void derivativeOfScaled(INDArray v) {
    Transforms.exp(v, false);
    v.muli(-gamma());
  }

  @Override
  public double[] gradient(double[] a, double[] b) {
    double k = value(a, b);
    double[] g = new double[a.length];
    for (int i = 0; i < g.length; i++) g[i] = -(a[i] - b[i]) / (sigma * sigma) * k;
    return g;
  }

  /**
   * The Gaussian kernel of width σ.
   *
   * @param sigma σ &gt; 0
   * @return the kernel
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static Gaussian of(double sigma) {
    return new Gaussian(sigma);
  }
}
