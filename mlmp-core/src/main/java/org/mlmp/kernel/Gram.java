package org.mlmp.kernel;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.mlmp.api.Checks;
import org.mlmp.backend.HostBlas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gram matrices and kernel-expansion gradients, computed with matrix operations that run on either
 * ND4J backend (in double precision; Gram matrices also in float, {@link #matrix} / {@link #cross(Kernel,
 * INDArray, INDArray, DataType)}).
 *
 * <p><b>Numerics.</b> Squared distances use ‖x‖² + ‖x'‖² − 2 x·x', all three terms from a single
 * {@code Nd4j.gemm} of augmented matrices [x, ‖x‖², 1]·[−2x', 1, ‖x'‖²]ᵀ. That expression cancels badly
 * for close points far from the origin, so the data are first centred on the mean of the reference
 * set (distances are translation invariant), and negative round-off is clamped to 0. L1 distances
 * (Laplacian) are summed feature by feature. The symmetric Gram matrix is made exactly symmetric
 * (upper triangle copied to the lower) and, for the radial kernels, gets an exact k(0) diagonal.
 *
 * <p><b>Memory.</b> Work is done in row blocks of about {@value #BLOCK_ELEMENTS} entries, so
 * temporaries stay small; the n × m output itself is checked against JavaCPP's off-heap limit
 * ({@code org.bytedeco.javacpp.maxbytes}) before it is allocated.
 */
public final class Gram {
  private Gram() {}

  /** Entries per row block (4 Mi doubles = 32 MiB). */
  static final long BLOCK_ELEMENTS = 1L << 22;

  private static final int TILE = 256;

  /**
   * Bytes of a double matrix rows × cols.
   *
   * @param rows the number of rows
   * @param cols the number of columns
   * @return 8 · rows · cols
   * @throws ArithmeticException when that overflows a long
   */
  public static long bytesNeeded(long rows, long cols) {
    return Math.multiplyExact(Math.multiplyExact(rows, cols), 8L);
  }

  /**
   * Throws {@link IllegalStateException} if a double matrix rows × cols does not fit in what is left
   * of ND4J's off-heap memory limit; the message gives the bytes needed and how to raise the limit.
   *
   * @param rows the number of rows
   * @param cols the number of columns
   * @param what what the matrix is, for the message (e.g. "Gaussian Gram matrix")
   * @throws IllegalStateException when the matrix does not fit
   */
  public static void checkMemory(long rows, long cols, String what) {
    checkMemory(rows, cols, 8, what);
  }

  /**
   * {@link #checkMemory(long, long, String)} for {@code bytesPerEntry} bytes per entry, e.g. 12 for a
   * double matrix with a float copy of it (the mixed-precision Cholesky of kernel ridge regression).
   *
   * @param rows the number of rows
   * @param cols the number of columns
   * @param bytesPerEntry bytes per entry
   * @param what what the matrix is, for the message
   * @throws IllegalStateException when the matrix does not fit, or its size overflows a long
   */
  public static void checkMemory(long rows, long cols, int bytesPerEntry, String what) {
    long need;
    String entries = bytesPerEntry == 8 ? "doubles" : "entries of " + bytesPerEntry + " bytes";
    try {
      need = Math.multiplyExact(Math.multiplyExact(rows, cols), (long) bytesPerEntry);
    } catch (ArithmeticException e) {
      throw new IllegalStateException("The " + what + " of " + rows + " × " + cols + " " + entries + " needs more than "
          + Long.MAX_VALUE + " bytes; use fewer samples.");
    }
    long max = HostBlas.offHeapLimit();
    long used = HostBlas.offHeapUsed();
    if (max > 0 && used + need > max) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "The %s of %d × %d %s needs %d bytes (%s) of off-heap memory, but only %d bytes (%s) are left"
              + " of the limit org.bytedeco.javacpp.maxbytes = %d (%s). Raise the limit with the JVM options"
              + " -Dorg.bytedeco.javacpp.maxbytes=%s -Dorg.bytedeco.javacpp.maxphysicalbytes=%s (physical memory"
              + " permitting), or use fewer samples.",
          what, rows, cols, entries, need, human(need), Math.max(0, max - used), human(Math.max(0, max - used)), max,
          human(max), gigabytes(used + need + (1L << 30)), gigabytes(used + need + (2L << 30) + max / 4)));
    }
  }

  private static String human(long bytes) {
    if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    return bytes + " B";
  }

  private static String gigabytes(long bytes) {
    return ((bytes + (1L << 30) - 1) >> 30) + "G";
  }

  // ---------------------------------------------------------------------------------------------
  // Gram matrices

  static INDArray symmetric(Kernel k, INDArray x) {
    return matrix(k, x, DataType.DOUBLE);
  }

  /**
   * The symmetric Gram matrix k(x, x) {@code [n, n]} in the floating-point type {@code dt} (DOUBLE or
   * FLOAT), with ND4J operations only ({@code Nd4j.gemm} and element-wise ops), so on any backend; in
   * FLOAT about 7 significant digits (the squared distances cancel in float too: data centred first).
   *
   * @param k the kernel
   * @param x the rows {@code [n, d]}
   * @param dt DOUBLE or FLOAT
   * @return K {@code [n, n]}, exactly symmetric
   */
  public static INDArray matrix(Kernel k, INDArray x, DataType dt) {
    INDArray out = upperTriangle(k, x, dt);
    mirrorUpperToLower(out);
    return out;
  }

  /**
   * The cross Gram matrix k(x, y) {@code [m, n]} in {@code dt} (DOUBLE or FLOAT), ND4J operations only.
   *
   * @param k the kernel
   * @param x the rows {@code [m, d]}
   * @param y the rows {@code [n, d]}
   * @param dt DOUBLE or FLOAT
   * @return K {@code [m, n]}
   */
  public static INDArray cross(Kernel k, INDArray x, INDArray y, DataType dt) {
    return crossGram(k, x, y, floating(dt));
  }

  private static DataType floating(DataType dt) {
    if (dt != DataType.DOUBLE && dt != DataType.FLOAT) {
      throw new IllegalArgumentException("Gram matrices are computed in DOUBLE or FLOAT. Got " + dt + " instead.");
    }
    return dt;
  }

  /**
   * The Gram matrix k(x, x) {@code [n, n]} for solvers that read one triangle (Cholesky): the upper
   * triangle and the diagonal are exactly those of {@link Kernel#gram(INDArray)}, the strictly lower
   * triangle holds the same values up to round-off (it is not made symmetric, which saves a pass).
   *
   * @param k the kernel
   * @param x the rows {@code [n, d]}
   * @return K {@code [n, n]} double
   */
  public static INDArray upperTriangle(Kernel k, INDArray x) {
    return upperTriangle(k, x, DataType.DOUBLE);
  }

  private static INDArray upperTriangle(Kernel k, INDArray x, DataType dt) {
    Checks.matrix(x, "x");
    floating(dt);
    long n = x.rows();
    checkMemory(n, n, dt == DataType.DOUBLE ? 8 : 4, k.name() + " Gram matrix");
    INDArray xc = prepare(k, x.castTo(dt), null);
    INDArray out = Nd4j.createUninitialized(dt, n, n);
    fill(k, xc, xc, out);
    if (translationInvariant(k)) diagonal(out).assign(valueAtZero(k));
    return out;
  }

  static INDArray cross(Kernel k, INDArray x, INDArray y) {
    return crossGram(k, x, y, DataType.DOUBLE);
  }

  private static INDArray crossGram(Kernel k, INDArray x, INDArray y, DataType dt) {
    Checks.matrix(x, "x");
    Checks.matrix(y, "y");
    if (x.columns() != y.columns()) {
      throw new IllegalArgumentException("Kernel " + k.name() + ": x has " + x.columns() + " features (shape "
          + Arrays.toString(x.shape()) + ") but y has " + y.columns() + " (shape " + Arrays.toString(y.shape())
          + "); both need the same number of columns.");
    }
    checkMemory(x.rows(), y.rows(), dt == DataType.DOUBLE ? 8 : 4, k.name() + " Gram matrix");
    INDArray yd = y.castTo(dt);
    INDArray mu = translationInvariant(k) ? yd.mean(0).reshape(1, yd.columns()) : null;
    INDArray xc = prepare(k, x.castTo(dt), mu);
    INDArray yc = prepare(k, yd, mu);
    INDArray out = Nd4j.createUninitialized(dt, x.rows(), y.rows());
    fill(k, xc, yc, out);
    return out;
  }

  /** Centres x on mu (its own mean when mu is null) for the translation-invariant kernels. */
  private static INDArray prepare(Kernel k, INDArray x, INDArray mu) {
    if (!translationInvariant(k)) return x;
    INDArray m = mu != null ? mu : x.mean(0).reshape(1, x.columns());
    return x.subRowVector(m);
  }

  static boolean translationInvariant(Kernel k) {
    return k.base().translationInvariant();
  }

  /** k(x, x) of a translation-invariant kernel: its value at base quantity 0. */
  static double valueAtZero(Kernel k) {
    return k.fromBase(0.0);
  }

  /** Rows of the Gram matrix per block for n columns. */
  static int blockRows(long m, long n) {
    return (int) Math.max(1, Math.min(m, BLOCK_ELEMENTS / Math.max(1, n)));
  }

  /** out = k(xc, yc) for already centred inputs; out is [m, n] c-order. */
  private static void fill(Kernel k, INDArray xc, INDArray yc, INDArray out) {
    long m = xc.rows(), n = yc.rows();
    int b = blockRows(m, n);
    BaseRows base = new BaseRows(k.base(), xc, yc);
    double scale = k.baseScale();
    for (long r0 = 0; r0 < m; r0 += b) {
      long r1 = Math.min(m, r0 + b);
      INDArray view = out.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
      base.into(r0, r1, view, scale);
      k.ofScaled(view);
    }
  }

  /**
   * The base quantity of a kernel for row blocks, times a scale s: dot products x·y, squared Euclidean
   * distances or L1 distances.
   */
  private static final class BaseRows {
    private final BaseQuantity quantity;
    private final INDArray left;
    private final INDArray right;
    private final INDArray[] rightColumns;

    BaseRows(BaseQuantity quantity, INDArray xc, INDArray yc) {
      this.quantity = quantity;
      switch (quantity) {
        case SQUARED_DISTANCE -> {
          // [x, |x|², 1] · [-2y, 1, |y|²]ᵀ = |x|² + |y|² - 2 x·y
          INDArray sx = xc.mul(xc).sum(1).reshape(xc.rows(), 1);
          INDArray sy = xc == yc ? sx : yc.mul(yc).sum(1).reshape(yc.rows(), 1);
          left = Nd4j.hstack(xc, sx, Nd4j.ones(xc.dataType(), xc.rows(), 1));
          right = Nd4j.hstack(yc.mul(-2.0), Nd4j.ones(yc.dataType(), yc.rows(), 1), sy);
          rightColumns = null;
        }
        case L1_DISTANCE -> {
          left = xc;
          right = yc;
          rightColumns = new INDArray[(int) yc.columns()];
          for (int f = 0; f < rightColumns.length; f++) {
            rightColumns[f] = yc.getColumn(f).dup().reshape(1, yc.rows());
          }
        }
        case DOT_PRODUCT -> {
          left = xc;
          right = yc;
          rightColumns = null;
        }
        default -> throw new AssertionError(quantity);
      }
    }

    /** view ← s · base quantity of rows [r0, r1) against all of y. */
    void into(long r0, long r1, INDArray view, double scale) {
      INDArray lb = left.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
      switch (quantity) {
        case SQUARED_DISTANCE -> {
          // s r² straight from the GEMM (alpha = s), clamped at 0 (from above when s < 0): no extra pass
          Nd4j.gemm(lb, right, view, false, true, scale, 0.0);
          if (scale < 0) Transforms.min(view, 0.0, false);
          else Transforms.max(view, 0.0, false);
        }
        case DOT_PRODUCT -> {
          Nd4j.gemm(lb, right, view, false, true, 1.0, 0.0);
          if (scale != 1) view.muli(scale);
        }
        case L1_DISTANCE -> {
          view.assign(0.0);
          for (int f = 0; f < rightColumns.length; f++) {
            INDArray col = lb.getColumn(f).reshape(r1 - r0, 1);
            view.addi(Transforms.abs(col.sub(rightColumns[f]), false));
          }
          if (scale != 1) view.muli(scale);
        }
        default -> throw new AssertionError(quantity);
      }
    }
  }

  /** view ← f(view) element by element (CPU side; for user functions). */
  static void apply(INDArray view, DoubleUnaryOperator f) {
    double[] v = view.dup('c').data().asDouble(); // flat; toDoubleMatrix is slow for tall blocks
    for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(v[i]);
    view.assign(Nd4j.createFromArray(v).reshape('c', view.shape()).castTo(view.dataType()));
  }

  /** The diagonal of a fresh square c-order matrix as a strided view. */
  private static INDArray diagonal(INDArray square) {
    long n = square.rows();
    return Nd4j.create(square.data(), new long[] {n}, new long[] {n + 1}, 0, 'c', square.dataType());
  }

  /**
   * Copies the lower triangle of a square matrix onto its upper one, in place and in tiles, so the
   * result is exactly symmetric.
   *
   * @param a a square matrix, changed in place
   */
  public static void mirrorLowerToUpper(INDArray a) {
    mirror(a, true);
  }

  /**
   * Copies the upper triangle of a square matrix onto its lower one, in place (exactly symmetric).
   *
   * @param a a square matrix, changed in place
   */
  public static void mirrorUpperToLower(INDArray a) {
    mirror(a, false);
  }

  private static void mirror(INDArray a, boolean lowerToUpper) {
    long n = a.rows();
    if (HostBlas.hostMemory() && !a.isView() && a.ordering() == 'c' && a.dataType() == DataType.DOUBLE && a.offset() == 0
        && n * n < Integer.MAX_VALUE) {
      // CPU: a tiled transpose copy straight on the buffer (strided ND4J assigns are ~30x slower)
      java.nio.DoubleBuffer b = a.data().asNioDouble();
      int m = (int) n;
      for (int i0 = 0; i0 < m; i0 += 64) {
        int i1 = Math.min(m, i0 + 64);
        for (int j0 = 0; j0 <= i0; j0 += 64) {
          int j1 = Math.min(m, j0 + 64);
          for (int i = i0; i < i1; i++) {
            int jEnd = Math.min(j1, i);
            if (lowerToUpper) {
              for (int j = j0; j < jEnd; j++) b.put(j * m + i, b.get(i * m + j));
            } else {
              for (int j = j0; j < jEnd; j++) b.put(i * m + j, b.get(j * m + i));
            }
          }
        }
      }
      return;
    }
    for (long i0 = 0; i0 < n; i0 += TILE) {
      long i1 = Math.min(n, i0 + TILE);
      for (long j0 = 0; j0 < i0; j0 += TILE) {
        long j1 = Math.min(n, j0 + TILE);
        INDArray lower = a.get(NDArrayIndex.interval(i0, i1), NDArrayIndex.interval(j0, j1));
        INDArray upper = a.get(NDArrayIndex.interval(j0, j1), NDArrayIndex.interval(i0, i1));
        if (lowerToUpper) upper.assign(lower.transpose());
        else lower.assign(upper.transpose());
      }
      INDArray tileView = a.get(NDArrayIndex.interval(i0, i1), NDArrayIndex.interval(i0, i1));
      double[][] t = tileView.toDoubleMatrix();
      for (int i = 0; i < t.length; i++) {
        for (int j = 0; j < i; j++) {
          if (lowerToUpper) t[j][i] = t[i][j];
          else t[i][j] = t[j][i];
        }
      }
      tileView.assign(Nd4j.createFromArray(t).castTo(tileView.dataType()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Gradient of a kernel expansion

  static INDArray weightedGradient(Kernel k, INDArray x, INDArray centres, INDArray weights) {
    Checks.matrix(x, "x");
    Checks.matrix(centres, "centres");
    if (x.columns() != centres.columns()) {
      throw new IllegalArgumentException("weightedGradient: x has " + x.columns() + " features but centres have "
          + centres.columns() + ".");
    }
    long n = centres.rows(), m = x.rows(), d = x.columns();
    if (weights == null || weights.length() != n) {
      throw new IllegalArgumentException("weightedGradient: weights must have " + n + " entries (one per centre). Got "
          + (weights == null ? "null" : Arrays.toString(weights.shape())) + " instead.");
    }
    INDArray w = weights.castTo(DataType.DOUBLE).reshape(n, 1);
    INDArray cd = centres.castTo(DataType.DOUBLE);
    INDArray xd = x.castTo(DataType.DOUBLE);
    INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, m, d);
    BaseQuantity quantity = k.base();
    double scale = k.baseScale();
    INDArray mu = quantity.translationInvariant() ? cd.mean(0).reshape(1, d) : null;
    INDArray cc = prepare(k, cd, mu);
    INDArray xc = prepare(k, xd, mu);
    INDArray wc = cc.mulColumnVector(w); // rows w_n c_n
    int b = blockRows(m, n);
    for (long r0 = 0; r0 < m; r0 += b) {
      long r1 = Math.min(m, r0 + b);
      INDArray xb = xc.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
      INDArray ob = out.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
      INDArray kb = Nd4j.createUninitialized(DataType.DOUBLE, r1 - r0, n);
      // kb ← dk/db for every pair
      new BaseRows(quantity, xb, cc).into(0, r1 - r0, kb, scale);
      k.derivativeOfScaled(kb);
      switch (quantity) {
        case DOT_PRODUCT -> // ∇ₓ k(x·c) = k'(x·c) c
          Nd4j.gemm(kb, wc, ob, false, false, 1.0, 0.0);
        case SQUARED_DISTANCE -> {
          // ∇ₓ k(|x-c|²) = 2 k'(r²) (x - c)
          INDArray kw = Nd4j.createUninitialized(DataType.DOUBLE, r1 - r0, 1);
          Nd4j.gemm(kb, w, kw, false, false, 1.0, 0.0);
          Nd4j.gemm(kb, wc, ob, false, false, -2.0, 0.0);
          ob.addi(xb.mulColumnVector(kw).muli(2.0));
        }
        case L1_DISTANCE -> {
          // ∇ₓ k(|x-c|₁) = k'(|x-c|₁) sign(x - c)
          for (int f = 0; f < d; f++) {
            INDArray s = Transforms.sign(xb.getColumn(f).reshape(r1 - r0, 1).sub(cc.getColumn(f).reshape(1, n)), false);
            s.muli(kb);
            ob.getColumn(f).assign(s.mmul(w).reshape(r1 - r0));
          }
        }
        default -> throw new AssertionError(quantity);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // helpers shared by the kernel records

  static void sameLength(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("Kernel arguments have different lengths: " + a.length + " and " + b.length
          + ".");
    }
  }

  static double squaredDistance(double[] a, double[] b) {
    sameLength(a, b);
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return s;
  }

  static void positive(String param, String owner, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("The '" + param + "' parameter of " + owner
          + " must be a finite number > 0. Got " + value + " instead.");
    }
  }
}
