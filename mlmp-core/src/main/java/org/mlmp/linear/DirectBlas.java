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
      int m = (int) x.rows();
      // x in c order [m, d] is the column-major d×m matrix A = xᵀ, so xᵀx = A Aᵀ: syrk without transpose
      if (acc != null) {
        HostBlas.dsyrkUpper(Layout.COLUMN_MAJOR, d, m, 1.0, doubles(x), d, first ? 0.0 : 1.0, acc, d);
      } else {
        HostBlas.ssyrkUpper(Layout.COLUMN_MAJOR, d, m, 1f, floats(x), d, 0f, part, d);
        float[] f = new float[d * d];
        part.get(0, f, 0, d * d);
        for (int j = 0; j < d; j++) for (int i = 0, o = j * d; i <= j; i++) sum[o + i] += f[o + i];
      }
      first = false;
    }

    /** The full symmetric sum (upper triangle mirrored). */
    double[][] result() {
      double[] g = sum;
      if (acc != null) {
        g = new double[d * d];
        if (!first) acc.get(0, g, 0, d * d);
      }
      double[][] out = new double[d][d];
      for (int j = 0; j < d; j++) { // column-major upper triangle: element (i, j), i ≤ j, at j·d + i
        for (int i = 0; i <= j; i++) {
          double v = g[j * d + i];
          out[i][j] = v;
          out[j][i] = v;
        }
      }
      return out;
    }

    @Override
    public void close() {
      if (acc != null) acc.close();
      if (part != null) part.close();
    }
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
    int chunk = chunkRows(d);
    double[] out = new double[d];
    if (x.dataType() == DataType.DOUBLE) {
      // in double the chunks accumulate inside OpenBLAS (β = 1), read once at the end
      try (HostDoubles vp = v == null ? ones(n) : HostDoubles.copyOf(v); HostDoubles op = HostDoubles.allocate(d)) {
        HostDoubles xp = doubles(x);
        for (int r = 0; r < n; r += chunk) {
          int m = Math.min(chunk, n - r);
          HostBlas.dgemv(Layout.ROW_MAJOR, true, m, d, 1.0, xp, (long) r * d, d, vp, r, r == 0 ? 0.0 : 1.0, op);
        }
        op.get(0, out, 0, d);
      }
    } else {
      float[] vf = new float[n];
      for (int i = 0; i < n; i++) vf[i] = v == null ? 1f : (float) v[i];
      float[] part = new float[d];
      try (HostFloats vp = HostFloats.copyOf(vf); HostFloats op = HostFloats.allocate(d)) {
        HostFloats xp = floats(x);
        for (int r = 0; r < n; r += chunk) {
          int m = Math.min(chunk, n - r);
          HostBlas.sgemv(Layout.ROW_MAJOR, true, m, d, 1f, xp, (long) r * d, d, vp, r, 0f, op);
          op.get(0, part, 0, d);
          for (int j = 0; j < d; j++) out[j] += part[j];
        }
      }
    }
    return out;
  }

  /** x ← x − 1 cᵀ in place (rank-1 updates over chunks of rows, single-threaded), c of length d. */
  static void subtractFromRows(INDArray x, double[] c) {
    int n = (int) x.rows(), d = (int) x.columns();
    int chunk = chunkRows(d);
    if (x.dataType() == DataType.DOUBLE) {
      try (HostDoubles one = ones(Math.min(n, chunk)); HostDoubles cp = HostDoubles.copyOf(c)) {
        HostDoubles xp = doubles(x);
        for (int r = 0; r < n; r += chunk) {
          int m = Math.min(chunk, n - r);
          HostBlas.dger(Layout.ROW_MAJOR, m, d, -1.0, one, cp, xp, (long) r * d, d);
        }
      }
    } else {
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

  private static HostDoubles ones(int n) {
    double[] o = new double[n];
    java.util.Arrays.fill(o, 1.0);
    return HostDoubles.copyOf(o);
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
