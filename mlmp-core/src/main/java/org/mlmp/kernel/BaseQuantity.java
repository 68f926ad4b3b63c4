package org.mlmp.kernel;

/**
 * The quantity of a pair of points a {@link Kernel} is a function of, which every Gram path computes
 * first for all pairs: the CPU path by one {@code dsyrk}/{@code dgemm} (dot products, also for the
 * squared distances ‖x‖² + ‖x'‖² − 2 x·x') or a Java loop (L1 distances), the backend-generic path by
 * {@code Nd4j.gemm} or element-wise ops ({@link Gram}).
 */
public enum BaseQuantity {
  /** x·x' (linear, polynomial). */
  DOT_PRODUCT,
  /** ‖x − x'‖²₂ (Gaussian, radial). */
  SQUARED_DISTANCE,
  /** ‖x − x'‖₁ (Laplacian). */
  L1_DISTANCE;

  /**
   * Whether the quantity, and so the kernel, is invariant under a common translation of both points: the
   * Gram paths then centre the data on the reference set's mean first (the squared distances from dot
   * products cancel badly far from the origin) and write the exact k(0) on the diagonal.
   */
  /**
   * Whether the quantity is translation invariant (see above).
   *
   * @return true for the two distances, false for the dot product
   */
  public boolean translationInvariant() {
    return this != DOT_PRODUCT;
  }

  /**
   * The quantity for two points of equal length, computed directly.
   *
   * @param a the first point
   * @param b the second point, of the same length
   * @return b(a, b)
   * @throws IllegalArgumentException when the lengths differ
   */
  public double of(double[] a, double[] b) {
    Gram.sameLength(a, b);
    double s = 0;
    switch (this) {
      case DOT_PRODUCT:
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
      case SQUARED_DISTANCE:
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
      case L1_DISTANCE:
        for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
        return s;
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * The squared distance ‖a‖² + ‖b‖² − 2 a·b from the squared norms and the dot product, clamped at 0
   * (round-off can make it negative for close points).
   */
  static double squaredDistance(double normA, double normB, double dot) {
    double r2 = normA + normB - 2 * dot;
    return r2 > 0 ? r2 : 0;
  }
}
