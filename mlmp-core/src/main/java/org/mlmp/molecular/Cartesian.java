package org.mlmp.molecular;

/**
 * The coordinates themselves, D(q) = q (Jacobian: the identity) — for low-dimensional model surfaces
 * such as {@link MullerBrown}, where no symmetry needs to be built in.
 *
 * @param dimension length of q, >= 1
 */
public record Cartesian(int dimension) implements Descriptor {
  /**
   * Validates the dimension.
   *
   * @param dimension length of q, >= 1
   * @throws IllegalArgumentException when {@code dimension < 1}
   */
  public Cartesian {
    if (dimension < 1) {
      throw new IllegalArgumentException("The 'dimension' parameter of Cartesian must be >= 1. Got " + dimension
          + " instead.");
    }
  }

  @Override
  public int inputDimension() {
    return dimension;
  }

  @Override
  public int size() {
    return dimension;
  }

  @Override
  public double[] of(double[] q) {
    checkInput(q);
    return q.clone();
  }

  @Override
  public double[][] jacobian(double[] q) {
    checkInput(q);
    double[][] j = new double[dimension][dimension];
    for (int i = 0; i < dimension; i++) j[i][i] = 1;
    return j;
  }

  /**
   * The raw coordinates as descriptor.
   *
   * @param dimension the number of coordinates, ≥ 1
   * @return the descriptor
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static Cartesian of(int dimension) {
    return new Cartesian(dimension);
  }
}
