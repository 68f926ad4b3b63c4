package org.mlmp.linear;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlmp.api.Dataset;
import org.mlmp.api.Precision;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostDoubles;
import org.mlmp.backend.HostFloats;
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
 * <p>Fast path, CPU backend: the blocks are cut into at most {@value #GROUPS} groups of consecutive blocks, which
 * one Java thread per BLAS thread claims one at a time, with single-threaded OpenBLAS calls (OpenBLAS is set to one
 * thread for the duration, then restored): each block is copied (one memcpy into malloc'd scratch memory that the next
 * pass gets back), shifted ({@code ?ger}), summed ({@code ?gemv}) and multiplied by one {@code ?syrk} (half the flops
 * of a GEMM) ({@link DirectBlas}); each group is summed on its own and the group sums are added in group order, so the
 * result depends on n, d and the block length only, not on the thread count or the schedule. FLOAT
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
    // the direct calls apply to a fresh c-order DOUBLE or FLOAT array in host memory (DirectBlas.applies)
    if (HostBlas.hostMemory()) return ofDirect(data, t, shifted, dt, block);
    INDArray scratch = Nd4j.create(dt, new long[] {block, d}, 'c');
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
   * Most groups of blocks of the fast path: the blocks are cut into this many runs of consecutive blocks (fewer
   * when there are fewer blocks), which the threads claim one at a time, so a thread slowed by other work on its
   * core takes fewer of them. Each group is summed on its own and the group sums are added in group order, so the
   * result depends on n, d and the block length only: not on the thread count nor on which thread took which group.
   */
  static final int GROUPS = 16;

  /** Most bytes of the groups' Gram sums (d·d doubles each) held at once. */
  static final long GROUP_BYTES = 64L << 20;

  /** The BLAS threads' Java workers (daemons, kept 60 s between fits). */
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread th = new Thread(r, "mlmp-moments");
    th.setDaemon(true);
    return th;
  });

  /**
   * The CPU fast path. The blocks are cut into at most {@value #GROUPS} groups of consecutive blocks, claimed one at
   * a time by one Java thread per BLAS thread (the caller's and pool threads, OpenBLAS set to one thread meanwhile),
   * each group summed on its own, the group sums added in group order: the result does not depend on the thread
   * count or the schedule. Measured on the 2-core EPYC: a two-thread {@code ?syrk} per 3 MB block scaled poorly
   * (ridge 100000×200 took 0.157 s against scikit-learn's 0.121 s); independent single-threaded groups do not wait
   * for each other, and with groups claimed as they go a thread whose core is busy with other work holds the other
   * up by one group at most (a fixed half per thread made the whole pass as slow as the slower core).
   */
  private static Moments ofDirect(Dataset data, double[] t, boolean shifted, DataType dt, int block) {
    int n = data.nSamples(), d = data.nFeatures();
    double[] shift = shifted ? firstBlockMean(data, dt, Math.min(block, n)) : new double[d];
    int nBlocks = (n + block - 1) / block;
    int groups = groups(nBlocks, d);
    // each group's Gram sum (upper triangle, column-major) off-heap: malloc'd pages come back pass after pass, where
    // large new Java arrays land on fresh heap pages (≈ 12 µs a 4 KB page on this VM) until the heap is fully touched
    HostDoubles[] grams = new HostDoubles[groups];
    double[][] sumsOf = new double[groups][], xtOf = new double[groups][];
    try {
      for (int g = 0; g < groups; g++) grams[g] = HostDoubles.allocate((long) d * d);
      AtomicInteger next = new AtomicInteger();
      Runnable worker = () -> {
        try (Scratch s = new Scratch(data, dt, block)) {
          for (int g = next.getAndIncrement(); g < groups; g = next.getAndIncrement()) {
            int from = (int) Math.min(n, (long) block * (nBlocks * (long) g / groups));
            int to = (int) Math.min(n, (long) block * (nBlocks * (long) (g + 1) / groups));
            sumsOf[g] = new double[d];
            xtOf[g] = t == null ? null : new double[d];
            partial(s, t, from, to, shifted, shift, grams[g], sumsOf[g], xtOf[g]);
          }
        }
      };
      int threads = Math.max(1, Math.min(Nd4j.factory().blas().getMaxThreads(), groups));
      if (threads == 1) {
        worker.run();
      } else {
        runOnThreads(worker, threads, next, groups);
      }
      double[] sum = new double[d * d], part = new double[d * d], sums = new double[d];
      double[] xt = t == null ? null : new double[d];
      for (int g = 0; g < groups; g++) {
        add(sums, sumsOf[g]);
        if (xt != null) add(xt, xtOf[g]);
        grams[g].get(0, part, 0, d * d);
        for (int j = 0; j < d; j++) for (int i = 0, o = j * d; i <= j; i++) sum[o + i] += part[o + i];
      }
      return new Moments(shift, sums, xt, DirectBlas.mirror(sum, d), n);
    } finally {
      for (HostDoubles h : grams) if (h != null) h.close();
    }
  }

  /**
   * The number of groups for nBlocks blocks of d columns: at most {@value #GROUPS}, and at most as many d·d sums as
   * fit in {@value #GROUP_BYTES} bytes (but 2, when there are 2 blocks, for the two BLAS threads of large d).
   */
  static int groups(int nBlocks, int d) {
    long cap = Math.max(2, Math.min(GROUPS, GROUP_BYTES / (8L * d * d)));
    return (int) Math.min(nBlocks, cap);
  }

  /**
   * Runs {@code worker} on the calling thread and on threads − 1 pool threads, OpenBLAS set to one thread meanwhile.
   * Should one fail, the others claim no further group ({@code next} set to {@code groups}) and are waited for before
   * the failure is rethrown.
   */
  private static void runOnThreads(Runnable worker, int threads, AtomicInteger next, int groups) {
    int saved = Nd4j.factory().blas().getMaxThreads();
    Nd4j.factory().blas().setMaxThreads(1);
    List<Future<?>> futures = new ArrayList<>();
    RuntimeException failure = null;
    try {
      for (int p = 1; p < threads; p++) futures.add(POOL.submit(worker));
      worker.run();
    } catch (RuntimeException e) {
      failure = e;
      next.set(groups);
    }
    boolean interrupted = false;
    for (Future<?> f : futures) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the workers still use the scratch memory and the data: wait for them
        } catch (ExecutionException e) {
          next.set(groups);
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
          }
          break;
        }
      }
    }
    Nd4j.factory().blas().setMaxThreads(saved);
    if (interrupted) Thread.currentThread().interrupt();
    if (failure != null) throw failure;
  }

  /** The mean of the first m rows, rounded to the working precision: the exact shift used by every group. */
  private static double[] firstBlockMean(Dataset data, DataType dt, int m) {
    int d = data.nFeatures();
    double[] shift = new double[d];
    try (BlockRows rows = new BlockRows(data, m)) {
      HostDoubles x = rows.load(0, m);
      if (dt == DataType.DOUBLE) {
        double[] colSum = DirectBlas.transposeTimes(x, m, d, null, 0);
        for (int j = 0; j < d; j++) shift[j] = colSum[j] / m;
      } else {
        double[] buf = new double[m * d];
        x.get(0, buf, 0, m * d);
        double[] colSum = new double[d];
        for (int o = 0; o < m * d; o += d) for (int j = 0; j < d; j++) colSum[j] += (float) buf[o + j];
        for (int j = 0; j < d; j++) shift[j] = (float) (colSum[j] / m);
      }
    }
    return shift;
  }

  /**
   * Room for up to {@code block} rows of x in double, off-heap, allocated with plain {@code malloc} and freed by
   * {@link #close}, so the next pass gets the same pages back (a fresh ND4J array of 3 MB cost ≈ 9 ms of page faults
   * and zeroing here, and ND4J frees its arrays only when they are garbage-collected). {@link #load} fills it with
   * {@link Dataset#copyRows} (one memcpy for a dense c-order DOUBLE x) through an ND4J array over the same memory.
   */
  private static final class BlockRows implements AutoCloseable {
    private final Dataset data;
    private final int d;
    private final int block;
    private final HostDoubles memory;
    /** the ND4J arrays over {@link #memory}: [block, d], and [m, d] for a shorter last block */
    private INDArray full;
    private INDArray tail;

    BlockRows(Dataset data, int block) {
      this.data = data;
      this.d = data.nFeatures();
      this.block = block;
      this.memory = HostDoubles.allocate((long) block * d);
    }

    /** Rows [r, r + m) of x (m ≤ block) in double, c order, from element 0 of the returned buffer; changeable in place. */
    HostDoubles load(int r, int m) {
      INDArray dest;
      if (m == block) {
        if (full == null) full = over(m);
        dest = full;
      } else {
        if (tail == null || tail.rows() != m) tail = over(m);
        dest = tail;
      }
      data.copyRows(r, dest);
      return DirectBlas.doubles(dest);
    }

    /** A fresh-looking (not a view, offset 0) c-order [m, d] DOUBLE array over the first m·d elements of memory. */
    private INDArray over(int m) {
      return memory.asArray(m, d);
    }

    @Override
    public void close() {
      memory.close();
    }
  }

  /** One worker's memory: its {@link BlockRows}; for FLOAT the rounded block and a few rows' staging, and a FLOAT accumulator. */
  private static final class Scratch implements AutoCloseable {
    final int d;
    final int block;
    final BlockRows rows;
    /** FLOAT: rows per conversion chunk, the chunk as stored (double) and rounded and shifted (float); else null */
    final int chunk;
    final double[] buf;
    final float[] fbuf;
    final HostFloats frows;
    final DirectBlas.GramSum facc;

    Scratch(Dataset data, DataType dt, int block) {
      this.d = data.nFeatures();
      this.block = block;
      this.rows = new BlockRows(data, block);
      boolean single = dt == DataType.FLOAT;
      this.chunk = Math.min(block, DirectBlas.chunkRows(d));
      this.buf = single ? new double[chunk * d] : null;
      this.fbuf = single ? new float[chunk * d] : null;
      this.frows = single ? HostFloats.allocate((long) block * d) : null;
      this.facc = single ? new DirectBlas.GramSum(d, dt) : null;
    }

    @Override
    public void close() {
      rows.close();
      if (frows != null) frows.close();
      if (facc != null) facc.close();
    }
  }

  /**
   * The moments of rows [from, to) about the given shift, in the worker's scratch: the Gram sum's upper triangle into
   * {@code gram} (d·d, column-major), the column sums and xᵀt added to {@code sums} and {@code xt}. DOUBLE: each block
   * copied (one memcpy), shifted ({@code dger}), summed ({@code dgemv}), multiplied ({@code dsyrk}). FLOAT: each
   * block read as stored (double) a few rows at a time, rounded to float and shifted in plain Java, then
   * {@code ssyrk} and {@code sgemv} chunks summed in double (ND4J's converting copy was measured slow and erratic
   * with two threads).
   */
  private static void partial(Scratch s, double[] t, int from, int to, boolean shifted, double[] shift,
      HostDoubles gram, double[] sums, double[] xt) {
    int d = s.d, block = s.block;
    float[] sf = new float[d];
    for (int j = 0; j < d; j++) sf[j] = (float) shift[j];
    if (s.facc != null) s.facc.reset();
    for (int r = from; r < to; r += block) {
      int m = Math.min(block, to - r);
      HostDoubles z = s.rows.load(r, m);
      if (s.facc != null) {
        for (int c = 0; c < m; c += s.chunk) {
          int len = Math.min(s.chunk, m - c) * d;
          z.get((long) c * d, s.buf, 0, len);
          for (int o = 0; o < len; o += d) {
            for (int j = 0; j < d; j++) s.fbuf[o + j] = (float) s.buf[o + j] - sf[j]; // stored in float, shifted in float
          }
          s.frows.put((long) c * d, s.fbuf, 0, len);
        }
        s.facc.add(s.frows, m);
        add(sums, DirectBlas.transposeTimes(s.frows, m, d, null, 0));
        if (t != null) add(xt, DirectBlas.transposeTimes(s.frows, m, d, t, r));
      } else {
        if (shifted) DirectBlas.subtractFromRows(z, m, d, shift);
        DirectBlas.syrk(z, m, d, r == from, gram);
        add(sums, DirectBlas.transposeTimes(z, m, d, null, 0));
        if (t != null) add(xt, DirectBlas.transposeTimes(z, m, d, t, r));
      }
    }
    if (s.facc != null) s.facc.upperInto(gram);
  }

  private static void add(double[] to, double[] v) {
    for (int j = 0; j < to.length; j++) to[j] += v[j];
  }
}
