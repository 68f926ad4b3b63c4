package org.mlmp.linear;

import org.mlmp.data.Dataset;
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
 * <p>Fast path, CPU backend: each block is copied (one memcpy), shifted ({@code ?ger}) and summed
 * ({@code ?gemv}) in single-threaded OpenBLAS calls, and multiplied by one {@code ?syrk} (half the flops
 * of a GEMM) — the only multi-threaded call per block ({@link DirectBlas}). FLOAT blocks are copied in
 * double and rounded and shifted in Java ({@code ofFloat}). Any other backend (or
 * {@link DirectBlas#generic}) takes the same steps with general ND4J operations ({@code subiRowVector},
 * {@code Nd4j.gemm}). (Tried and dropped: one {@code ?syrk} per 8 blocks staged out of cache — fewer
 * thread hand-offs, but ~20 % more CPU time and slower at moderate load.)
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
    boolean direct = DirectBlas.applies(scratch);
    if (direct && dt == DataType.FLOAT) return ofFloat(data, t, shifted, block);
    double[] shift = new double[d], sums = new double[d], xt = t == null ? null : new double[d];
    double[][] gram = new double[d][d];
    try (DirectBlas.GramSum acc = direct ? new DirectBlas.GramSum(d, dt) : null) {
      for (int r = 0; r < n; r += block) {
        int m = Math.min(block, n - r);
        INDArray x = m == block ? scratch : Nd4j.create(dt, new long[] {m, d}, 'c');
        data.copyRows(r, x);
        if (r == 0 && shifted) {
          // the mean of the first block, rounded to the working precision: the exact shift used below
          double[] colSum = direct ? DirectBlas.transposeTimes(x, null)
              : x.sum(0).castTo(DataType.DOUBLE).reshape(d).toDoubleVector();
          for (int j = 0; j < d; j++) shift[j] = dt == DataType.FLOAT ? (float) (colSum[j] / m) : colSum[j] / m;
        }
        if (shifted) {
          if (direct) {
            DirectBlas.subtractFromRows(x, shift);
          } else {
            x.subiRowVector(Nd4j.createFromArray(shift).castTo(dt).reshape(1, d));
          }
        }
        double[] tb = null;
        if (t != null) tb = java.util.Arrays.copyOfRange(t, r, r + m);
        if (direct) {
          acc.add(x);
          add(sums, DirectBlas.transposeTimes(x, null));
          if (t != null) add(xt, DirectBlas.transposeTimes(x, tb));
        } else {
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
      }
      if (direct) gram = acc.result();
    }
    if (!direct) { // exact symmetry, as the direct path's mirrored triangle
      for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) gram[i][j] = gram[j][i];
    }
    return new Moments(shift, sums, xt, gram, n);
  }

  /**
   * FLOAT on the CPU fast path: each block is copied as stored (double; ND4J's converting copy was
   * measured slow and erratic with two threads), rounded to float and shifted in plain Java, then
   * multiplied as in double ({@code ssyrk}, and single-threaded {@code sgemv} chunks summed in double).
   */
  private static Moments ofFloat(Dataset data, double[] t, boolean shifted, int block) {
    int n = data.nSamples(), d = data.nFeatures();
    INDArray raw = Nd4j.create(DataType.DOUBLE, new long[] {block, d}, 'c');
    INDArray single = Nd4j.create(DataType.FLOAT, new long[] {block, d}, 'c');
    double[] buf = new double[block * d];
    float[] fbuf = new float[block * d];
    double[] shift = new double[d], sums = new double[d], xt = t == null ? null : new double[d];
    float[] sf = new float[d];
    try (DirectBlas.GramSum acc = new DirectBlas.GramSum(d, DataType.FLOAT)) {
      for (int r = 0; r < n; r += block) {
        int m = Math.min(block, n - r);
        INDArray x = m == block ? raw : Nd4j.create(DataType.DOUBLE, new long[] {m, d}, 'c');
        INDArray f = m == block ? single : Nd4j.create(DataType.FLOAT, new long[] {m, d}, 'c');
        data.copyRows(r, x);
        DirectBlas.doubles(x).get(buf, 0, m * d);
        if (r == 0 && shifted) {
          double[] colSum = new double[d];
          for (int o = 0; o < m * d; o += d) for (int j = 0; j < d; j++) colSum[j] += (float) buf[o + j];
          for (int j = 0; j < d; j++) {
            sf[j] = (float) (colSum[j] / m);
            shift[j] = sf[j];
          }
        }
        for (int o = 0; o < m * d; o += d) {
          for (int j = 0; j < d; j++) fbuf[o + j] = (float) buf[o + j] - sf[j]; // stored in float, shifted in float
        }
        DirectBlas.floats(f).put(fbuf, 0, m * d);
        acc.add(f);
        add(sums, DirectBlas.transposeTimes(f, null));
        if (t != null) add(xt, DirectBlas.transposeTimes(f, java.util.Arrays.copyOfRange(t, r, r + m)));
      }
      return new Moments(shift, sums, xt, acc.result(), n);
    }
  }

  private static void add(double[] to, double[] v) {
    for (int j = 0; j < to.length; j++) to[j] += v[j];
  }
}
