package org.mlmp.linear;

import java.util.Arrays;
import org.mlmp.api.Checks;
import org.mlmp.data.Dataset;
import org.mlmp.data.Standardization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training data of a linear fit in the space where it is solved: z_ij = (x_ij − c_j) / s_j and
 * t_i = y_i − ȳ, where c_j is the column mean when the intercept is fitted or the data standardised
 * (else 0), s_j the 1/N standard deviation when standardised (else 1), and ȳ the target mean when the
 * intercept is fitted (else 0). A fit w in that space maps back to the raw columns as
 * coef_j = w_j / s_j and intercept = ȳ − Σ_j c_j coef_j (see {@link #rawCoef} and {@link #rawIntercept}).
 * Centring is done explicitly on the data (not by updating XᵀX), so no digits are lost to cancellation.
 */
final class Design {
  final int n;
  final int d;
  /** z, row-major n×d. */
  final double[] z;
  /** The centred target t, length n (null for unsupervised use). */
  final double[] t;
  final double[] center;
  final double[] scale;
  final double yMean;
  final boolean fitIntercept;
  final boolean standardize;
  final Precision precision;

  private Design(int n, int d, double[] z, double[] t, double[] center, double[] scale, double yMean,
      boolean fitIntercept, boolean standardize, Precision precision) {
    this.n = n;
    this.d = d;
    this.z = z;
    this.t = t;
    this.center = center;
    this.scale = scale;
    this.yMean = yMean;
    this.fitIntercept = fitIntercept;
    this.standardize = standardize;
    this.precision = precision;
  }

  /** Checks the data (finite, one target column) and builds the design. */
  static Design of(Dataset data, String owner, boolean fitIntercept, boolean standardize, boolean centre,
      Precision precision) {
    double[] y = target(data, owner);
    return of(data, y, fitIntercept, standardize, centre, precision);
  }

  /**
   * @param centre whether to centre x by its means when the intercept is fitted (false for gradient
   *     descent, which fits the intercept as an explicit weight on a column of ones)
   */
  static Design of(Dataset data, double[] y, boolean fitIntercept, boolean standardize, boolean centre,
      Precision precision) {
    INDArray x = data.x();
    int n = (int) x.rows(), d = (int) x.columns();
    double[] z = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[] center = new double[d], scale = new double[d];
    Arrays.fill(scale, 1);
    if ((fitIntercept && centre) || standardize) {
      for (int i = 0; i < n; i++) for (int j = 0, o = i * d; j < d; j++) center[j] += z[o + j];
      for (int j = 0; j < d; j++) center[j] /= n;
      if (standardize) {
        // the same scale as org.mlmp.data.Standardization: 1/N standard deviation, constant column -> 1
        Standardization s = Standardization.fit(x);
        scale = s.scale();
        center = s.mean();
      }
    }
    double[] inv = new double[d];
    for (int j = 0; j < d; j++) inv[j] = 1 / scale[j];
    for (int i = 0; i < n; i++) {
      for (int j = 0, o = i * d; j < d; j++) z[o + j] = (z[o + j] - center[j]) * inv[j];
    }
    double yMean = 0;
    double[] t = null;
    if (y != null) {
      t = y.clone();
      if (fitIntercept && centre) {
        for (double v : t) yMean += v;
        yMean /= n;
        for (int i = 0; i < n; i++) t[i] -= yMean;
      }
    }
    return new Design(n, d, z, t, center, scale, yMean, fitIntercept, standardize, precision);
  }

  /** The single target column as doubles, after checking that the data are finite. */
  static double[] target(Dataset data, String owner) {
    if (!data.hasTargets()) {
      throw new IllegalArgumentException(owner + " needs targets y; the data set has none.");
    }
    data.requireFinite();
    INDArray y = data.y();
    if (y.rank() == 2 && y.columns() != 1) {
      throw new IllegalArgumentException(owner + " fits one target; y has shape " + Arrays.toString(y.shape())
          + ". Fit one model per target column.");
    }
    return y.castTo(DataType.DOUBLE).reshape(y.length()).toDoubleVector();
  }

  /** z as an ND4J matrix [n, d] in the design's precision. */
  INDArray zArray() {
    INDArray a = Nd4j.create(z, new long[] {n, d}, 'c');
    return precision == Precision.DOUBLE ? a : a.castTo(precision.dataType());
  }

  /** zᵀz (d×d) and zᵀt (length d) by one {@code Nd4j.gemm} each, in the design's precision. */
  Gram gram() {
    INDArray za = zArray();
    DataType dt = za.dataType();
    INDArray g = Nd4j.create(dt, new long[] {d, d}, 'f');
    Nd4j.gemm(za, za, g, true, false, 1.0, 0.0);
    double[][] gm = g.castTo(DataType.DOUBLE).toDoubleMatrix();
    for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) gm[i][j] = gm[j][i]; // exact symmetry
    double[] c = null;
    double tt = 0;
    if (t != null) {
      INDArray ta = Nd4j.create(t, new long[] {n, 1}, 'c').castTo(dt);
      INDArray ca = Nd4j.create(dt, new long[] {d, 1}, 'f');
      Nd4j.gemm(za, ta, ca, true, false, 1.0, 0.0);
      c = ca.castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
      tt = Dense.dot(t, t);
    }
    return new Gram(gm, c, tt, n);
  }

  /** The columns of z, each of length n (for Householder QR). */
  double[][] columns() {
    double[][] cols = new double[d][n];
    for (int i = 0; i < n; i++) for (int j = 0, o = i * d; j < d; j++) cols[j][i] = z[o + j];
    return cols;
  }

  double[] rawCoef(double[] w) {
    double[] coef = new double[d];
    for (int j = 0; j < d; j++) coef[j] = w[j] / scale[j];
    return coef;
  }

  /** ȳ − Σ c_j coef_j (0 without intercept unless the data were standardised). */
  double rawIntercept(double[] coef) {
    double b = fitIntercept ? yMean : 0;
    for (int j = 0; j < d; j++) b -= center[j] * coef[j];
    return b;
  }

  /** The standardisation used, or null. */
  Standardization standardization() {
    return standardize ? new Standardization(center, scale) : null;
  }

  /** Features {@code [n, d]} checked against the number of features a trainer needs. */
  static void requireFeatures(Dataset data, int atLeast, String owner) {
    Checks.matrix(data.x(), "x");
    if (data.nFeatures() < atLeast) {
      throw new IllegalArgumentException(owner + " needs at least " + atLeast + " feature(s); x has "
          + data.nFeatures() + ".");
    }
  }

  /**
   * zᵀz, zᵀt and tᵀt of a design, with N.
   *
   * @param g zᵀz, d×d
   * @param c zᵀt, length d
   * @param tt tᵀt
   * @param n number of rows N
   */
  record Gram(double[][] g, double[] c, double tt, int n) {}
}
