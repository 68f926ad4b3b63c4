package org.mlmp.kernel;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A radial basis kernel k(x, x') = f(r²) with r² = ‖x − x'‖²₂, built from a user function f of the
 * squared distance (e.g. a Matérn or inverse multiquadric profile). It is the caller's duty that f
 * gives a positive semi-definite kernel.
 *
 * <p>Gradient: ∂k/∂x = 2 f'(r²) (x − x'), available when {@code derivative} (f') is given.
 *
 * <p><b>Cannot be saved:</b> a Java function cannot be written to a model file, so saving any model
 * that uses this kernel throws {@link UnsupportedOperationException} with the reason ({@link KernelVocabulary}). For a
 * model you need to save, use {@link Gaussian} or {@link Laplacian}. The Gram matrix applies f value
 * by value on the CPU side, so it is slower than the built-in kernels.
 *
 * @param profile f, taking r² >= 0
 * @param derivative f' = df/d(r²), or null when the gradient is not needed
 * @param description a short human-readable description used in messages, e.g. "1/(1 + r²)"
 */
public record Radial(DoubleUnaryOperator profile, DoubleUnaryOperator derivative, String description)
    implements Kernel {
  /**
   * Validates the profile; a null or blank description becomes "user function of r²".
   *
   * @param profile f, taking r² >= 0
   * @param derivative f' = df/d(r²), or null when the gradient is not needed
   * @param description a short human-readable description used in messages, e.g. "1/(1 + r²)"
   * @throws NullPointerException when {@code profile} is null
   * @throws IllegalArgumentException when f(0) is not finite
   */
  public Radial {
    Objects.requireNonNull(profile, "The 'profile' parameter of Radial (the function f of r²) must not be null.");
    if (description == null || description.isBlank()) description = "user function of r²";
    double f0 = profile.applyAsDouble(0.0);
    if (!Double.isFinite(f0)) {
      throw new IllegalArgumentException("The 'profile' of Radial (" + description + ") must be finite at r² = 0."
          + " Got f(0) = " + f0 + " instead.");
    }
  }

  @Override
  public String name() {
    return "radial";
  }

  /** b = r² = ‖x − x'‖²₂. */
  @Override
  public BaseQuantity base() {
    return BaseQuantity.SQUARED_DISTANCE;
  }

  /** g = f (s = 1). */
  @Override
  public double ofScaled(double v) {
    return profile.applyAsDouble(v);
  }

  /** f value by value on the CPU side (a Java function). */
  @Override
  public void ofScaled(INDArray v) {
    Gram.apply(v, profile);
  }

  /** f' value by value on the CPU side. */
  @Override
  public void derivativeOfScaled(INDArray v) {
    Gram.apply(v, requireDerivative());
  }

  @Override
  public double[] gradient(double[] a, double[] b) {
    double f = requireDerivative().applyAsDouble(Gram.squaredDistance(a, b));
    double[] g = new double[a.length];
    for (int i = 0; i < g.length; i++) g[i] = 2 * f * (a[i] - b[i]);
    return g;
  }

  DoubleUnaryOperator requireDerivative() {
    if (derivative == null) {
      throw new UnsupportedOperationException("The Radial kernel '" + description + "' was built without its"
          + " derivative f'(r²), so it has no gradient; pass the derivative as the second argument of Radial.");
    }
    return derivative;
  }

  /**
   * A radial kernel without gradient (add one with {@link #withDerivative}).
   *
   * @param profile f(r²), finite at 0
   * @param description how messages and {@code toString} name f
   * @return the kernel
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static Radial of(DoubleUnaryOperator profile, String description) {
    return new Radial(profile, null, description);
  }

  /**
   * This kernel with the derivative f'(r²), which makes its gradient available.
   *
   * @param d f'(r²), or null for none
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public Radial withDerivative(DoubleUnaryOperator d) {
    return new Radial(profile, d, description);
  }
}
