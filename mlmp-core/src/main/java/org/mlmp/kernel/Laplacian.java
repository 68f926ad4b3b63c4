package org.mlmp.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Laplacian kernel k(x, x') = exp(−‖x − x'‖₁ / σ), with the L1 (Manhattan) norm.
 *
 * <p>scikit-learn: {@code kernel="laplacian", gamma = 1/σ}
 * ({@code sklearn.metrics.pairwise.laplacian_kernel}). Gradient, where no coordinate of x equals
 * that of x': ∂k/∂x_j = −sign(x_j − x'_j)/σ · k(x, x') (sign(0) is taken as 0: the kernel has a kink
 * there, so its forces are discontinuous — prefer {@link Gaussian} for molecular dynamics).
 *
 * @param sigma the length scale σ > 0
 */
public record Laplacian(double sigma) implements Kernel {
  /**
   * Validates σ.
   *
   * @param sigma the length scale σ > 0
   * @throws IllegalArgumentException when σ is not a positive finite number
   */
  public Laplacian {
    Gram.positive("sigma", "Laplacian", sigma);
  }

  /**
   * scikit-learn's gamma for this σ.
   *
   * @return 1/σ
   */
  public double gamma() {
    return 1.0 / sigma;
  }

  @Override
  public String name() {
    return "laplacian";
  }

  /** b = ‖x − x'‖₁. */
  @Override
  public BaseQuantity base() {
    return BaseQuantity.L1_DISTANCE;
  }

  /** s = −1/σ. */
  @Override
  public double baseScale() {
    return -1.0 / sigma;
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

  /** s·g'(v) = −exp(v)/σ. */
  @Override
  public void derivativeOfScaled(INDArray v) {
    Transforms.exp(v, false);
    v.muli(-1.0 / sigma);
  }

  @Override
  public double[] gradient(double[] a, double[] b) {
    double k = value(a, b);
    double[] g = new double[a.length];
    for (int i = 0; i < g.length; i++) g[i] = -Math.signum(a[i] - b[i]) / sigma * k;
    return g;
  }

  /**
   * The Laplacian kernel of width σ.
   *
   * @param sigma σ &gt; 0
   * @return the kernel
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static Laplacian of(double sigma) {
    return new Laplacian(sigma);
  }
}
