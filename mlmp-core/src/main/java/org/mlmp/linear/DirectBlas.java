package org.mlmp.linear;

import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostBlas.Layout;
import org.mlmp.backend.HostDoubles;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The few BLAS calls of a linear fit's large pass over the data, made directly through OpenBLAS's
 * CBLAS interface ({@link HostBlas}) on the host buffer of a dense c-order [n, d] array (CPU backend only; {@link Moments}
 * falls back to {@code Nd4j.gemm} elsewhere). They avoid ND4J's generic paths where those are slow or
 * missing: the Gram matrix XᵀX by symmetric rank-m updates ({@code dsyrk}, half the flops of GEMM;
 * ND4J's {@code level3().syrk} does nothing in 1.0.0-M2.1), and Xᵀv, X ← X − 1 cᵀ by {@code dgemv} and
 * {@code dger} (ND4J routes the equivalent GEMMs with a ones vector through a slow path).
 *
 * <p>{@link Moments} streams the data through these calls block by block. The arrays must be fresh
 * (offset 0, not views, c order) in DOUBLE or FLOAT; vectors are passed and returned in double and
 * converted for FLOAT.
 */
final class DirectBlas {
  private DirectBlas() {}

  /**
   * Whether the direct calls apply to {@code x}: host memory ({@link HostBlas#hostMemory()}: the CPU
   * backend, the generic path not forced by {@link HostBlas#forceGeneric()}), a fresh dense c-order
   * DOUBLE or FLOAT array.
   */
  static boolean applies(INDArray x) {
    DataType dt = x.dataType();
    return (dt == DataType.DOUBLE || dt == DataType.FLOAT) && x.ordering() == 'c' && !x.isView() && x.offset() == 0
        && x.rank() == 2 && HostBlas.hostMemory();
  }

  /**
   * Sums xᵀx over blocks of rows x (each [m, d], fresh c order, all of one data type) into a d×d
   * accumulator: in DOUBLE inside OpenBLAS ({@code dsyrk} with β = 1); in FLOAT each block's
   * {@code ssyrk} result is added in double, so the rounding error grows with the block length, not with n.
   */
  static final class GramSum implements AutoCloseable {
    private final int d;
    private final HostDoubles acc;
    private final HostFloats part;
    private final double[] sum;
    private boolean first = true;

    GramSum(int d, DataType dt) {
      this.d = d;
      boolean dbl = dt == DataType.DOUBLE;
      acc = dbl ? HostDoubles.allocate((long) d * d) : null;
      part = dbl ? null : HostFloats.allocate((long) d * d);
      sum = dbl ? null : new double[d * d];
    }

    void add(INDArray x) {
      if (acc != null) add(doubles(x), (int) x.rows());
      else add(floats(x), (int) x.rows());
    }

    /** Adds xᵀx for the m × d block x stored in c order from element 0 of {@code x} (a DOUBLE accumulator). */
    void add(HostDoubles x, int m) {
      syrk(x, m, d, first, acc);
      first = false;
    }

    /** Adds xᵀx for the m × d block x stored in c order from element 0 of {@code x} (a FLOAT accumulator). */
    void add(HostFloats x, int m) {
      HostBlas.ssyrkUpper(Layout.COLUMN_MAJOR, d, m, 1f, x, d, 0f, part, d);
      float[] f = new float[d * d];
      part.get(0, f, 0, d * d);
      for (int j = 0; j < d; j++) for (int i = 0, o = j * d; i <= j; i++) sum[o + i] += f[o + i];
      first = false;
    }

    /** Starts a new sum (the next block overwrites the accumulator). */
    void reset() {
      first = true;
      if (sum != null) java.util.Arrays.fill(sum, 0);
    }

    /**
     * The sum so far as d·d doubles in column-major order, of which only the upper triangle (element (i, j), i ≤ j,
     * at j·d + i) is meaningful; all 0 before the first block.
     */
    double[] upper() {
      if (acc == null) return sum.clone();
      double[] g = new double[d * d];
      if (!first) acc.get(0, g, 0, d * d);
      return g;
    }

    /** Writes {@link #upper()} to element 0 onwards of {@code target} (d·d doubles). */
    void upperInto(HostDoubles target) {
      target.put(0, acc == null ? sum : upper(), 0, d * d);
    }

    /** The full symmetric sum (upper triangle mirrored). */
    double[][] result() {
      return mirror(upper(), d);
    }

    @Override
    public void close() {
      if (acc != null) acc.close();
      if (part != null) part.close();
    }
  }

  /**
   * acc ← xᵀx (first) or acc + xᵀx in the upper triangle of the d × d column-major acc ({@code dsyrk}), for the
   * m × d block x stored in c order from element 0 of its buffer.
   */
  static void syrk(HostDoubles x, int m, int d, boolean first, HostDoubles acc) {
    // x in c order [m, d] is the column-major d×m matrix A = xᵀ, so xᵀx = A Aᵀ: syrk without transpose
    HostBlas.dsyrkUpper(Layout.COLUMN_MAJOR, d, m, 1.0, x, d, first ? 0.0 : 1.0, acc, d);
  }

  /** The d × d symmetric matrix whose upper triangle is stored column-major in {@code g} (element (i, j), i ≤ j, at j·d + i). */
  static double[][] mirror(double[] g, int d) {
    double[][] out = new double[d][d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i <= j; i++) {
        double v = g[j * d + i];
        out[i][j] = v;
        out[j][i] = v;
      }
    }
    return out;
  }

  /**
   * Most elements per {@code ?gemv} / {@code ?ger} call: OpenBLAS 0.3.19 runs these single-threaded below
   * 2304·4 (gemv) and 2048·4 (ger) elements (interface/gemv.c, ger.c, GEMM_MULTITHREAD_THRESHOLD = 4).
   * Calls of at most this size never wait for a second thread: these O(n·d) passes gain nothing from one
   * on two cores, and on a busy machine every wait for a descheduled partner thread costs a time slice.
   */
  static final int SINGLE_THREAD_ELEMENTS = 8192;

  /** Rows per call for d columns: at most {@link #SINGLE_THREAD_ELEMENTS} elements. */
  static int chunkRows(int d) {
    return Math.max(1, SINGLE_THREAD_ELEMENTS / d);
  }

  /**
   * xᵀv for x [n, d] and v of length n (v = null: the column sums, v = 1), by single-threaded
   * {@code ?gemv} calls over chunks of rows ({@link #chunkRows}) whose results are accumulated in double:
   * in FLOAT the rounding error then grows with the chunk length, not with n.
   */
  static double[] transposeTimes(INDArray x, double[] v) {
    int n = (int) x.rows(), d = (int) x.columns();
    return x.dataType() == DataType.DOUBLE ? transposeTimes(doubles(x), n, d, v, 0) : transposeTimes(floats(x), n, d, v, 0);
  }

  /**
   * {@link #transposeTimes(INDArray, double[])} for the n × d matrix x stored in c order from element 0 of a DOUBLE
   * buffer, with v[vFrom, vFrom + n) (v = null: the column sums).
   */
  static double[] transposeTimes(HostDoubles x, int n, int d, double[] v, int vFrom) {
    int chunk = chunkRows(d);
    double[] out = new double[d];
    // in double the chunks accumulate inside OpenBLAS (β = 1), read once at the end
    try (HostDoubles vp = vector(v, vFrom, n); HostDoubles op = HostDoubles.allocate(d)) {
      for (int r = 0; r < n; r += chunk) {
        int m = Math.min(chunk, n - r);
        HostBlas.dgemv(Layout.ROW_MAJOR, true, m, d, 1.0, x, (long) r * d, d, vp, r, r == 0 ? 0.0 : 1.0, op);
      }
      op.get(0, out, 0, d);
    }
    return out;
  }

  /** {@link #transposeTimes(HostDoubles, int, int, double[], int)} for a FLOAT buffer: the chunks summed in double. */
  static double[] transposeTimes(HostFloats x, int n, int d, double[] v, int vFrom) {
    int chunk = chunkRows(d);
    double[] out = new double[d];
    float[] vf = new float[n];
    for (int i = 0; i < n; i++) vf[i] = v == null ? 1f : (float) v[vFrom + i];
    float[] part = new float[d];
    try (HostFloats vp = HostFloats.copyOf(vf); HostFloats op = HostFloats.allocate(d)) {
      for (int r = 0; r < n; r += chunk) {
        int m = Math.min(chunk, n - r);
        HostBlas.sgemv(Layout.ROW_MAJOR, true, m, d, 1f, x, (long) r * d, d, vp, r, 0f, op);
        op.get(0, part, 0, d);
        for (int j = 0; j < d; j++) out[j] += part[j];
      }
    }
    return out;
  }

  /** x ← x − 1 cᵀ in place (rank-1 updates over chunks of rows, single-threaded), c of length d. */
  static void subtractFromRows(INDArray x, double[] c) {
    int n = (int) x.rows(), d = (int) x.columns();
    if (x.dataType() == DataType.DOUBLE) {
      subtractFromRows(doubles(x), n, d, c);
    } else {
      int chunk = chunkRows(d);
      float[] cf = new float[d];
      for (int j = 0; j < d; j++) cf[j] = (float) c[j];
      float[] of = new float[Math.min(n, chunk)];
      java.util.Arrays.fill(of, 1f);
      try (HostFloats one = HostFloats.copyOf(of); HostFloats cp = HostFloats.copyOf(cf)) {
        HostFloats xp = floats(x);
        for (int r = 0; r < n; r += chunk) {
          int m = Math.min(chunk, n - r);
          HostBlas.sger(Layout.ROW_MAJOR, m, d, -1f, one, cp, xp, (long) r * d, d);
        }
      }
    }
  }

  /** x ← x − 1 cᵀ in place for the n × d matrix x stored in c order from element 0 of a DOUBLE buffer. */
  static void subtractFromRows(HostDoubles x, int n, int d, double[] c) {
    int chunk = chunkRows(d);
    try (HostDoubles one = vector(null, 0, Math.min(n, chunk)); HostDoubles cp = HostDoubles.copyOf(c)) {
      for (int r = 0; r < n; r += chunk) {
        int m = Math.min(chunk, n - r);
        HostBlas.dger(Layout.ROW_MAJOR, m, d, -1.0, one, cp, x, (long) r * d, d);
      }
    }
  }

  /** v[from, from + n) off-heap; v = null: n ones. */
  private static HostDoubles vector(double[] v, int from, int n) {
    HostDoubles out = HostDoubles.allocate(n);
    if (v != null) {
      out.put(0, v, from, n);
    } else {
      double[] o = new double[n];
      java.util.Arrays.fill(o, 1.0);
      out.put(0, o, 0, n);
    }
    return out;
  }

  /** The host buffer of a fresh DOUBLE array (see {@link #applies}). */
  static HostDoubles doubles(INDArray x) {
    return HostDoubles.of(x);
  }

  /** The host buffer of a fresh FLOAT array (see {@link #applies}). */
  static HostFloats floats(INDArray x) {
    return HostFloats.of(x);
  }
}
