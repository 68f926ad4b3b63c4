package org.mlmp.linear;

import java.util.Arrays;
import java.util.function.Function;
import org.mlmp.data.Dataset;
import org.mlmp.data.Standardization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
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
 * <p>Fast path: the centring is one rank-1 update of the (copied) data, x − 1 cᵀ, done on the data
 * themselves rather than by correcting XᵀX afterwards, so no digits are lost to cancellation; the Gram
 * matrix is one symmetric rank-n update ({@code dsyrk}: d²N flops, half of a GEMM), and the scaling by s
 * is applied to the d×d result. On the CPU backend these calls go directly to OpenBLAS
 * ({@link DirectBlas}); elsewhere they are {@code Nd4j.gemm}. Row-wise Java arrays of z are only materialised for the solvers that need them
 * (Householder QR, mini-batch gradient descent, perceptron, logistic regression).
 */
final class Design {
  final int n;
  final int d;
  /**
   * x − 1 cᵀ, [n, d], c order, in the design's precision (not yet divided by s); null after
   * {@link #scoped} has closed the workspace it lived in.
   */
  private INDArray centred;
  /** The centred target t, length n (null for unsupervised use). */
  final double[] t;
  final double[] center;
  final double[] scale;
  final double yMean;
  final boolean fitIntercept;
  final boolean standardize;
  final Precision precision;
  /** Whether {@link DirectBlas} serves the large products (CPU backend). */
  private final boolean direct;
  private double[] z;

  private Design(int n, int d, INDArray centred, double[] t, double[] center, double[] scale, double yMean,
      boolean fitIntercept, boolean standardize, Precision precision, boolean direct) {
    this.direct = direct;
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

  /** Data sizes (bytes of x) for which {@link #scoped} reuses a workspace: smaller ones allocate quickly anyway. */
  static final long SCRATCH_MIN_BYTES = 4L << 20;
  /** The largest x (bytes) whose copy {@link #scoped} keeps for reuse, so the memory held stays bounded. */
  static final long SCRATCH_MAX_BYTES = 1L << 30;
  /** The id of the per-thread ND4J workspace of {@link #scoped}. */
  static final String SCRATCH_ID = "mlmp-linear-design";
  private static final WorkspaceConfiguration SCRATCH = WorkspaceConfiguration.builder()
      .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP)
      .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE).build();

  /** A design (its large arrays released) and what was computed from it. */
  record Scoped<R>(Design design, R result) {}

  /**
   * Builds the design as {@link #of(Dataset, String, boolean, boolean, boolean, Precision)} (centred)
   * and applies {@code body} to it, with the design's copy of x (from {@link Dataset#x()}, which
   * copies) allocated in a per-thread ND4J workspace ({@value #SCRATCH_ID}) that is reused by the next
   * fit: allocating fresh off-heap memory for the copy costs more than the copy itself (page faults;
   * measured 110–200 ms for 100 000 × 200 doubles, against 15–35 ms into reused memory). The workspace
   * keeps the memory of the largest design up to {@link #SCRATCH_MAX_BYTES} per thread until
   * {@code Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread()}. {@code body} must return
   * plain Java values (no INDArray created inside); the design's large arrays are released afterwards.
   */
  static <R> Scoped<R> scoped(Dataset data, String owner, boolean fitIntercept, boolean standardize,
      Precision precision, Function<Design, R> body) {
    long bytes = (long) data.nSamples() * data.nFeatures() * Math.max(precision.dataType().width(), 4);
    if (bytes < SCRATCH_MIN_BYTES || bytes > SCRATCH_MAX_BYTES) {
      Design des = of(data, owner, fitIntercept, standardize, true, precision);
      return new Scoped<>(des, body.apply(des));
    }
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(SCRATCH, SCRATCH_ID)) {
      Design des = of(data, owner, fitIntercept, standardize, true, precision);
      try {
        return new Scoped<>(des, body.apply(des));
      } finally {
        des.centred = null; // its memory is the workspace's from here on
      }
    }
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
    // column sums by one pass: NaN or ±∞ anywhere in x makes its column sum non-finite, so the full
    // element-wise check (which names the row and column) only runs when there is something to report
    boolean direct = DirectBlas.applies(x);
    INDArray ones = direct ? null : Nd4j.ones(dt, n, 1);
    double[] s;
    if (direct) {
      s = DirectBlas.transposeTimes(x, null);
    } else {
      INDArray sums = Nd4j.create(dt, new long[] {1, d}, 'c');
      Nd4j.gemm(ones, x, sums, true, false, 1.0, 0.0);
      s = sums.castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(s[j])) {
        data.requireFinite();
        throw new IllegalArgumentException("x column " + j + " sums to " + s[j] + " in " + dt.name().toLowerCase()
            + " precision: its values are too large; rescale the feature.");
      }
    }
    if ((fitIntercept && centre) || standardize) {
      for (int j = 0; j < d; j++) center[j] = s[j] / n;
      if (direct) {
        DirectBlas.subtractFromRows(x, center); // x ← x − 1 cᵀ
      } else {
        INDArray mean = Nd4j.createFromArray(center).castTo(dt).reshape(1, d);
        Nd4j.gemm(ones, mean, x, false, false, -1.0, 1.0); // x ← x − 1 cᵀ
      }
      if (standardize) {
        double[] norms = x.norm2(0).castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
        for (int j = 0; j < d; j++) {
          scale[j] = norms[j] / Math.sqrt(n);
          if (!(scale[j] > 0) || !Double.isFinite(scale[j])) scale[j] = 1;
        }
      }
    }
    return new Design(n, d, x, t, center, scale, yMean, fitIntercept, standardize, precision, direct);
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
    double[] v = y.castTo(DataType.DOUBLE).reshape(y.length()).toDoubleVector();
    for (double e : v) {
      if (!Double.isFinite(e)) {
        org.mlmp.api.Checks.finite(y, "y"); // throws, naming the row (and column)
        break;
      }
    }
    if (y.rank() == 2 && y.columns() != 1) {
      throw new IllegalArgumentException(owner + " fits one target; y has shape " + Arrays.toString(y.shape())
          + ". Fit one model per target column.");
    }
    return v;
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
    double[][] gm;
    if (direct) {
      gm = DirectBlas.gram(centred);
    } else {
      INDArray g = Nd4j.create(dt, new long[] {d, d}, 'f');
      Nd4j.gemm(centred, centred, g, true, false, 1.0, 0.0);
      gm = g.castTo(DataType.DOUBLE).toDoubleMatrix();
    }
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
      if (direct) {
        c = DirectBlas.transposeTimes(centred, t);
      } else {
        INDArray ta = Nd4j.create(t, new long[] {n, 1}, 'c').castTo(dt);
        INDArray ca = Nd4j.create(dt, new long[] {d, 1}, 'f');
        Nd4j.gemm(centred, ta, ca, true, false, 1.0, 0.0);
        c = ca.castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
      }
      for (int j = 0; j < d; j++) c[j] /= scale[j];
      tt = DenseSolvers.dot(t, t);
    }
    return new Gram(gm, c, tt, n);
  }

  /** The column sums of z, Σ_i z_ij (0 up to round-off when centred). */
  double[] columnSums() {
    DataType dt = centred.dataType();
    double[] s;
    if (direct) {
      s = DirectBlas.transposeTimes(centred, null);
    } else {
      INDArray sums = Nd4j.create(dt, new long[] {1, d}, 'c');
      Nd4j.gemm(Nd4j.ones(dt, n, 1), centred, sums, true, false, 1.0, 0.0);
      s = sums.castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
    }
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
