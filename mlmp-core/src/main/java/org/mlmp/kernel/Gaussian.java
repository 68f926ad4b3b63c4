package org.mlmp.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mlmp.io.ModelFile;

/**
 * The Gaussian (squared-exponential, RBF) kernel k(x, x') = exp(−‖x − x'‖²₂ / 2σ²).
 *
 * <p>scikit-learn: {@code kernel="rbf", gamma = 1/(2σ²)}. Gradient: ∂k/∂x = −(x − x')/σ² · k(x, x').
 *
 * @param sigma the length scale σ > 0
 */
public record Gaussian(double sigma) implements Kernel {
  public Gaussian {
    Gram.positive("sigma", "Gaussian", sigma);
  }

  /** scikit-learn's gamma = 1/(2σ²). */
  public double gamma() {
    return 1.0 / (2 * sigma * sigma);
  }

  @Override
  public String name() {
    return "gaussian";
  }

  @Override
  public double value(double[] a, double[] b) {
    return Math.exp(-Gram.squaredDistance(a, b) * gamma());
  }

  @Override
  public double[] gradient(double[] a, double[] b) {
    double k = value(a, b);
    double[] g = new double[a.length];
    for (int i = 0; i < g.length; i++) g[i] = -(a[i] - b[i]) / (sigma * sigma) * k;
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
