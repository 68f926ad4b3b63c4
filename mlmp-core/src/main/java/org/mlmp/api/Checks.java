package org.mlmp.api;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Input validation with messages that name the value received and the fix. */
public final class Checks {
  private Checks() {}

  /** x must be a matrix {@code [nSamples, nFeatures]} with at least one row and column. */
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

  /** The fitted model's feature count must match x's. */
  public static void featureCount(INDArray x, int expected, String modelName) {
    matrix(x, "x");
    if (x.columns() != expected) {
      throw new IllegalArgumentException("x has " + x.columns() + " features, but " + modelName
          + " was fitted with " + expected + " features.");
    }
  }

  /** Every entry must be finite; the message names the first bad row and column (0-based). */
  public static void finite(INDArray a, String name) {
    if (a == null) return;
    if (!a.dataType().isFPType()) return;
    // fast path: one reduction; a NaN or ±∞ anywhere makes the sum non-finite (a finite sum proves none)
    if (Double.isFinite(a.sumNumber().doubleValue())) return;
    INDArray d = a.rank() == 1 ? a.reshape(a.length(), 1) : a;
    if (d.rank() != 2) d = d.reshape(d.size(0), d.length() / Math.max(1, d.size(0)));
    double[] v = Matrices.flat(d);
    long cols = d.columns();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(name + " contains " + v[i] + " at row " + (i / cols) + ", column "
            + (i % cols) + " (0-based). Remove or impute missing values before fitting.");
      }
    }
  }

  /**
   * A parameter that must be in a range (NaN never is); the message follows scikit-learn's wording, e.g.
   * "The 'gamma' parameter of Reinforce must be in the range [0, 1]. Got -0.1 instead."
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

  /** A parameter that must be > 0 (NaN never is): "The 'epsilon' parameter of Adam must be > 0. Got 0.0 instead." */
  public static double positive(String param, String owner, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException("The '" + param + "' parameter of " + owner + " must be > 0. Got " + value
          + " instead.");
    }
    return value;
  }

  /** A count that must be >= 1: "The 'epochs' parameter of NeuralNet must be >= 1. Got 0 instead." */
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
