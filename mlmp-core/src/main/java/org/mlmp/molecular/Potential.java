package org.mlmp.molecular;

/**
 * A potential-energy surface E(q) over a flat coordinate vector q (for N atoms in 3D, q =
 * (x₁, y₁, z₁, …, x_N, y_N, z_N)) with its exact forces F = −∇E. Units are those of the implementation
 * (each says which).
 */
public interface Potential {
  /**
   * Length of the coordinate vector q.
   *
   * @return e.g. 2 for a surface in the plane, 3N for N atoms
   */
  int dimension();

  /**
   * The potential energy.
   *
   * @param q coordinates {@code [dimension]}
   * @return E(q), in the implementation's energy unit
   */
  double energy(double[] q);

  /**
   * The force.
   *
   * @param q coordinates {@code [dimension]}
   * @return F(q) = −∇E(q), same length as q
   */
  double[] force(double[] q);

  /**
   * Throws if q has the wrong length.
   *
   * @param q the coordinates to check
   * @throws IllegalArgumentException naming the expected and the received length
   */
  default void checkDimension(double[] q) {
    if (q == null || q.length != dimension()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " takes " + dimension()
          + " coordinates. Got " + (q == null ? "null" : Integer.toString(q.length)) + " instead.");
    }
  }
}
