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
   * The entries of {@code a} as one flat row-major double array (a copy): one bulk copy when {@code a} is a {@link
   * #contiguous} DOUBLE array (a copy through {@code dup} and {@code asDouble} took ≈ 0.5–1.4 ms for 20 000 values on
   * this project's 2-core VM).
   *
   * @param a an array of any shape and floating or integer type
   * @return its entries, row-major, as doubles
   */
  public static double[] flat(INDArray a) {
    if (a.dataType() == DataType.DOUBLE && contiguous(a)) {
      double[] out = new double[Math.toIntExact(a.length())];
      if (out.length > 0) a.data().asNioDouble().get(out);
      return out;
    }
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
   * The entries of {@code a} as one flat row-major float array (a copy): one bulk copy when {@code a} is a dense
   * FLOAT array in row order (ND4J's {@code toFloatVector} moves one indexed element at a time, milliseconds per
   * million values until the JIT has compiled it).
   *
   * @param a an array of any shape and floating type
   * @return its entries, row-major, as floats
   */
  public static float[] floats(INDArray a) {
    float[] out = new float[Math.toIntExact(a.length())];
    if (out.length > 0) dense(a).data().asNioFloat().get(out);
    return out;
  }

  /**
   * Rows {@code [from, from + rows)} of a matrix {@code [n, d]} into {@code dest} (its first rows·d values, row-major,
   * as floats): one bulk copy when {@code a} is a dense FLOAT matrix in row order, else through a float copy of the
   * rows.
   *
   * @param a a matrix {@code [n, d]}
   * @param from the first row (0 ≤ from ≤ n − rows)
   * @param rows the number of rows (≥ 0)
   * @param dest receives the values, at least rows·d long
   * @throws IllegalArgumentException when the rows lie outside the matrix or {@code dest} is too short (values named)
   */
  public static void readRows(INDArray a, int from, int rows, float[] dest) {
    Checks.matrix(a, "a");
    long d = a.columns(), count = rows * d;
    if (from < 0 || rows < 0 || from + (long) rows > a.rows() || dest.length < count) {
      throw new IllegalArgumentException("Matrices.readRows needs 0 <= from <= from + rows <= " + a.rows()
          + " (the matrix's rows) and room for rows x " + d + " values. Got from " + from + ", rows " + rows
          + " and " + dest.length + " values of room instead.");
    }
    if (count == 0) return;
    INDArray f = dense(a);
    if (f == a) {
      f.data().asNioFloat().position(Math.toIntExact(from * d)).get(dest, 0, (int) count);
    } else {
      f.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + rows), org.nd4j.linalg.indexing.NDArrayIndex.all())
          .dup('c').data().asNioFloat().get(dest, 0, (int) count);
    }
  }

  /**
   * A new flat FLOAT vector holding {@code values} (one bulk copy).
   *
   * @param values the values
   * @return a vector of {@code values.length} entries
   */
  public static INDArray floatVector(float[] values) {
    if (values.length == 0) return Nd4j.createFromArray(values);
    return floatMatrix(values, 1, values.length).reshape(values.length);
  }

  /**
   * A new FLOAT matrix {@code [rows, columns]} holding the first rows·columns of {@code values} (row-major; one bulk
   * copy).
   *
   * @param values the values, at least rows·columns long
   * @param rows the number of rows (≥ 1)
   * @param columns the number of columns (≥ 1)
   * @return the matrix, in row order
   */
  public static INDArray floatMatrix(float[] values, int rows, int columns) {
    INDArray m = Nd4j.createUninitialized(DataType.FLOAT, rows, columns);
    m.data().asNioFloat().put(values, 0, Math.multiplyExact(rows, columns));
    return m;
  }

  /**
   * Whether {@code a}'s values are its whole buffer in row order — c order, not a view, starting at the buffer's start
   * and as long as it — so that the buffer can be read or written in bulk as the array's values.
   *
   * @param a an array
   * @return true when a bulk read of {@code a.data()} gives a's values in row order
   */
  public static boolean contiguous(INDArray a) {
    return a.ordering() == 'c' && !a.isView() && a.offset() == 0 && a.data().length() == a.length();
  }

  /** {@code a} itself when it is a {@link #contiguous} FLOAT array, else a FLOAT copy in row order. */
  private static INDArray dense(INDArray a) {
    return a.dataType() == DataType.FLOAT && contiguous(a) ? a : a.castTo(DataType.FLOAT).dup('c');
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
