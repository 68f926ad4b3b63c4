package org.mlmp.api;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The floating-point precision of a fit's large array operations. {@link #DOUBLE} is the default for
 * the linear and kernel fits: they are small and accuracy-sensitive. {@link #FLOAT}, on request (and the
 * natural choice on a GPU), runs the heavy O(N·d), O(N·d²) or O(N²) work in single precision; expect
 * about 6–7 significant digits at best. What each family does with it:
 * <ul>
 *   <li>linear models ({@link org.mlmp.linear}): {@code Ridge}, {@code OrdinaryLeastSquares}, {@code Lasso},
 *       {@code ElasticNet}, {@code GradientDescent}, {@code LeastSquaresClassifier} form the Gram matrix XᵀX
 *       and Xᵀy in float ({@code ssyrk}, block by block, the blocks summed in double) while the small d×d
 *       solves stay in double; {@code LogisticRegression} holds its rows in float and forms the Newton
 *       Hessian's product in float; {@code Perceptron} keeps rows, weights and f(x) in float;
 *   <li>kernel ridge regression ({@link org.mlmp.kernelmethods.KernelRidge}): the Gram matrix, its Cholesky
 *       factor and the solves in float, through ND4J operations only (the backend-generic path).
 * </ul>
 */
public enum Precision {
  /** 64-bit: about 15–16 significant digits; the default. */
  DOUBLE(DataType.DOUBLE),
  /** 32-bit for the heavy products: about 6–7 significant digits, half the memory. */
  FLOAT(DataType.FLOAT);

  private final DataType dataType;

  Precision(DataType dataType) {
    this.dataType = dataType;
  }

  /**
   * The ND4J data type of the arrays.
   *
   * @return DOUBLE or FLOAT
   */
  public DataType dataType() {
    return dataType;
  }
}
