package org.mlmp.linear;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The floating-point precision of a linear fit's large array operations (the Gram matrix XᵀX, Xᵀy and
 * predictions). {@link #DOUBLE} is the default: linear fits are small and accuracy-sensitive. With
 * {@link #FLOAT}, the O(N·d²) products run in single precision (about twice as fast) while the small
 * d×d solves stay in double; expect about 7 significant digits at best.
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
