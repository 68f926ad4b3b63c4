package org.mlmp.molecular;

/**
 * A one-dimensional symmetric double well E(x) = h (x²/w² − 1)², with minima at x = ±w (E = 0) and a
 * barrier of height h at x = 0; the force is F = −4h x (x²/w² − 1)/w². Units: x in the units of w,
 * E in the units of h (a model of, e.g., the ammonia inversion coordinate).
 *
 * @param barrier h > 0
 * @param halfWidth w > 0, the position of the minima
 */
public record DoubleWell(double barrier, double halfWidth) implements Potential {
  /**
   * Validates the parameters.
   *
   * @param barrier h > 0
   * @param halfWidth w > 0, the position of the minima
   * @throws IllegalArgumentException when {@code barrier} or {@code halfWidth} is not a positive finite number
   */
  public DoubleWell {
    if (!(barrier > 0) || Double.isInfinite(barrier)) {
      throw new IllegalArgumentException("The 'barrier' parameter of DoubleWell must be a finite number > 0. Got "
          + barrier + " instead.");
    }
    if (!(halfWidth > 0) || Double.isInfinite(halfWidth)) {
      throw new IllegalArgumentException("The 'halfWidth' parameter of DoubleWell must be a finite number > 0. Got "
          + halfWidth + " instead.");
    }
  }

  @Override
  public int dimension() {
    return 1;
  }

  @Override
  public double energy(double[] q) {
    checkDimension(q);
    double u = q[0] * q[0] / (halfWidth * halfWidth) - 1;
    return barrier * u * u;
  }

  @Override
  public double[] force(double[] q) {
    checkDimension(q);
    double u = q[0] * q[0] / (halfWidth * halfWidth) - 1;
    return new double[] {-4 * barrier * q[0] * u / (halfWidth * halfWidth)};
  }

  /**
   * The double-well potential with this barrier and half-width.
   *
   * @param barrier the barrier height h &gt; 0
   * @param halfWidth w &gt; 0, the distance of each minimum from the origin
   * @return the potential
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static DoubleWell of(double barrier, double halfWidth) {
    return new DoubleWell(barrier, halfWidth);
  }
}
