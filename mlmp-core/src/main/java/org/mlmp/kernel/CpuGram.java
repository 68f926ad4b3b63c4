package org.mlmp.kernel;

import org.mlmp.api.Matrices;
import java.util.stream.IntStream;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostBlas.Layout;
import org.mlmp.backend.HostDoubles;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CPU fast path for kernel ridge regression: Gram matrices written straight into an off-heap buffer
 * ({@link HostDoubles}) by one OpenBLAS call through {@link HostBlas} ({@code dsyrk} for k(x, x), {@code dgemm} for blocks of k(x', x)) followed by one
 * element-wise pass in Java (two threads, rows of the triangle), and predictions Σ_n a_n k(x', x_n) fused
 * with that pass, so the m × n cross Gram matrix is never stored. Same numerics as {@link Gram}: data
 * centred on the training mean for the radial kernels, ‖x‖² + ‖x'‖² − 2 x·x' clamped at 0, an exact k(0)
 * diagonal; L1 distances (Laplacian) summed directly. Only for the CPU backend, where array buffers are
 * host memory.
 *
 * <p>Measured at n = 2 000, d = 10 (Gaussian): the upper triangle in ≈ 15 ms against ≈ 100 ms for the
 * ND4J route of {@link Gram#upperTriangle} (whose allocations, hstack and element-wise ops dominate).
 */
public final class CpuGram {
  private CpuGram() {}

  /** Cross-Gram rows per prediction block are chosen so a block holds about this many doubles (8 MiB). */
  private static final long BLOCK_ELEMENTS = 1L << 20;

  /**
   * The training side of a kernel expansion, prepared once: rows centred (radial kernels) on their
   * mean, with their squared norms.
   *
   * @param kernel the kernel of the expansion
   * @param x row-major {@code [n, d]}, centred for the radial kernels
   * @param n the number of training rows
   * @param d the number of features
   * @param mean the centre (zeros for dot-product kernels)
   * @param norms ‖x_i‖² of the centred rows
   */
  public record Prepared(Kernel kernel, double[] x, int n, int d, double[] mean, double[] norms) {}

  /**
   * Prepares the training rows {@code x [n, d]} of a kernel expansion.
   *
   * @param k the kernel
   * @param x the training rows {@code [n, d]}
   * @return the prepared rows (centred for translation-invariant kernels) and their squared norms
   */
  public static Prepared prepare(Kernel k, INDArray x) {
    int n = (int) x.rows(), d = (int) x.columns();
    double[] flat = Matrices.flat(x);
    double[] mean = new double[d];
    if (k.base().translationInvariant()) {
      for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += flat[i * d + j];
      for (int j = 0; j < d; j++) mean[j] /= n;
      for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) flat[i * d + j] -= mean[j];
    }
    return new Prepared(k, flat, n, d, mean, norms(flat, n, d));
  }

  /**
   * The prepared rows feature by feature, for {@link #gramRow}'s dot products over many rows at once: column-major
   * {@code [n, d]}, feature f of row t at f n + t. A copy of the rows that only row-by-row solvers need (a fitted
   * kernel ridge model keeps its {@link Prepared} rows, not this).
   *
   * @param p the prepared training rows
   * @return the n·d values feature by feature
   */
  public static double[] featureMajor(Prepared p) {
    int n = p.n(), d = p.d();
    double[] x = p.x(), columns = new double[n * d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) columns[j * n + i] = x[i * d + j];
    return columns;
  }

  private static double[] norms(double[] x, int n, int d) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      double v = 0;
      for (int j = 0; j < d; j++) v += x[i * d + j] * x[i * d + j];
      s[i] = v;
    }
    return s;
  }

  /**
   * Writes the Gram matrix k(x, x) into {@code out}, a row-major {@code [n, n]} double buffer: its upper
   * triangle and diagonal; the strictly lower triangle is left untouched (for LAPACK routines that read
   * one triangle, e.g. {@code dposv} with uplo = 'L' on the column-major view). Allocate {@code out} with
   * {@code HostDoubles.allocate((long) n * n)} after {@link Gram#checkMemory}: a plain JavaCPP allocation
   * costs ≈ 2 ms at n = 2 000, an ND4J array of the same size ≈ 20–30 ms (measured).
   *
   * @param p the prepared training rows
   * @param out receives K row-major {@code [n, n]}; upper triangle and diagonal written
   */
  public static void upperTriangle(Prepared p, HostDoubles out) {
    upperTriangle(p, out, null);
  }

  /**
   * {@link #upperTriangle(Prepared, HostDoubles)} that also writes the same triangle rounded to float
   * into {@code single} (row-major {@code [n, n]}, for a float Cholesky factor; null: none) in the same
   * pass, and returns the ∞-norm of the whole symmetric matrix, max_i Σ_j |K_ij| (LAPACK's
   * {@code dlansy('I')}, for the stopping test of iterative refinement).
   *
   * @param p the prepared training rows
   * @param out receives K row-major {@code [n, n]}; upper triangle and diagonal written
   * @param single receives the same triangle in float, or null
   * @return the ∞-norm max_i Σ_j |K_ij|
   */
  public static double upperTriangle(Prepared p, HostDoubles out, HostFloats single) {
    int n = p.n(), d = p.d();
    Kernel k = p.kernel();
    BaseQuantity quantity = k.base();
    boolean laplacian = quantity == BaseQuantity.L1_DISTANCE;
    if (!laplacian) {
      try (HostDoubles xp = HostDoubles.copyOf(p.x())) {
        // upper triangle (row-major) of X Xᵀ
        HostBlas.dsyrkUpper(Layout.ROW_MAJOR, n, d, 1.0, xp, d, 0.0, out, n);
      }
    }
    boolean radial = quantity.translationInvariant();
    double k0 = radial ? Gram.valueAtZero(k) : 1.0;
    int[] bounds = triangleParts(n, PARTS_PER_CORE * Runtime.getRuntime().availableProcessors());
    int parts = bounds.length - 1;
    double[][] absSums = new double[parts][];
    workers(IntStream.range(0, parts)).forEach(part -> {
      HostDoubles ptr = out.forThread();
      HostFloats fptr = single == null ? null : single.forThread();
      double[] row = new double[n];
      float[] frow = single == null ? null : new float[n];
      // |K_ij| summed into row i (j >= i, this part's rows) and into row j (j > i: the mirrored lower entries)
      double[] abs = new double[n];
      for (int i = bounds[part]; i < bounds[part + 1]; i++) {
        int len = n - i;
        long at = (long) i * n + i;
        if (laplacian) {
          l1Row(p.x(), d, i, p.x(), i, n, row);
        } else {
          ptr.get(at, row, 0, len);
        }
        transform(k, quantity, row, 0, len, p.norms()[i], p.norms(), i);
        if (radial) row[0] = k0;
        ptr.put(at, row, 0, len);
        double s = Math.abs(row[0]);
        for (int t = 1; t < len; t++) {
          double v = Math.abs(row[t]);
          s += v;
          abs[i + t] += v;
        }
        abs[i] += s;
        if (single != null) {
          for (int t = 0; t < len; t++) frow[t] = (float) row[t];
          fptr.put(at, frow, 0, len);
        }
      }
      absSums[part] = abs;
    });
    double norm = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (double[] a : absSums) s += a[i];
      norm = Math.max(norm, s);
    }
    return norm;
  }

  /** {@code parts} in parallel (ForkJoin's common pool), or on the calling thread alone when the cap is 1 thread. */
  private static IntStream workers(IntStream parts) {
    return org.mlmp.backend.Threads.cap() > 1 ? parts.parallel() : parts;
  }

  /** Row blocks per core of the triangle pass (several, so a core slowed by other work gets fewer). */
  private static final int PARTS_PER_CORE = 4;

  /**
   * Row boundaries 0 = b_0 < b_1 < ... < b_P = n that split the upper triangle of an n × n matrix into P
   * parts of about equal area (row i has n − i entries).
   */
  static int[] triangleParts(int n, int parts) {
    parts = Math.max(1, Math.min(parts, n));
    double total = (double) n * (n + 1) / 2;
    int[] b = new int[parts + 1];
    int i = 0;
    double area = 0;
    for (int q = 1; q < parts; q++) {
      double target = total * q / parts;
      while (i < n && area + (n - i) <= target) area += n - i++;
      b[q] = Math.max(b[q - 1] + 1, Math.min(i, n - (parts - q)));
    }
    b[parts] = n;
    return b;
  }

  /** row[t] = ‖a_i − b_{j0+t}‖₁ for t < j1 − j0. */
  private static void l1Row(double[] a, int d, int i, double[] b, int j0, int j1, double[] row) {
    for (int j = j0; j < j1; j++) {
      double s = 0;
      for (int f = 0; f < d; f++) s += Math.abs(a[i * d + f] - b[j * d + f]);
      row[j - j0] = s;
    }
  }

  /**
   * Maps the base quantity in row[off, off + len) to kernel values; column t of the row is y_{j0 + t − off}. The row
   * holds dot products x_i·y_j (for the squared distances too: r² = si + sy_j − 2 x_i·y_j, clamped at 0)
   * or L1 distances. The scale is read once; one loop per base quantity, so each loop's call of
   * {@link Kernel#ofScaled(double)} sees at most two kernel types (records, final) and the JIT inlines it.
   */
  private static void transform(Kernel k, BaseQuantity quantity, double[] row, int off, int len, double si,
      double[] sy, int j0) {
    double s = k.baseScale();
    int end = off + len, shift = j0 - off;
    switch (quantity) {
      case SQUARED_DISTANCE -> {
        for (int t = off; t < end; t++) row[t] = k.ofScaled(s * BaseQuantity.squaredDistance(si, sy[shift + t], row[t]));
      }
      case DOT_PRODUCT -> {
        for (int t = off; t < end; t++) row[t] = k.ofScaled(s * row[t]);
      }
      case L1_DISTANCE -> {
        for (int t = off; t < end; t++) row[t] = k.ofScaled(s * row[t]);
      }
      default -> throw new AssertionError(quantity);
    }
  }

  /** Receives one row of a cross Gram matrix; called from several threads. */
  public interface RowSink {
    /**
     * Receives row i.
     *
     * @param i the query row, 0-based
     * @param row k(q_i, x_j) for j = 0 .. n−1 (kept by the sink only where the caller asked for fresh rows)
     */
    void accept(int i, double[] row);
  }

  /**
   * The rows of the cross Gram matrix k(q_i, x_j) for a query {@code [m, d]} against the prepared
   * training rows, block by block ({@code dgemm} into an 8 MiB scratch buffer, then the kernel map in Java
   * on two threads), handed to {@code sink} without storing the m × n matrix; each row a fresh array.
   *
   * @param train the prepared training rows
   * @param query the query rows {@code [m, d]}
   * @param sink receives every row once, in no particular order
   */
  public static void crossRows(Prepared train, INDArray query, RowSink sink) {
    crossRows(train, query, sink, true);
  }

  /** @param freshRows true: a new array per row (the sink may keep it); false: one reused array per task */
  private static void crossRows(Prepared train, INDArray query, RowSink sink, boolean freshRows) {
    Kernel k = train.kernel();
    int n = train.n(), d = train.d(), m = (int) query.rows();
    double[] q = Matrices.flat(query);
    BaseQuantity quantity = k.base();
    if (quantity.translationInvariant()) {
      for (int i = 0; i < m; i++) for (int j = 0; j < d; j++) q[i * d + j] -= train.mean()[j];
    }
    double[] qn = norms(q, m, d);
    boolean laplacian = quantity == BaseQuantity.L1_DISTANCE;
    int b = (int) Math.max(1, Math.min(m, BLOCK_ELEMENTS / Math.max(1, n)));
    try (HostDoubles tp = laplacian ? null : HostDoubles.copyOf(train.x());
        HostDoubles qp = laplacian ? null : HostDoubles.copyOf(q);
        HostDoubles scratch = laplacian ? null : HostDoubles.allocate((long) b * n)) {
      for (int r0 = 0; r0 < m; r0 += b) {
        int r1 = Math.min(m, r0 + b), rows = r1 - r0;
        if (!laplacian) {
          HostBlas.dgemm(Layout.ROW_MAJOR, false, true, rows, n, d, 1.0, qp, (long) r0 * d, d, tp, d, 0.0, scratch, n);
        }
        final int start = r0;
        int chunk = Math.max(1, Math.min(64, rows / (PARTS_PER_CORE * Runtime.getRuntime().availableProcessors())));
        workers(IntStream.range(0, (rows + chunk - 1) / chunk)).forEach(c -> {
          HostDoubles ptr = laplacian ? null : scratch.forThread();
          double[] row = freshRows ? null : new double[n];
          for (int r = c * chunk; r < Math.min(rows, (c + 1) * chunk); r++) {
            if (freshRows) row = new double[n];
            int i = start + r;
            if (laplacian) {
              l1Row(q, d, i, train.x(), 0, n, row);
            } else {
              ptr.get((long) r * n, row, 0, n);
            }
            transform(k, quantity, row, 0, n, qn[i], train.norms(), 0);
            sink.accept(i, row);
          }
        });
      }
    }
  }

  /**
   * Predictions f_c(x'_m) = Σ_n k(x'_m, x_n) a_{nc} without storing the cross Gram matrix.
   *
   * @param train the prepared training rows
   * @param query {@code [m, d]}
   * @param coef row-major {@code [n, t]} dual coefficients
   * @param t the number of targets
   * @return row-major {@code [m, t]}
   */
  public static double[] predict(Prepared train, INDArray query, double[] coef, int t) {
    int n = train.n();
    double[] out = new double[(int) query.rows() * t];
    crossRows(train, query, (i, row) -> {
      if (t == 1) {
        double s = 0;
        for (int j = 0; j < n; j++) s += row[j] * coef[j];
        out[i] = s;
        return;
      }
      for (int c = 0; c < t; c++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += row[j] * coef[j * t + c];
        out[i * t + c] = s;
      }
    }, false);
    return out;
  }

  /**
   * out[at + t] = Σ_f x_f c_{f n + t} for from &lt;= t &lt; to, x_f = x[a + f], each sum from 0 in the order
   * f = 0, 1, …: the dot products of one row with the rows held feature by feature in {@code c}.
   */
  private static void dotProducts(double[] c, int n, double[] x, int a, int d, int from, int to, double[] out, int at) {
    java.util.Arrays.fill(out, at + from, at + to, 0.0);
    int o = at + from, len = to - from, f = 0;
    for (; f + 4 <= d; f += 4) {
      double x0 = x[a + f], x1 = x[a + f + 1], x2 = x[a + f + 2], x3 = x[a + f + 3];
      int c0 = f * n + from, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
      for (int t = 0; t < len; t++) {
        out[o + t] = out[o + t] + x0 * c[c0 + t] + x1 * c[c1 + t] + x2 * c[c2 + t] + x3 * c[c3 + t];
      }
    }
    if (f + 2 <= d) {
      double x0 = x[a + f], x1 = x[a + f + 1];
      int c0 = f * n + from, c1 = c0 + n;
      for (int t = 0; t < len; t++) out[o + t] = out[o + t] + x0 * c[c0 + t] + x1 * c[c1 + t];
      f += 2;
    }
    if (f < d) {
      double x0 = x[a + f];
      int c0 = f * n + from;
      for (int t = 0; t < len; t++) out[o + t] += x0 * c[c0 + t];
    }
  }

  /**
   * Columns [from, to) of row i of the Gram matrix k(x, x) of the prepared rows, written into out[at + from, at + to):
   * for solvers that visit only some rows, one at a time (SMO touches ≈ 30–45 % of them on a Gaussian SVM at n = 2 000
   * and 8 000). In Java on the calling thread, without BLAS or off-heap memory, with the numerics of {@link
   * #upperTriangle(Prepared, HostDoubles)}: rows centred for the radial kernels, ‖x_i‖² + ‖x_t‖² − 2 x_i·x_t clamped at
   * 0, an exact k(0) diagonal, L1 distances summed directly; the products and sums run in the same order for (i, t)
   * and (t, i), so the rows are exactly symmetric. The dot products run feature by feature over all columns (from
   * {@code columns}, four features a pass: loops the JIT vectorises), each sum in the order of the features
   * as one row at a time would add them. Measured at n = 2 000, d = 10 (Gaussian, loaded 2-core machine): ≈ 6–7 ns
   * per entry, most of it in {@link Math#exp} (≈ 9 ns with each dot product in its own loop).
   *
   * @param p the prepared training rows
   * @param columns {@link #featureMajor}(p)
   * @param i the row, 0 &lt;= i &lt; n
   * @param from the first column
   * @param to one past the last column, &lt;= n
   * @param out receives k(x_i, x_t) at index at + t for from &lt;= t &lt; to
   * @param at where column 0 of the row would be in {@code out} (rows kept several to an array)
   */
  public static void gramRow(Prepared p, double[] columns, int i, int from, int to, double[] out, int at) {
    int d = p.d();
    double[] x = p.x();
    Kernel k = p.kernel();
    BaseQuantity quantity = k.base();
    int a = i * d;
    if (quantity == BaseQuantity.L1_DISTANCE) {
      for (int t = from; t < to; t++) {
        int b = t * d;
        double s = 0;
        for (int f = 0; f < d; f++) s += Math.abs(x[a + f] - x[b + f]);
        out[at + t] = s;
      }
    } else {
      dotProducts(columns, p.n(), x, a, d, from, to, out, at);
    }
    transform(k, quantity, out, at + from, to - from, p.norms()[i], p.norms(), from);
    if (quantity.translationInvariant() && i >= from && i < to) out[at + i] = Gram.valueAtZero(k);
  }
}
