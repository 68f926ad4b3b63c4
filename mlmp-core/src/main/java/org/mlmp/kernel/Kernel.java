package org.mlmp.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A positive semi-definite kernel k(x, x') as a value: one record per kernel, each validating its
 * parameters. The course's kernels and their scikit-learn equivalents
 * ({@code sklearn.metrics.pairwise}, {@code KernelRidge(kernel=...)}):
 *
 * <table>
 *   <caption>kernels</caption>
 *   <tr><th>mlmp</th><th>k(x, x')</th><th>scikit-learn</th></tr>
 *   <tr><td>{@link Linear}</td><td>x·x'</td><td>{@code "linear"}</td></tr>
 *   <tr><td>{@link Polynomial}(d, c)</td><td>(x·x' + c)^d</td><td>{@code "poly"}, degree=d, gamma=1, coef0=c</td></tr>
 *   <tr><td>{@link Gaussian}(σ)</td><td>exp(−‖x − x'‖²₂ / 2σ²)</td><td>{@code "rbf"}, gamma = 1/(2σ²)</td></tr>
 *   <tr><td>{@link Laplacian}(σ)</td><td>exp(−‖x − x'‖₁ / σ)</td><td>{@code "laplacian"}, gamma = 1/σ</td></tr>
 *   <tr><td>{@link Radial}(f)</td><td>f(‖x − x'‖²₂)</td><td>a callable (cannot be saved)</td></tr>
 * </table>
 *
 * <p>Gram matrices ({@link #gram(INDArray)}, {@link #gram(INDArray, INDArray)}) are computed in double
 * precision with matrix products ({@code Nd4j.gemm}) in row blocks, so they run on either backend; see
 * {@link Gram} for the numerics and the memory check. Shapes: {@code x: [nSamples, nFeatures]}.
 */
public sealed interface Kernel permits Linear, Polynomial, Gaussian, Laplacian, Radial {

  /**
   * The kernel's name as written in model files and on the command line.
   *
   * @return e.g. "gaussian"
   */
  String name();

  /**
   * k(a, b) for two points of equal length, computed directly: {@link #fromBase} of the {@link #base()}
   * quantity (the reference the Gram paths are tested against).
   *
   * @param a the first point
   * @param b the second point, of the same length
   * @return k(a, b)
   * @throws IllegalArgumentException when the lengths differ
   */
  default double value(double[] a, double[] b) {
    return fromBase(base().of(a, b));
  }

  // ---------------------------------------------------------------------------------------------
  // The kernel's one definition: k(x, x') = g(s · b(x, x')), with b the base quantity, s a scale and g
  // a function written twice, for one value (the CPU loops, value) and for a whole array (the
  // backend-generic path, on any backend). Adding a kernel: one record implementing these and one
  // permits entry; the Gram paths switch over BaseQuantity and need no edit.

  /**
   * The quantity b(x, x') this kernel is a function of.
   *
   * @return dot product, squared distance or L1 distance
   */
  BaseQuantity base();

  /**
   * The scale s applied to the base quantity before {@link #ofScaled(double)} (−1/(2σ²) for the Gaussian,
   * −1/σ for the Laplacian, 1 for the others); the backend-generic path folds it into its matrix product.
   *
   * @return s
   */
  default double baseScale() {
    return 1;
  }

  /**
   * g(v): the kernel value for the scaled base quantity v = s·b (the scalar form, for the CPU loops).
   *
   * @param v the scaled base quantity s·b
   * @return g(v) = k
   */
  double ofScaled(double v);

  /**
   * The whole-array form of {@link #ofScaled(double)}: v ← g(v) element by element, in place.
   *
   * @param v scaled base quantities, overwritten by the kernel values
   */
  void ofScaled(INDArray v);

  /**
   * The derivative of the kernel with respect to its base quantity, dk/db = s·g'(s·b), as a whole-array
   * form: v ← s·g'(v), in place, for v = s·b (for the gradients of kernel expansions).
   *
   * @throws UnsupportedOperationException where the kernel has no derivative (a {@link Radial} kernel
   *     given without it)
   * @param v scaled base quantities, overwritten by s·g'(v)
   */
  void derivativeOfScaled(INDArray v);

  /**
   * k as a function of the base quantity b: g(s·b) (for {@link #value} and k(0) on the diagonal).
   *
   * @param b the base quantity
   * @return the kernel value
   */
  default double fromBase(double b) {
    return ofScaled(baseScale() * b);
  }

  /**
   * The gradient ∂k(a, b)/∂a with respect to the first argument.
   *
   * @param a the point the gradient is taken at
   * @param b the other point, of the same length
   * @return ∂k(a, b)/∂a, the length of a
   * @throws UnsupportedOperationException where the kernel has no gradient (a {@link Radial} kernel
   *     given without its derivative)
   */
  double[] gradient(double[] a, double[] b);

  /**
   * The symmetric Gram matrix K_ij = k(x_i, x_j).
   *
   * @param x {@code [n, d]}
   * @return {@code [n, n]} double, exactly symmetric; for the radial kernels the diagonal is exactly k(0)
   * @throws IllegalStateException when the n × n matrix would exceed ND4J's off-heap memory limit
   *     (the message says how many bytes are needed and how to raise the limit)
   */
  default INDArray gram(INDArray x) {
    return Gram.symmetric(this, x);
  }

  /**
   * The cross Gram matrix K_ij = k(x_i, y_j).
   *
   * @param x {@code [m, d]}
   * @param y {@code [n, d]}
   * @return {@code [m, n]} double
   */
  default INDArray gram(INDArray x, INDArray y) {
    return Gram.cross(this, x, y);
  }

  /**
   * The gradient with respect to x of a kernel expansion, g(x_m) = ∇ₓ Σ_n w_n k(x_m, c_n) — the
   * derivative of a kernel model's prediction (e.g. minus the force of a learned potential).
   *
   * @param x query points {@code [m, d]}
   * @param centres the expansion's centres {@code [n, d]} (the training inputs)
   * @param weights {@code [n]} or {@code [n, 1]} (the dual coefficients)
   * @return {@code [m, d]}
   */
  default INDArray weightedGradient(INDArray x, INDArray centres, INDArray weights) {
    return Gram.weightedGradient(this, x, centres, weights);
  }
}
