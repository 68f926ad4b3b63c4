package org.mlmp.molecular;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A map from coordinates q {@code [inputDimension]} to a feature vector D(q) {@code [size]} for a
 * regression model, with its Jacobian ∂D/∂q where it exists (needed for forces F = −(∂D/∂q)ᵀ ∇_D E).
 */
public interface Descriptor {
  int inputDimension();

  int size();

  /** D(q). */
  double[] of(double[] q);

  /**
   * The Jacobian J_ab = ∂D_a/∂q_b, {@code [size][inputDimension]}.
   *
   * @throws UnsupportedOperationException where D has no usable derivative (the sorted Coulomb matrix)
   */
  double[][] jacobian(double[] q);

  /** D for every row of qs, as a double matrix {@code [n, size]}. */
  default INDArray transform(double[][] qs) {
    double[][] out = new double[qs.length][];
    for (int i = 0; i < qs.length; i++) out[i] = of(qs[i]);
    return Nd4j.createFromArray(out);
  }

  /** Throws if q has the wrong length. */
  default void checkInput(double[] q) {
    if (q == null || q.length != inputDimension()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " takes " + inputDimension()
          + " coordinates. Got " + (q == null ? "null" : Integer.toString(q.length)) + " instead.");
    }
  }
}
