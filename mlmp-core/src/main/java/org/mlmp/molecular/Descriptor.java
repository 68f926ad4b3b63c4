package org.mlmp.molecular;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A map from coordinates q {@code [inputDimension]} to a feature vector D(q) {@code [size]} for a
 * regression model, with its Jacobian ∂D/∂q where it exists (needed for forces F = −(∂D/∂q)ᵀ ∇_D E).
 */
public interface Descriptor {
  /**
   * The length of the coordinate vector q the descriptor takes.
   *
   * @return e.g. 3N for N atoms
   */
  int inputDimension();

  /**
   * The length of the feature vector D(q).
   *
   * @return the number of features
   */
  int size();

  /**
   * The features D(q).
   *
   * @param q coordinates {@code [inputDimension]}
   * @return D(q) {@code [size]}
   * @throws IllegalArgumentException when q has the wrong length
   */
  double[] of(double[] q);

  /**
   * The Jacobian J_ab = ∂D_a/∂q_b, {@code [size][inputDimension]}.
   *
   * @param q coordinates {@code [inputDimension]}
   * @return J {@code [size][inputDimension]}
   * @throws UnsupportedOperationException where D has no usable derivative (the sorted Coulomb matrix)
   */
  double[][] jacobian(double[] q);

  /**
   * D for every row of qs, as a double matrix {@code [n, size]}.
   *
   * @param qs configurations {@code [n][inputDimension]}
   * @return the features, one row per configuration
   */
  default INDArray transform(double[][] qs) {
    double[][] out = new double[qs.length][];
    for (int i = 0; i < qs.length; i++) out[i] = of(qs[i]);
    return Nd4j.createFromArray(out);
  }

  /**
   * Throws if q has the wrong length.
   *
   * @param q the coordinates to check
   * @throws IllegalArgumentException naming the expected and the received length
   */
  default void checkInput(double[] q) {
    if (q == null || q.length != inputDimension()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " takes " + inputDimension()
          + " coordinates. Got " + (q == null ? "null" : Integer.toString(q.length)) + " instead.");
    }
  }
}
