package org.mlmp.backend;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * c = α·op(a)·op(b) + β·c on FLOAT host arrays in row order, through oneDNN's {@code dnnl_sgemm} (JavaCPP's
 * oneDNN 2.5, the library {@link HostConvolution} calls), bound once to the arrays' memory and run as often as
 * needed. libnd4j's {@code matmul} reaches the same {@code gemm:jit} kernel (the same bits at LeNet's dense
 * shape, {@code HostGemmTest}) through a longer path: with its op context built once it took 2–17 % longer per call
 * at the MLP's and LeNet's dense shapes (128 × 784 × 512: 838–916 µs against 784–811; 64 × 800 × 500: 313–319
 * against 292–294), and the MLP's and LeNet's training steps took 2–5 % less time this way (docs/nn-measurements.md,
 * "Dense layers' GEMMs through oneDNN's sgemm").
 *
 * <p>Where oneDNN runs below AVX-512, b is not transposed, its rows a multiple of {@value #ALIASED_ROW} floats long
 * and c has at least {@value #PADDED_MIN_ROWS} rows, each run first copies b into rows {@value #PADDING} floats longer
 * and multiplies that copy: on an AVX2-only AMD EPYC (Zen 3) with rows of 2ⁿ · 512 floats the kernel ran 1.4–2.5
 * times as long (128 × 784 × 512, the MLP's first layer: 0.78–0.85 ms against 0.56–0.59 ms on the copy, the copy
 * 0.06 ms; 128 × 784 × 1 024: 2.25–2.99 ms against 1.11–1.19 ms, the copy 0.12–0.14 ms; the same bits;
 * docs/nn-measurements.md, "A dense layer's weights in padded rows"). With AVX-512 (a Zen 5 EPYC) the copy made those
 * products about twice as slow (0.31–0.32 against 0.60–0.72 ms; section "The padded copy and the Java pool below
 * AVX-512 only"), so there b is multiplied in place.
 *
 * <p>Each run reads the arrays' current values and allocates nothing. An instance holds its three arrays, so their
 * memory outlives it; like the plan that owns it, it is meant for one thread at a time (two runs at once write the
 * same c).
 */
public final class HostGemm {
  /** b's row length (in floats) that is copied into longer rows: a multiple of this. */
  static final long ALIASED_ROW = 512;
  /** The floats added to each row of b's copy (64 bytes). */
  static final int PADDING = 16;
  /** The fewest rows of c for which b is copied: at 32 rows the copy took about what it saved. */
  static final long PADDED_MIN_ROWS = 64;

  private final byte transA, transB;
  private final long m, n, k, lda, ldb, ldc;
  private final float alpha, beta;
  private final FloatPointer a, b, c;
  /** The arrays themselves, so that their memory lives as long as this GEMM does. */
  private final INDArray[] arrays;
  /** b's copy in rows of {@code ldb} floats, or null (b is multiplied in place); then its rows, read and written. */
  private final FloatPointer padded;
  private final FloatBuffer bFloats, paddedFloats;
  private final float[] row;

  private HostGemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, long k, float alpha,
      float beta, boolean padding) {
    this.transA = (byte) (transA ? 'T' : 'N');
    this.transB = (byte) (transB ? 'T' : 'N');
    m = c.size(0);
    n = c.size(1);
    this.k = k;
    lda = a.size(1);
    boolean pad = padding && pads(transB, m, n, k);
    ldb = b.size(1) + (pad ? PADDING : 0);
    ldc = n;
    this.alpha = alpha;
    this.beta = beta;
    this.a = elements(a);
    FloatPointer bElements = elements(b);
    this.c = elements(c);
    arrays = new INDArray[] {a, b, c};
    padded = pad ? new FloatPointer(k * ldb) : null;
    bFloats = pad ? bElements.asBuffer() : null;
    paddedFloats = pad ? padded.asBuffer() : null;
    row = pad ? new float[(int) n] : null;
    this.b = pad ? padded : bElements;
  }

  /** Whether b [k, n] is copied into longer rows before each run below AVX-512 (see the class comment). */
  static boolean pads(boolean transB, long m, long n, long k) {
    return !transB && n % ALIASED_ROW == 0 && m >= PADDED_MIN_ROWS && k * (n + PADDING) <= Integer.MAX_VALUE;
  }

  /**
   * The GEMM bound to {@code a}, {@code b} and {@code c}, or null where this path does not apply: oneDNN's natives
   * did not load, the thread runs {@link HostBlas#forceGeneric()}, or an array is not a FLOAT rank-2 host array whose
   * elements are one row-major run of its buffer (the caller then takes libnd4j's {@code matmul}).
   *
   * @param a A, {@code [m, k]}, or {@code [k, m]} with {@code transA}
   * @param b B, {@code [k, n]}, or {@code [n, k]} with {@code transB}
   * @param c C, {@code [m, n]}, written by each run
   * @param transA whether op(a) is aᵀ
   * @param transB whether op(b) is bᵀ
   * @param alpha the factor α of the product
   * @param beta the factor β of the old c (0: c is overwritten)
   * @return the GEMM, or null where this path does not apply
   * @throws IllegalArgumentException when op(a) {@code [m, k]}, op(b) {@code [k, n]} and c {@code [m, n]} do not fit
   *     (the three shapes and the transpositions are named)
   */
  public static HostGemm of(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, float alpha,
      float beta) {
    // the processor is asked only where oneDNN runs at all (not on a GPU backend, whose process need not load it)
    return runs() ? of(a, b, c, transA, transB, alpha, beta, !OneDnn.avx512()) : null;
  }

  /** Host memory and oneDNN's natives: this path can run. */
  private static boolean runs() {
    return HostBlas.hostMemory() && OneDnn.Loaded.ENGINE != null;
  }

  /** {@link #of}, with b's padded copy allowed where {@link #pads} or never, whatever the processor (tests). */
  static HostGemm of(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, float alpha, float beta,
      boolean padding) {
    if (!runs()) return null;
    for (INDArray x : new INDArray[] {a, b, c}) {
      if (x.rank() != 2 || x.dataType() != DataType.FLOAT || !HostBlas.rowMajorRun(x)) return null;
    }
    long m = transA ? a.size(1) : a.size(0), ka = transA ? a.size(0) : a.size(1);
    long kb = transB ? b.size(1) : b.size(0), n = transB ? b.size(0) : b.size(1);
    if (ka != kb || c.size(0) != m || c.size(1) != n) {
      throw new IllegalArgumentException("HostGemm: op(a) " + (transA ? "(transposed) " : "") + "must be [m, k], op(b) "
          + (transB ? "(transposed) " : "") + "[k, n] and c [m, n]. Got a " + Arrays.toString(a.shape()) + ", b "
          + Arrays.toString(b.shape()) + ", c " + Arrays.toString(c.shape()) + "; pass arrays whose shapes agree.");
    }
    return new HostGemm(a, b, c, transA, transB, ka, alpha, beta, padding);
  }

  /** Whether each run multiplies a padded copy of b. */
  boolean padded() {
    return padded != null;
  }

  /** Computes c = α·op(a)·op(b) + β·c from the arrays' current values. */
  public void run() {
    if (padded != null) {
      for (int i = 0, rows = (int) k, from = 0, to = 0; i < rows; i++, from += row.length, to += (int) ldb) {
        bFloats.get(from, row);
        paddedFloats.put(to, row);
      }
    }
    int status = dnnl.dnnl_sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    if (status != dnnl.dnnl_success) {
      throw new IllegalStateException("HostGemm: dnnl_sgemm returned status " + status + " for m = " + m + ", n = " + n
          + ", k = " + k + " (transA " + (char) transA + ", transB " + (char) transB + ").");
    }
  }

  /** The array's first element onwards ({@link #of} has checked that it is FLOAT host memory in one run). */
  private static FloatPointer elements(INDArray x) {
    return new FloatPointer(x.data().addressPointer()).capacity(x.length());
  }
}
