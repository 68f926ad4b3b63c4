package org.mlmp.linear;

import org.mlmp.api.Precision;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first and second moments of the rows x_i of a data set about a shift s, in one streamed pass:
 * <pre>
 *   gram = Σ_i (x_i − s)(x_i − s)ᵀ   [d, d]
 *   sums = Σ_i (x_i − s)             [d]
 *   xt   = Σ_i (x_i − s) t_i         [d]   (t given, else null)
 * </pre>
 * The rows are copied block by block ({@link Dataset#copyRows}, about {@value #BLOCK_BYTES} bytes a
 * block, so a block stays in cache) into one scratch array in the requested precision, shifted there,
 * and multiplied: x is never copied whole, and the data are read from memory once.
 *
 * <p>Accuracy: with {@code shifted}, s is the mean of the first block (rounded to the working precision),
 * within about σ/√m of the overall mean c = s + sums/N; the centred moments then follow without
 * cancellation, Σ(x − c)(x − c)ᵀ = gram − sums sumsᵀ/N (the correction is ~1/m of gram), which is
 * what centring the data themselves gives (B. P. Welford's shifted-data algorithm; Chan, Golub,
 * LeVeque, Am. Stat. 37 (1983) 242). A data set of at most one block (the NIST StRD problems) is shifted
 * by its own mean, exactly as before.
 *
 * <p>Fast path, CPU backend: the blocks are split into one contiguous range of rows per BLAS thread; each
 * range is summed by its own Java thread with single-threaded OpenBLAS calls (OpenBLAS is set to one thread
 * for the duration, then restored): each block is copied (one memcpy), shifted ({@code ?ger}), summed
 * ({@code ?gemv}) and multiplied by one {@code ?syrk} (half the flops of a GEMM) ({@link DirectBlas}); the
 * ranges' partial sums are added in order, so the result is deterministic for a given thread count. FLOAT
 * blocks are copied in double and rounded and shifted in Java. Any other backend (or
 * {@link org.mlmp.backend.HostBlas#forceGeneric()}) takes the same steps with general ND4J operations
 * ({@code subiRowVector}, {@code Nd4j.gemm}). (Tried and dropped: one two-threaded {@code ?syrk} per block — it scaled poorly on two
 * cores; one {@code ?syrk} per 8 blocks staged out of cache — ~20 % more CPU time.)
 */
final class Moments {
  /** Target bytes of one block of rows (measured best between 1.5 and 3 MB for d = 200 on the 2-core EPYC). */
  static final int BLOCK_BYTES = 3 << 20;

  final double[] shift;
  final double[] sums;
  final double[] xt;
  final double[][] gram;
  final int n;

  private Moments(double[] shift, double[] sums, double[] xt, double[][] gram, int n) {
    this.shift = shift;
    this.sums = sums;
    this.xt = xt;
    this.gram = gram;
    this.n = n;
  }

  /** Rows per block for d columns of the given precision. */
  static int blockRows(int n, int d, Precision precision) {
    int rows = Math.max(256, BLOCK_BYTES / (d * precision.dataType().width()));
    return Math.max(1, Math.min(n, rows));
  }

  /**
   * @param t the targets (length n), or null
   * @param shifted whether to shift by the first block's mean (else s = 0)
   */
  static Moments of(Dataset data, double[] t, boolean shifted, Precision precision) {
    return of(data, t, shifted, precision, blockRows(data.nSamples(), data.nFeatures(), precision));
  }

  static Moments of(Dataset data, double[] t, boolean shifted, Precision precision, int block) {
    int n = data.nSamples(), d = data.nFeatures();
    DataType dt = precision.dataType();
    INDArray scratch = Nd4j.create(dt, new long[] {block, d}, 'c');
    if (DirectBlas.applies(scratch)) return ofDirect(data, t, shifted, dt, block);
    double[] shift = new double[d], sums = new double[d], xt = t == null ? null : new double[d];
    double[][] gram = new double[d][d];
    for (int r = 0; r < n; r += block) {
      int m = Math.min(block, n - r);
      INDArray x = m == block ? scratch : Nd4j.create(dt, new long[] {m, d}, 'c');
      data.copyRows(r, x);
      if (r == 0 && shifted) {
        // the mean of the first block, rounded to the working precision: the exact shift used below
        double[] colSum = x.sum(0).castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
        for (int j = 0; j < d; j++) shift[j] = dt == DataType.FLOAT ? (float) (colSum[j] / m) : colSum[j] / m;
      }
      if (shifted) x.subiRowVector(Nd4j.createFromArray(shift).castTo(dt).reshape(1, d));
      double[] tb = t == null ? null : java.util.Arrays.copyOfRange(t, r, r + m);
      INDArray g = Nd4j.create(dt, new long[] {d, d}, 'f');
      Nd4j.gemm(x, x, g, true, false, 1.0, 0.0);
      double[][] gb = g.castTo(DataType.DOUBLE).toDoubleMatrix();
      for (int i = 0; i < d; i++) add(gram[i], gb[i]);
      // [1, t] as the columns of one [m, 2] matrix: the column sums and xᵀt from one product
      double[] ones = new double[2 * m];
      for (int i = 0; i < m; i++) {
        ones[2 * i] = 1;
        ones[2 * i + 1] = t == null ? 0 : tb[i];
      }
      INDArray v = Nd4j.create(ones, new long[] {m, 2}, 'c').castTo(dt);
      INDArray out = Nd4j.create(dt, new long[] {d, 2}, 'f');
      Nd4j.gemm(x, v, out, true, false, 1.0, 0.0);
      double[][] o = out.castTo(DataType.DOUBLE).toDoubleMatrix();
      for (int j = 0; j < d; j++) {
        sums[j] += o[j][0];
        if (t != null) xt[j] += o[j][1];
      }
    }
    // exact symmetry, as the direct path's mirrored triangle
    for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) gram[i][j] = gram[j][i];
    return new Moments(shift, sums, xt, gram, n);
  }

  /**
   * The CPU fast path. The blocks are split into one contiguous range per BLAS thread, each range summed
   * by its own Java thread with OpenBLAS set to one thread meanwhile, and the partial sums added in range
   * order (deterministic for a given thread count). Measured on the 2-core EPYC: a two-thread
   * {@code ?syrk} per 3 MB block scaled poorly (ridge 100000×200 took 0.157 s against scikit-learn's
   * 0.121 s); independent single-threaded ranges do not wait for each other.
   */
  private static Moments ofDirect(Dataset data, double[] t, boolean shifted, DataType dt, int block) {
    int n = data.nSamples(), d = data.nFeatures();
    double[] shift = shifted ? firstBlockMean(data, dt, Math.min(block, n)) : new double[d];
    int nBlocks = (n + block - 1) / block;
    int threads = Math.max(1, Math.min(Nd4j.factory().blas().getMaxThreads(), nBlocks));
    Partial[] parts = new Partial[threads];
    if (threads == 1) {
      parts[0] = partial(data, t, 0, n, shifted, shift, dt, block);
    } else {
      int saved = Nd4j.factory().blas().getMaxThreads();
      Nd4j.factory().blas().setMaxThreads(1);
      try {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads - 1);
        try {
          java.util.List<java.util.concurrent.Future<Partial>> futures = new java.util.ArrayList<>();
          for (int p = 1; p < threads; p++) {
            int from = (int) Math.min(n, (long) block * (nBlocks * (long) p / threads));
            int to = (int) Math.min(n, (long) block * (nBlocks * (long) (p + 1) / threads));
            futures.add(pool.submit(() -> partial(data, t, from, to, shifted, shift, dt, block)));
          }
          parts[0] = partial(data, t, 0, (int) Math.min(n, (long) block * (nBlocks / threads)), shifted, shift, dt,
              block);
          for (int p = 1; p < threads; p++) parts[p] = futures.get(p - 1).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while summing the Gram matrix.", e);
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) throw re;
          throw new IllegalStateException(e.getCause());
        } finally {
          pool.shutdownNow();
        }
      } finally {
        Nd4j.factory().blas().setMaxThreads(saved);
      }
    }
    double[] sums = new double[d], xt = t == null ? null : new double[d];
    double[][] gram = new double[d][d];
    for (Partial p : parts) {
      add(sums, p.sums);
      if (xt != null) add(xt, p.xt);
      for (int i = 0; i < d; i++) add(gram[i], p.gram[i]);
    }
    return new Moments(shift, sums, xt, gram, n);
  }

  private record Partial(double[][] gram, double[] sums, double[] xt) {}

  /** The mean of the first block, rounded to the working precision: the exact shift used by every range. */
  private static double[] firstBlockMean(Dataset data, DataType dt, int m) {
    int d = data.nFeatures();
    INDArray x = Nd4j.create(DataType.DOUBLE, new long[] {m, d}, 'c');
    data.copyRows(0, x);
    double[] shift = new double[d];
    if (dt == DataType.DOUBLE) {
      double[] colSum = DirectBlas.transposeTimes(x, null);
      for (int j = 0; j < d; j++) shift[j] = colSum[j] / m;
    } else {
      double[] buf = new double[m * d];
      DirectBlas.doubles(x).get(0, buf, 0, m * d);
      double[] colSum = new double[d];
      for (int o = 0; o < m * d; o += d) for (int j = 0; j < d; j++) colSum[j] += (float) buf[o + j];
      for (int j = 0; j < d; j++) shift[j] = (float) (colSum[j] / m);
    }
    return shift;
  }

  /**
   * The moments of rows [from, to) about the given shift. DOUBLE: each block copied (one memcpy), shifted
   * ({@code dger}), summed ({@code dgemv}), multiplied ({@code dsyrk}). FLOAT: each block copied as stored
   * (double; ND4J's converting copy was measured slow and erratic with two threads), rounded to float and
   * shifted in plain Java, then {@code ssyrk} and {@code sgemv} chunks summed in double.
   */
  private static Partial partial(Dataset data, double[] t, int from, int to, boolean shifted, double[] shift,
      DataType dt, int block) {
    int d = data.nFeatures();
    boolean single = dt == DataType.FLOAT;
    INDArray raw = Nd4j.create(DataType.DOUBLE, new long[] {block, d}, 'c');
    INDArray flt = single ? Nd4j.create(DataType.FLOAT, new long[] {block, d}, 'c') : null;
    double[] buf = single ? new double[block * d] : null;
    float[] fbuf = single ? new float[block * d] : null;
    float[] sf = new float[d];
    for (int j = 0; j < d; j++) sf[j] = (float) shift[j];
    double[] sums = new double[d], xt = t == null ? null : new double[d];
    try (DirectBlas.GramSum acc = new DirectBlas.GramSum(d, dt)) {
      for (int r = from; r < to; r += block) {
        int m = Math.min(block, to - r);
        INDArray x = m == block ? raw : Nd4j.create(DataType.DOUBLE, new long[] {m, d}, 'c');
        data.copyRows(r, x);
        double[] tb = t == null ? null : java.util.Arrays.copyOfRange(t, r, r + m);
        INDArray z = x;
        if (single) {
          z = m == block ? flt : Nd4j.create(DataType.FLOAT, new long[] {m, d}, 'c');
          DirectBlas.doubles(x).get(0, buf, 0, m * d);
          for (int o = 0; o < m * d; o += d) {
            for (int j = 0; j < d; j++) fbuf[o + j] = (float) buf[o + j] - sf[j]; // stored in float, shifted in float
          }
          DirectBlas.floats(z).put(0, fbuf, 0, m * d);
        } else if (shifted) {
          DirectBlas.subtractFromRows(x, shift);
        }
        acc.add(z);
        add(sums, DirectBlas.transposeTimes(z, null));
        if (t != null) add(xt, DirectBlas.transposeTimes(z, tb));
      }
      return new Partial(acc.result(), sums, xt);
    }
  }

  private static void add(double[] to, double[] v) {
    for (int j = 0; j < to.length; j++) to[j] += v[j];
  }
}
