package org.mlmp.api;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Input validation with messages that name the value received and the fix. */
public final class Checks {
  private Checks() {}

  /**
   * x must be a matrix {@code [nSamples, nFeatures]} with at least one row and column.
   *
   * @param x the array to check
   * @param name how the message calls it, e.g. "x"
   * @throws IllegalArgumentException when x is null, not of rank 2 or empty (its shape named)
   */
  public static void matrix(INDArray x, String name) {
    if (x == null) throw new IllegalArgumentException(name + " is null; expected a matrix [nSamples, nFeatures].");
    if (x.rank() != 2) {
      throw new IllegalArgumentException(name + " must be a matrix [nSamples, nFeatures]. Got shape "
          + Arrays.toString(x.shape()) + " instead; reshape a single sample to [1, nFeatures].");
    }
    if (x.rows() == 0 || x.columns() == 0) {
      throw new IllegalArgumentException(name + " is empty (shape " + Arrays.toString(x.shape()) + ").");
    }
  }

  /**
   * The fitted model's feature count must match x's.
   *
   * @param x the rows given to the model
   * @param expected the number of features the model was fitted with
   * @param modelName the model, for the message
   * @throws IllegalArgumentException when x is not a non-empty matrix or has another number of columns
   */
  public static void featureCount(INDArray x, int expected, String modelName) {
    matrix(x, "x");
    if (x.columns() != expected) {
      throw new IllegalArgumentException("x has " + x.columns() + " features, but " + modelName
          + " was fitted with " + expected + " features.");
    }
  }

  /**
   * Fit time: every entry must be finite; the message names the first bad row and column (0-based).
   * Integer arrays and null pass.
   *
   * @param a the array to check
   * @param name how the message calls it
   * @throws IllegalArgumentException at the first NaN or ±∞, saying to remove or impute missing values
   */
  public static void finite(INDArray a, String name) {
    finite(a, name, FIT_FIX);
  }

  /**
   * The check at the top of every fitted model's public predict / transform / score entry, before any
   * path choice: x is a matrix {@code [nSamples, nFeatures]} with the model's feature count and only
   * finite entries ({@link #finiteInput(INDArray, String)}).
   *
   * @param x the rows given to the model
   * @param nFeatures the number of features the model was fitted with
   * @param modelName the model, for the message
   * @throws IllegalArgumentException for a wrong shape or feature count, or at the first non-finite entry
   */
  public static void predictInput(INDArray x, int nFeatures, String modelName) {
    featureCount(x, nFeatures, modelName);
    finiteInput(x, "x");
  }

  /**
   * Predict time: every entry must be finite. The message names the first NaN or ±∞ by row and column
   * (0-based) and says to impute or drop that row.
   *
   * @param a the array to check (integer arrays and null pass)
   * @param name how the message calls it
   * @throws IllegalArgumentException at the first NaN or ±∞
   */
  public static void finiteInput(INDArray a, String name) {
    finite(a, name, PREDICT_FIX);
  }

  /**
   * {@link #finiteInput(INDArray, String)} for rows given as Java arrays.
   *
   * @param rows the rows to check
   * @param name how the message calls them
   * @throws IllegalArgumentException at the first NaN or ±∞
   */
  public static void finiteInput(double[][] rows, String name) {
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows[i].length; j++) {
        if (!Double.isFinite(rows[i][j])) throw nonFinite(name, rows[i][j], i, j, PREDICT_FIX);
      }
    }
  }

  /**
   * {@link #finiteInput(INDArray, String)} for one sample given as a Java array (reported as row 0).
   *
   * @param sample the features of one sample
   * @param name how the message calls it
   * @throws IllegalArgumentException at the first NaN or ±∞
   */
  public static void finiteInput(double[] sample, String name) {
    for (int j = 0; j < sample.length; j++) {
      if (!Double.isFinite(sample[j])) throw nonFinite(name, sample[j], 0, j, PREDICT_FIX);
    }
  }

  private static final String FIT_FIX = ". Remove or impute missing values before fitting.";
  private static final String PREDICT_FIX =
      "; a fitted model cannot predict from missing or infinite values: impute or drop that row.";

  private static void finite(INDArray a, String name, String fix) {
    if (a == null) return;
    if (!a.dataType().isFPType()) return;
    // fast path: one reduction; a NaN or ±∞ anywhere makes the sum non-finite (a finite sum proves none)
    if (Double.isFinite(a.sumNumber().doubleValue())) return;
    INDArray d = a.rank() == 1 ? a.reshape(a.length(), 1) : a;
    if (d.rank() != 2) d = d.reshape(d.size(0), d.length() / Math.max(1, d.size(0)));
    double[] v = Matrices.flat(d);
    long cols = d.columns();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) throw nonFinite(name, v[i], i / cols, i % cols, fix);
    }
  }

  private static IllegalArgumentException nonFinite(String name, double value, long row, long column, String fix) {
    return new IllegalArgumentException(name + " contains " + value + " at row " + row + ", column " + column
        + " (0-based)" + fix);
  }

  /**
   * A parameter that must be in a range (NaN never is); the message follows scikit-learn's wording, e.g.
   * "The 'gamma' parameter of Reinforce must be in the range [0, 1]. Got -0.1 instead."
   *
   * @param param the parameter's name
   * @param owner the class it belongs to
   * @param value the value received
   * @param lo the lower bound
   * @param loInclusive whether {@code lo} itself is allowed
   * @param hi the upper bound
   * @param hiInclusive whether {@code hi} itself is allowed
   * @return {@code value}, when in range
   * @throws IllegalArgumentException when {@code value} is outside the range or NaN
   */
  public static double inRange(String param, String owner, double value, double lo, boolean loInclusive,
      double hi, boolean hiInclusive) {
    boolean ok = (loInclusive ? value >= lo : value > lo) && (hiInclusive ? value <= hi : value < hi);
    if (!ok) {
      throw new IllegalArgumentException("The '" + param + "' parameter of " + owner + " must be in the range "
          + (loInclusive ? "[" : "(") + bound(lo) + ", " + bound(hi) + (hiInclusive ? "]" : ")") + ". Got " + value
          + " instead.");
    }
    return value;
  }

  /**
   * A parameter that must be &gt; 0 (NaN never is): "The 'epsilon' parameter of Adam must be &gt; 0. Got 0.0
   * instead."
   *
   * @param param the parameter's name
   * @param owner the class it belongs to
   * @param value the value received
   * @return {@code value}, when positive
   * @throws IllegalArgumentException when {@code value} is not &gt; 0
   */
  public static double positive(String param, String owner, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException("The '" + param + "' parameter of " + owner + " must be > 0. Got " + value
          + " instead.");
    }
    return value;
  }

  /**
   * A count that must be &gt;= 1: "The 'epochs' parameter of NeuralNet must be &gt;= 1. Got 0 instead."
   *
   * @param param the parameter's name
   * @param owner the class it belongs to
   * @param value the value received
   * @return {@code value}, when ≥ 1
   * @throws IllegalArgumentException when {@code value < 1}
   */
  public static int positive(String param, String owner, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("The '" + param + "' parameter of " + owner + " must be >= 1. Got " + value
          + " instead.");
    }
    return value;
  }

  /** A range bound as written in messages: 0 and 1 rather than 0.0 and 1.0. */
  private static String bound(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
