package org.mlmp.linear;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The floating-point precision of a linear fit's large array operations. {@link #DOUBLE} is the default:
 * linear fits are small and accuracy-sensitive. {@link #FLOAT}, on request, runs the O(N·d) and O(N·d²)
 * work in single precision, while the small d×d solves and all sums of per-row terms stay in double;
 * expect about 6–7 significant digits at best:
 * <ul>
 *   <li>{@link Ridge}, {@link OrdinaryLeastSquares}, {@link Lasso}, {@link ElasticNet},
 *       {@link GradientDescent}, {@link LeastSquaresClassifier}: the Gram matrix XᵀX and Xᵀy
 *       ({@code ssyrk}, block by block, the blocks summed in double);
 *   <li>{@link LogisticRegression}: the rows held in float (half the memory) and the Newton Hessian's
 *       product in float;
 *   <li>{@link Perceptron}: rows, weights and f(x) in float.
 * </ul>
 */
public enum Precision {
  DOUBLE(DataType.DOUBLE),
  FLOAT(DataType.FLOAT);

  private final DataType dataType;

  Precision(DataType dataType) {
    this.dataType = dataType;
  }

  /** The ND4J data type of the arrays. */
  public DataType dataType() {
    return dataType;
  }
}
