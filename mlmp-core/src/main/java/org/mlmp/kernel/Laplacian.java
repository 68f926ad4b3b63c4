package org.mlmp.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mlmp.io.ModelFile;

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
  public Laplacian {
    Gram.positive("sigma", "Laplacian", sigma);
  }

  /** scikit-learn's gamma = 1/σ. */
  public double gamma() {
    return 1.0 / sigma;
  }

  @Override
  public String name() {
    return "laplacian";
  }

  @Override
  public double value(double[] a, double[] b) {
    Gram.sameLength(a, b);
    double s = 0;
    for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
    return Math.exp(-s / sigma);
  }

  @Override
  public double[] gradient(double[] a, double[] b) {
    double k = value(a, b);
    double[] g = new double[a.length];
    for (int i = 0; i < g.length; i++) g[i] = -Math.signum(a[i] - b[i]) / sigma * k;
    return g;
  }

  @Override
  public ObjectNode toConfig() {
    ObjectNode o = ModelFile.newConfig();
    o.put("name", name());
    o.put("sigma", sigma);
    return o;
  }
}
