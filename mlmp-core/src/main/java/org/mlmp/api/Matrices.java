package org.mlmp.api;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between ND4J arrays and Java arrays, in double precision, through one flat buffer copy.
 * ND4J's own {@code toDoubleMatrix} / {@code createFromArray(double[][])} go element by element and were
 * measured at seconds on 100 000 × 200 matrices; these take milliseconds.
 */
public final class Matrices {
  private Matrices() {}

  /**
   * The entries of {@code a} as one flat row-major double array (a copy).
   *
   * @param a an array of any shape and floating or integer type
   * @return its entries, row-major, as doubles
   */
  public static double[] flat(INDArray a) {
    INDArray d = a.castTo(DataType.DOUBLE);
    if (d == a) d = a.dup('c');
    else if (d.ordering() != 'c' || d.isView()) d = d.dup('c');
    return d.data().asDouble();
  }

  /**
   * The rows of a matrix {@code [n, d]} as {@code double[n][d]} (a copy).
   *
   * @param a a non-empty matrix
   * @return its rows
   * @throws IllegalArgumentException when {@code a} is not a non-empty matrix
   */
  public static double[][] rows(INDArray a) {
    Checks.matrix(a, "a");
    int n = (int) a.rows(), d = (int) a.columns();
    double[] flat = flat(a);
    double[][] out = new double[n][d];
    for (int i = 0; i < n; i++) System.arraycopy(flat, i * d, out[i], 0, d);
    return out;
  }

  /**
   * A {@code [n, d]} double matrix holding these rows (rows of equal length d ≥ 1).
   *
   * @param rows the rows, all of length d
   * @return a new DOUBLE matrix {@code [n, d]}
   */
  public static INDArray fromRows(double[][] rows) {
    int n = rows.length, d = rows[0].length;
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) System.arraycopy(rows[i], 0, flat, i * d, d);
    return Nd4j.createFromArray(flat).reshape(n, d);
  }

  /**
   * The samples of a plain-Java predict call as a double matrix {@code [nSamples, nFeatures]}, after
   * checking the shape: at least one row, every row of the model's feature count (the message names the
   * row and both counts).
   */
  static INDArray samples(double[][] x, int nFeatures, String modelName) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException("x " + (x == null ? "is null" : "has no rows") + "; expected double[nSamples]["
          + nFeatures + "] for " + modelName + ".");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null || x[i].length != nFeatures) {
        throw new IllegalArgumentException("x[" + i + "] has " + (x[i] == null ? "no array (null)" : x[i].length
            + " features") + ", but " + modelName + " was fitted with " + nFeatures + " features.");
      }
    }
    return fromRows(x);
  }

  /** One sample of a plain-Java predict call as a {@code [1, nFeatures]} matrix, its length checked. */
  static INDArray sample(double[] sample, int nFeatures, String modelName) {
    if (sample == null || sample.length != nFeatures) {
      throw new IllegalArgumentException("The sample has " + (sample == null ? "no array (null)" : sample.length
          + " features") + ", but " + modelName + " was fitted with " + nFeatures + " features.");
    }
    return fromRows(new double[][] {sample});
  }
}
