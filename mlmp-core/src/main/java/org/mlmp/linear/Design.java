package org.mlmp.linear;

import org.mlmp.api.Precision;
import java.util.Arrays;
import org.mlmp.api.Matrices;
import org.mlmp.api.Dataset;
import org.mlmp.data.Standardization;

/**
 * The training data of a linear fit in the space where it is solved: z_ij = (x_ij − c_j) / s_j and
 * t_i = y_i − ȳ, where c_j is the column mean when the intercept is fitted or the data standardised
 * (else 0), s_j the 1/N standard deviation when standardised (else 1; a constant column gets 1), and
 * ȳ the target mean when the intercept is fitted (else 0). A fit w in that space maps back to the raw
 * columns as coef_j = w_j / s_j and intercept = ȳ − Σ_j c_j coef_j (see {@link #rawCoef} and
 * {@link #rawIntercept}).
 *
 * <p>Two kinds:
 * <ul>
 *   <li>{@link #of}: for the solvers that work on the Gram matrix (closed form, coordinate descent,
 *       best subset, full-batch gradient descent). zᵀz, zᵀt and the column sums come from one streamed
 *       pass over the data ({@link Moments}: blocks of rows shifted in cache, then {@code ?syrk} — the
 *       data are centred before they are multiplied, so no digits are lost to cancellation), in the
 *       design's precision; the rows of z are only materialised if a solver asks for them ({@link #z()},
 *       e.g. Householder QR when AUTO finds the normal equations ill-conditioned).
 *   <li>{@link #ofRows}: for the solvers that visit the rows (perceptron, logistic regression): z is
 *       materialised at once, in plain Java, in double or float.
 * </ul>
 */
final class Design {
  final int n;
  final int d;
  /** The centred target t, length n (null for unsupervised use). */
  final double[] t;
  final double[] center;
  final double[] scale;
  final double yMean;
  final boolean fitIntercept;
  final boolean standardize;
  final Precision precision;
  private final Dataset data;
  private final NormalEquations gram;
  private final double[] columnSums;
  private double[] z;
  private float[] zf;

  private Design(Dataset data, double[] t, double[] center, double[] scale, double yMean, boolean fitIntercept,
      boolean standardize, Precision precision, NormalEquations gram, double[] columnSums) {
    this.data = data;
    this.n = data.nSamples();
    this.d = data.nFeatures();
    this.t = t;
    this.center = center;
    this.scale = scale;
    this.yMean = yMean;
    this.fitIntercept = fitIntercept;
    this.standardize = standardize;
    this.precision = precision;
    this.gram = gram;
    this.columnSums = columnSums;
  }

  /** Checks the data (finite, one target column) and builds the Gram design. */
  static Design of(Dataset data, String owner, boolean fitIntercept, boolean standardize, boolean centre,
      Precision precision) {
    return build(data, target(data, owner), fitIntercept, standardize, centre, precision); // a fresh y: no copy
  }

  /**
   * The Gram design: zᵀz, zᵀt, tᵀt and zᵀ1 from one streamed pass ({@link Moments}).
   *
   * @param centre whether to centre x by its means when the intercept is fitted (false for gradient
   *     descent, which fits the intercept as an explicit weight on a column of ones)
   */
  static Design of(Dataset data, double[] y, boolean fitIntercept, boolean standardize, boolean centre,
      Precision precision) {
    return build(data, y == null ? null : y.clone(), fitIntercept, standardize, centre, precision);
  }

  /** {@link #of(Dataset, double[], boolean, boolean, boolean, Precision)} taking {@code t} (y, centred in place). */
  private static Design build(Dataset data, double[] t, boolean fitIntercept, boolean standardize, boolean centre,
      Precision precision) {
    int n = data.nSamples(), d = data.nFeatures();
    double yMean = 0, tSum = 0;
    if (t != null) {
      if (fitIntercept && centre) {
        yMean = mean(t);
        for (int i = 0; i < n; i++) t[i] -= yMean;
      }
      for (double v : t) tSum += v;
    }
    boolean centring = (fitIntercept && centre) || standardize;
    Moments m = Moments.of(data, t, centring, precision);
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(m.sums[j]) || !Double.isFinite(m.gram[j][j])) notFinite(data, j, m.sums[j], precision);
    }
    double[] center = new double[d], scale = new double[d], sums = new double[d];
    Arrays.fill(scale, 1);
    double[][] g = m.gram;
    double[] c = m.xt;
    if (centring) {
      // about c = s + sums/N: Σ(x − c)(x − c)ᵀ = Σ(x − s)(x − s)ᵀ − sums sumsᵀ/N, Σ(x − c)t = Σ(x − s)t − (c − s)Σt
      for (int j = 0; j < d; j++) center[j] = m.shift[j] + m.sums[j] / n;
      for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) g[i][j] -= m.sums[i] * m.sums[j] / n;
      for (int j = 0; j < d; j++) {
        sums[j] = m.sums[j] - n * (center[j] - m.shift[j]);
        if (c != null) c[j] -= (m.sums[j] / n) * tSum;
      }
      if (standardize) {
        for (int j = 0; j < d; j++) {
          scale[j] = Math.sqrt(g[j][j] / n);
          if (!(scale[j] > 0) || !Double.isFinite(scale[j])) scale[j] = 1;
        }
      }
    } else {
      sums = m.sums;
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double v = g[j][i] / (scale[i] * scale[j]); // exact symmetry from the upper triangle
        g[i][j] = v;
        g[j][i] = v;
      }
      sums[i] /= scale[i];
      if (c != null) c[i] /= scale[i];
    }
    NormalEquations gram = new NormalEquations(g, c, t == null ? 0 : DenseSolvers.dot(t, t), n);
    return new Design(data, t, center, scale, yMean, fitIntercept, standardize, precision, gram, sums);
  }

  /**
   * The row design: z materialised at once (plain Java), in double, or in float for
   * {@link Precision#FLOAT} ({@link #zFloat()}); the intercept, if fitted, is an explicit weight
   * (x is centred only when standardised).
   */
  static Design ofRows(Dataset data, double[] y, boolean fitIntercept, boolean standardize, Precision precision) {
    int n = data.nSamples(), d = data.nFeatures();
    double[] v = Matrices.flat(data.x());
    double[] sums = new double[d];
    for (int i = 0; i < n; i++) for (int j = 0, o = i * d; j < d; j++) sums[j] += v[o + j];
    for (int j = 0; j < d; j++) if (!Double.isFinite(sums[j])) notFinite(data, j, sums[j], Precision.DOUBLE);
    double[] center = new double[d], scale = new double[d];
    Arrays.fill(scale, 1);
    if (standardize) {
      double[] ss = new double[d];
      for (int j = 0; j < d; j++) center[j] = sums[j] / n;
      for (int i = 0; i < n; i++) {
        for (int j = 0, o = i * d; j < d; j++) {
          double e = v[o + j] - center[j];
          v[o + j] = e;
          ss[j] += e * e;
        }
      }
      for (int j = 0; j < d; j++) {
        scale[j] = Math.sqrt(ss[j] / n);
        if (!(scale[j] > 0) || !Double.isFinite(scale[j])) scale[j] = 1;
      }
      divide(v, scale);
    }
    Design des = new Design(data, y == null ? null : y.clone(), center, scale, 0, fitIntercept, standardize,
        precision, null, null);
    if (precision == Precision.FLOAT) {
      float[] f = new float[v.length];
      for (int k = 0; k < v.length; k++) f[k] = (float) v[k];
      des.zf = f;
    } else {
      des.z = v;
    }
    return des;
  }

  private static void notFinite(Dataset data, int j, double sum, Precision precision) {
    data.requireFinite(); // throws, naming the row and column, for NaN or ±∞
    throw new IllegalArgumentException("x column " + j + " sums (or its squares sum) to a non-finite value ("
        + sum + ") in " + precision.name().toLowerCase() + " precision: its values are too large; rescale the feature.");
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double e : v) s += e;
    return s / v.length;
  }

  private static void divide(double[] v, double[] scale) {
    boolean scaled = false;
    for (double s : scale) scaled |= s != 1;
    if (!scaled) return;
    int d = scale.length;
    double[] inv = new double[d];
    for (int j = 0; j < d; j++) inv[j] = 1 / scale[j];
    for (int o = 0; o < v.length; o += d) for (int j = 0; j < d; j++) v[o + j] *= inv[j];
  }

  /**
   * The single target column as doubles, checked to be finite (the features are checked in
   * {@link #of(Dataset, double[], boolean, boolean, boolean, Precision)}).
   */
  static double[] target(Dataset data, String owner) {
    if (!data.hasTargets()) {
      throw new IllegalArgumentException(owner + " needs targets y; the data set has none.");
    }
    double[] v = data.targetValues();
    for (double e : v) {
      if (!Double.isFinite(e)) {
        org.mlmp.api.Checks.finite(data.y(), "y"); // throws, naming the row (and column)
        break;
      }
    }
    if (v.length != data.nSamples()) { // y is [n, k] with k ≠ 1
      throw new IllegalArgumentException(owner + " fits one target; y has shape " + Arrays.toString(data.y().shape())
          + ". Fit one model per target column.");
    }
    return v;
  }

  /** z row-major n×d in double precision (materialised on first use: x copied, centred, scaled). */
  double[] z() {
    if (z == null) {
      if (zf != null) {
        double[] v = new double[zf.length];
        for (int k = 0; k < v.length; k++) v[k] = zf[k];
        z = v;
      } else {
        double[] v = Matrices.flat(data.x());
        boolean centred = false;
        for (double c : center) centred |= c != 0;
        if (centred) for (int o = 0; o < v.length; o += d) for (int j = 0; j < d; j++) v[o + j] -= center[j];
        divide(v, scale);
        z = v;
      }
    }
    return z;
  }

  /** z row-major n×d in single precision (a row design of {@link Precision#FLOAT}; else rounded from {@link #z()}). */
  float[] zFloat() {
    if (zf == null) {
      double[] v = z();
      float[] f = new float[v.length];
      for (int k = 0; k < v.length; k++) f[k] = (float) v[k];
      zf = f;
    }
    return zf;
  }

  /** zᵀz (d×d, a copy), zᵀt (length d) and tᵀt of a Gram design. */
  NormalEquations gram() {
    if (gram == null) throw new IllegalStateException("a row design (Design.ofRows) has no Gram matrix");
    double[][] g = new double[d][];
    for (int i = 0; i < d; i++) g[i] = gram.g()[i].clone();
    return new NormalEquations(g, gram.c() == null ? null : gram.c().clone(), gram.tt(), n);
  }

  /** The column sums of z, Σ_i z_ij (0 up to round-off when centred), of a Gram design. */
  double[] columnSums() {
    if (columnSums == null) throw new IllegalStateException("a row design (Design.ofRows) has no column sums");
    return columnSums.clone();
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
   * The normal equations of a design: zᵀz (the Gram matrix), zᵀt and tᵀt, with N.
   *
   * @param g zᵀz, d×d
   * @param c zᵀt, length d
   * @param tt tᵀt
   * @param n number of rows N
   */
  record NormalEquations(double[][] g, double[] c, double tt, int n) {}
}
