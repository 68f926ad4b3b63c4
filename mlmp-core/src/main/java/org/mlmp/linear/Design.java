package org.mlmp.linear;

import java.util.Arrays;
import org.mlmp.data.Dataset;
import org.mlmp.data.Standardization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training data of a linear fit in the space where it is solved: z_ij = (x_ij − c_j) / s_j and
 * t_i = y_i − ȳ, where c_j is the column mean when the intercept is fitted or the data standardised
 * (else 0), s_j the 1/N standard deviation when standardised (else 1; a constant column gets 1), and
 * ȳ the target mean when the intercept is fitted (else 0). A fit w in that space maps back to the raw
 * columns as coef_j = w_j / s_j and intercept = ȳ − Σ_j c_j coef_j (see {@link #rawCoef} and
 * {@link #rawIntercept}).
 *
 * <p>Fast path: the centring is one rank-1 {@code Nd4j.gemm} update of the (copied) data, x − 1 cᵀ, done
 * on the data themselves rather than by correcting XᵀX afterwards, so no digits are lost to
 * cancellation; the Gram matrix is one more {@code Nd4j.gemm}, and the scaling by s is applied to the
 * d×d result. Row-wise Java arrays of z are only materialised for the solvers that need them
 * (Householder QR, mini-batch gradient descent, perceptron, logistic regression).
 */
final class Design {
  final int n;
  final int d;
  /** x − 1 cᵀ, [n, d], c order, in the design's precision (not yet divided by s). */
  private final INDArray centred;
  /** The centred target t, length n (null for unsupervised use). */
  final double[] t;
  final double[] center;
  final double[] scale;
  final double yMean;
  final boolean fitIntercept;
  final boolean standardize;
  final Precision precision;
  private double[] z;

  private Design(int n, int d, INDArray centred, double[] t, double[] center, double[] scale, double yMean,
      boolean fitIntercept, boolean standardize, Precision precision) {
    this.n = n;
    this.d = d;
    this.centred = centred;
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
   *     descent, perceptron and logistic regression, which fit the intercept as an explicit weight on a
   *     column of ones)
   */
  static Design of(Dataset data, double[] y, boolean fitIntercept, boolean standardize, boolean centre,
      Precision precision) {
    DataType dt = precision.dataType();
    INDArray x = data.x(); // a copy we own
    if (x.dataType() != dt) x = x.castTo(dt);
    if (x.ordering() != 'c' || x.isView()) x = x.dup('c');
    int n = (int) x.rows(), d = (int) x.columns();
    double[] center = new double[d], scale = new double[d];
    Arrays.fill(scale, 1);
    // column sums by one gemm: NaN or ±∞ anywhere in x makes its column sum non-finite, so the full
    // element-wise check (which names the row and column) only runs when there is something to report
    INDArray ones = Nd4j.ones(dt, n, 1);
    INDArray sums = Nd4j.create(dt, new long[] {1, d}, 'c');
    Nd4j.gemm(ones, x, sums, true, false, 1.0, 0.0);
    double[] s = sums.castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(s[j])) {
        data.requireFinite();
        throw new IllegalArgumentException("x column " + j + " sums to " + s[j] + " in " + dt.name().toLowerCase()
            + " precision: its values are too large; rescale the feature.");
      }
    }
    if ((fitIntercept && centre) || standardize) {
      for (int j = 0; j < d; j++) center[j] = s[j] / n;
      INDArray mean = Nd4j.createFromArray(center).castTo(dt).reshape(1, d);
      Nd4j.gemm(ones, mean, x, false, false, -1.0, 1.0); // x ← x − 1 cᵀ
      if (standardize) {
        double[] norms = x.norm2(0).castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
        for (int j = 0; j < d; j++) {
          scale[j] = norms[j] / Math.sqrt(n);
          if (!(scale[j] > 0) || !Double.isFinite(scale[j])) scale[j] = 1;
        }
      }
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
    return new Design(n, d, x, t, center, scale, yMean, fitIntercept, standardize, precision);
  }

  /**
   * The single target column as doubles, checked to be finite (the features are checked in
   * {@link #of(Dataset, double[], boolean, boolean, boolean, Precision)}).
   */
  static double[] target(Dataset data, String owner) {
    if (!data.hasTargets()) {
      throw new IllegalArgumentException(owner + " needs targets y; the data set has none.");
    }
    INDArray y = data.y();
    org.mlmp.api.Checks.finite(y, "y");
    if (y.rank() == 2 && y.columns() != 1) {
      throw new IllegalArgumentException(owner + " fits one target; y has shape " + Arrays.toString(y.shape())
          + ". Fit one model per target column.");
    }
    return y.castTo(DataType.DOUBLE).reshape(y.length()).toDoubleVector();
  }

  /** z row-major n×d in double precision (materialised on first use). */
  double[] z() {
    if (z == null) {
      double[] v = centred.castTo(DataType.DOUBLE).data().asDouble();
      boolean scaled = false;
      for (double s : scale) scaled |= s != 1;
      if (scaled) {
        double[] inv = new double[d];
        for (int j = 0; j < d; j++) inv[j] = 1 / scale[j];
        for (int i = 0; i < n; i++) for (int j = 0, o = i * d; j < d; j++) v[o + j] *= inv[j];
      }
      z = v;
    }
    return z;
  }

  /**
   * zᵀz (d×d), zᵀt (length d), tᵀt and, for designs that are not centred, the column sums zᵀ1, by
   * {@code Nd4j.gemm} in the design's precision.
   */
  Gram gram() {
    DataType dt = centred.dataType();
    INDArray g = Nd4j.create(dt, new long[] {d, d}, 'f');
    Nd4j.gemm(centred, centred, g, true, false, 1.0, 0.0);
    double[][] gm = g.castTo(DataType.DOUBLE).toDoubleMatrix();
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double v = gm[j][i] / (scale[i] * scale[j]); // exact symmetry from the upper triangle
        gm[i][j] = v;
        gm[j][i] = v;
      }
    }
    double[] c = null;
    double tt = 0;
    if (t != null) {
      INDArray ta = Nd4j.create(t, new long[] {n, 1}, 'c').castTo(dt);
      INDArray ca = Nd4j.create(dt, new long[] {d, 1}, 'f');
      Nd4j.gemm(centred, ta, ca, true, false, 1.0, 0.0);
      c = ca.castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
      for (int j = 0; j < d; j++) c[j] /= scale[j];
      tt = Dense.dot(t, t);
    }
    return new Gram(gm, c, tt, n);
  }

  /** The column sums of z, Σ_i z_ij (0 up to round-off when centred). */
  double[] columnSums() {
    DataType dt = centred.dataType();
    INDArray sums = Nd4j.create(dt, new long[] {1, d}, 'c');
    Nd4j.gemm(Nd4j.ones(dt, n, 1), centred, sums, true, false, 1.0, 0.0);
    double[] s = sums.castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
    for (int j = 0; j < d; j++) s[j] /= scale[j];
    return s;
  }

  /** The columns of z, each of length n (for Householder QR). */
  double[][] columns() {
    double[] v = z();
    double[][] cols = new double[d][n];
    for (int i = 0; i < n; i++) for (int j = 0, o = i * d; j < d; j++) cols[j][i] = v[o + j];
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
