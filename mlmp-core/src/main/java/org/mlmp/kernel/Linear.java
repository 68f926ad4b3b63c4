package org.mlmp.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mlmp.io.ModelFile;

/**
 * The linear kernel k(x, x') = x·x' (scikit-learn {@code kernel="linear"}). Kernel ridge regression
 * with it is ridge regression without intercept. Gradient: ∂k/∂x = x'.
 */
public record Linear() implements Kernel {
  @Override
  public String name() {
    return "linear";
  }

  @Override
  public double value(double[] a, double[] b) {
    Gram.sameLength(a, b);
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  @Override
  public double[] gradient(double[] a, double[] b) {
    Gram.sameLength(a, b);
    return b.clone();
  }

  @Override
  public ObjectNode toConfig() {
    ObjectNode o = ModelFile.newConfig();
    o.put("name", name());
    return o;
  }
}
