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
 * thread for the duration, then restored): each block is copied (one memcpy into off-heap scratch memory kept for the
 * next pass, {@link Workspace}), shifted ({@code ?ger}), multiplied by one {@code ?syrk} (half the flops of a GEMM)
 * ({@link DirectBlas}) and summed against ones and t ({@code ?gemv}), one call each per block; each group is summed on
 * its own (inside OpenBLAS, β = 1) and the group sums are added in group order, so the
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
  static final int GROUPS = 32;

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
   *
   * <p>All scratch memory (each worker's block of rows and vectors, the groups' sums) comes from {@link Workspace},
   * so pass after pass runs on pages already touched: a fresh 3 MB block costs ≈ 9 ms of page faults on this VM, and
   * whether {@code malloc} hands back the same pages depended on the heap's state (the first block's mean took 1 ms
   * in one JVM and 12 ms in another, 2026-12-04).
   */
  private static Moments ofDirect(Dataset data, double[] t, boolean shifted, DataType dt, int block) {
    int n = data.nSamples(), d = data.nFeatures();
    int nBlocks = (n + block - 1) / block;
    int groups = groups(nBlocks, d);
    int threads = Math.max(1, Math.min(BlasThreads.enterSingle(), groups));
    Scratch[] scratch = new Scratch[threads];
    // each group's Gram sum (upper triangle, column-major), column sums and xᵀt, off-heap
    Workspace[] grams = new Workspace[groups];
    Workspace[] sumsOf = new Workspace[groups];
    Workspace[] xtOf = new Workspace[groups];
    try {
      for (int p = 0; p < threads; p++) scratch[p] = new Scratch(data, dt, block, t != null);
      double[] shift = shifted ? firstBlockMean(scratch[0], dt, Math.min(block, n)) : new double[d];
      for (Scratch s : scratch) s.setShift(shift);
      for (int g = 0; g < groups; g++) {
        grams[g] = Workspace.take((long) d * d);
        sumsOf[g] = Workspace.take(d);
        xtOf[g] = Workspace.take(d);
      }
      AtomicInteger next = new AtomicInteger();
      AtomicInteger slot = new AtomicInteger();
      Runnable worker = () -> {
        Scratch s = scratch[slot.getAndIncrement()];
        for (int g = next.getAndIncrement(); g < groups; g = next.getAndIncrement()) {
          int from = (int) Math.min(n, (long) block * (nBlocks * (long) g / groups));
          int to = (int) Math.min(n, (long) block * (nBlocks * (long) (g + 1) / groups));
          partial(s, t, from, to, shifted, grams[g].memory, sumsOf[g].memory, xtOf[g].memory);
        }
      };
      runOnThreads(worker, threads, next, groups);
      // the group sums in group order: element by element (gram[0] + gram[1]) + gram[2] ..., as a Java loop would add
      for (int g = 1; g < groups; g++) {
        HostBlas.daxpy(d * d, 1.0, grams[g].memory, grams[0].memory);
        HostBlas.daxpy(d, 1.0, sumsOf[g].memory, sumsOf[0].memory);
        HostBlas.daxpy(d, 1.0, xtOf[g].memory, xtOf[0].memory);
      }
      double[] upper = new double[d * d], sums = new double[d];
      double[] xt = t == null ? null : new double[d];
      grams[0].memory.get(0, upper, 0, d * d);
      sumsOf[0].memory.get(0, sums, 0, d);
      if (xt != null) xtOf[0].memory.get(0, xt, 0, d);
      return new Moments(shift, sums, xt, DirectBlas.mirror(upper, d), n);
    } finally {
      for (Scratch s : scratch) if (s != null) s.close();
      for (Workspace w : grams) if (w != null) w.close();
      for (Workspace w : sumsOf) if (w != null) w.close();
      for (Workspace w : xtOf) if (w != null) w.close();
      BlasThreads.exit();
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
   * OpenBLAS at one thread while any pass runs: every call of a pass is then single-threaded, whatever its size, so
   * its result does not depend on the thread setting. Passes may run at once (from several caller threads): the
   * first to enter saves the setting, the last to leave restores it, and each learns the saved count, its number of
   * workers.
   */
  private static final class BlasThreads {
    private static int active;
    private static int saved;

    private BlasThreads() {}

    /** Sets OpenBLAS to one thread (if no pass did); returns the thread count set before the first pass. */
    static synchronized int enterSingle() {
      if (active++ == 0) {
        saved = Nd4j.factory().blas().getMaxThreads();
        Nd4j.factory().blas().setMaxThreads(1);
      }
      return saved;
    }

    /** Restores the saved count when the last pass leaves. */
    static synchronized void exit() {
      if (--active == 0) Nd4j.factory().blas().setMaxThreads(saved);
    }
  }

  /**
   * Runs {@code worker} on the calling thread and on threads − 1 pool threads (OpenBLAS is at one thread: see
   * {@link BlasThreads}). Should one fail, the others claim no further group ({@code next} set to {@code groups}) and
   * are waited for before the failure is rethrown.
   */
  private static void runOnThreads(Runnable worker, int threads, AtomicInteger next, int groups) {
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
    if (interrupted) Thread.currentThread().interrupt();
    if (failure != null) throw failure;
  }

  /** The mean of the first m rows, rounded to the working precision: the exact shift used by every group. */
  private static double[] firstBlockMean(Scratch s, DataType dt, int m) {
    int d = s.d;
    double[] shift = new double[d];
    HostDoubles x = s.rows.load(0, m);
    if (dt == DataType.DOUBLE) {
      HostBlas.dgemv(HostBlas.Layout.ROW_MAJOR, true, m, d, 1.0, x, 0, d, s.ones.memory, 0, 0.0, s.out.memory);
      s.out.memory.get(0, shift, 0, d);
      for (int j = 0; j < d; j++) shift[j] /= m;
    } else {
      double[] buf = new double[m * d];
      x.get(0, buf, 0, m * d);
      double[] colSum = new double[d];
      for (int o = 0; o < m * d; o += d) for (int j = 0; j < d; j++) colSum[j] += (float) buf[o + j];
      for (int j = 0; j < d; j++) shift[j] = (float) (colSum[j] / m);
    }
    return shift;
  }

  /**
   * Off-heap scratch memory kept between passes: {@link #take} hands back a buffer of the same length that an earlier
   * pass {@linkplain #close gave back} (its old contents, which every user overwrites before reading: the rows and t
   * are copied in, ones and the shift set, the sums written with β = 0; a Gram sum's lower triangle, which
   * {@code dsyrk} leaves alone, is never read), else a new zeroed one. At most {@value #KEEP_BYTES} bytes are kept; a
   * buffer given back beyond that is freed (the least recently given back first).
   */
  static final class Workspace implements AutoCloseable {
    /** Most bytes kept for later passes (two workers' 3 MB blocks and 32 Gram sums of d = 200 need ≈ 17 MB). */
    static final long KEEP_BYTES = 64L << 20;
    private static final java.util.ArrayDeque<Workspace> FREE = new java.util.ArrayDeque<>();
    private static long kept;

    final HostDoubles memory;
    final long length;

    private Workspace(long length) {
      this.length = length;
      this.memory = HostDoubles.allocate(length);
      double[] zeros = new double[(int) Math.min(length, 1 << 16)];
      for (long at = 0; at < length; at += zeros.length) memory.put(at, zeros, 0, (int) Math.min(zeros.length, length - at));
    }

    /** A buffer of {@code length} doubles: a kept one if there is one, else a new zeroed one. */
    static Workspace take(long length) {
      synchronized (FREE) {
        for (java.util.Iterator<Workspace> it = FREE.iterator(); it.hasNext(); ) {
          Workspace w = it.next();
          if (w.length == length) {
            it.remove();
            kept -= 8 * length;
            return w;
          }
        }
      }
      return new Workspace(length);
    }

    /** Gives the buffer back for a later pass, or frees it when {@value #KEEP_BYTES} bytes are kept already. */
    @Override
    public void close() {
      synchronized (FREE) {
        if (kept + 8 * length <= KEEP_BYTES) {
          FREE.addFirst(this);
          kept += 8 * length;
          return;
        }
        // make room by freeing the least recently given back, if that is enough
        while (!FREE.isEmpty() && kept + 8 * length > KEEP_BYTES) {
          Workspace old = FREE.removeLast();
          kept -= 8 * old.length;
          old.memory.close();
        }
        if (kept + 8 * length <= KEEP_BYTES) {
          FREE.addFirst(this);
          kept += 8 * length;
          return;
        }
      }
      memory.close();
    }
  }

  /**
   * Room for up to {@code block} rows of x in double, off-heap ({@link Workspace}). {@link #load} fills it with
   * {@link Dataset#copyRows} (one memcpy for a dense c-order DOUBLE x) through an ND4J array over the same memory.
   */
  private static final class BlockRows implements AutoCloseable {
    private final Dataset data;
    private final int d;
    private final int block;
    private final Workspace memory;
    /** the ND4J arrays over {@link #memory}: [block, d], and [m, d] for a shorter last block */
    private INDArray full;
    private INDArray tail;

    BlockRows(Dataset data, int block) {
      this.data = data;
      this.d = data.nFeatures();
      this.block = block;
      this.memory = Workspace.take((long) block * d);
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
      return memory.memory.asArray(m, d);
    }

    @Override
    public void close() {
      memory.close();
    }
  }

  /**
   * One worker's memory: its {@link BlockRows}, a block of ones, a block of t, the shift and a d-vector result
   * (double); for FLOAT also the rounded block and a few rows' staging, and a FLOAT accumulator.
   */
  private static final class Scratch implements AutoCloseable {
    final int d;
    final int block;
    final BlockRows rows;
    final Workspace ones;
    final Workspace tBlock;
    final Workspace shift;
    final Workspace out;
    /** FLOAT: rows per conversion chunk, the chunk as stored (double) and rounded and shifted (float); else null */
    final int chunk;
    final double[] buf;
    final float[] fbuf;
    final HostFloats frows;
    final DirectBlas.GramSum facc;
    float[] shiftF;

    Scratch(Dataset data, DataType dt, int block, boolean targets) {
      this.d = data.nFeatures();
      this.block = block;
      this.rows = new BlockRows(data, block);
      this.ones = Workspace.take(block);
      double[] one = new double[block];
      java.util.Arrays.fill(one, 1.0);
      ones.memory.put(0, one, 0, block);
      this.tBlock = targets ? Workspace.take(block) : null;
      this.shift = Workspace.take(d);
      this.out = Workspace.take(d);
      boolean single = dt == DataType.FLOAT;
      this.chunk = Math.min(block, DirectBlas.chunkRows(d));
      this.buf = single ? new double[chunk * d] : null;
      this.fbuf = single ? new float[chunk * d] : null;
      this.frows = single ? HostFloats.allocate((long) block * d) : null;
      this.facc = single ? new DirectBlas.GramSum(d, dt) : null;
    }

    void setShift(double[] s) {
      shift.memory.put(0, s, 0, d);
      shiftF = new float[d];
      for (int j = 0; j < d; j++) shiftF[j] = (float) s[j];
    }

    @Override
    public void close() {
      rows.close();
      ones.close();
      if (tBlock != null) tBlock.close();
      shift.close();
      out.close();
      if (frows != null) frows.close();
      if (facc != null) facc.close();
    }
  }

  /**
   * The moments of rows [from, to) about the worker's shift: the Gram sum's upper triangle into {@code gram} (d·d,
   * column-major), the column sums and xᵀt into {@code sums} and {@code xt} (xt unused when t is null). DOUBLE: each block copied
   * (one memcpy), shifted ({@code dger}), multiplied ({@code dsyrk}) and summed ({@code dgemv} against ones and t),
   * one call each for the whole block, accumulated inside OpenBLAS (β = 1 after the group's first block). FLOAT: each
   * block read as stored (double) a few rows at a time, rounded to float and shifted in plain Java, then
   * {@code ssyrk} and {@code sgemv} chunks summed in double (ND4J's converting copy was measured slow and erratic
   * with two threads).
   */
  private static void partial(Scratch s, double[] t, int from, int to, boolean shifted, HostDoubles gram,
      HostDoubles sums, HostDoubles xt) {
    int d = s.d, block = s.block;
    if (s.facc != null) {
      double[] fs = new double[d], fxt = new double[d];
      s.facc.reset();
      for (int r = from; r < to; r += block) {
        int m = Math.min(block, to - r);
        HostDoubles z = s.rows.load(r, m);
        for (int c = 0; c < m; c += s.chunk) {
          int len = Math.min(s.chunk, m - c) * d;
          z.get((long) c * d, s.buf, 0, len);
          for (int o = 0; o < len; o += d) {
            for (int j = 0; j < d; j++) s.fbuf[o + j] = (float) s.buf[o + j] - s.shiftF[j]; // stored in float, shifted in float
          }
          s.frows.put((long) c * d, s.fbuf, 0, len);
        }
        s.facc.add(s.frows, m);
        add(fs, DirectBlas.transposeTimes(s.frows, m, d, null, 0));
        if (t != null) add(fxt, DirectBlas.transposeTimes(s.frows, m, d, t, r));
      }
      s.facc.upperInto(gram);
      sums.put(0, fs, 0, d);
      if (t != null) xt.put(0, fxt, 0, d);
      return;
    }
    for (int r = from; r < to; r += block) {
      int m = Math.min(block, to - r);
      double beta = r == from ? 0.0 : 1.0;
      HostDoubles z = s.rows.load(r, m);
      if (shifted) HostBlas.dger(HostBlas.Layout.ROW_MAJOR, m, d, -1.0, s.ones.memory, s.shift.memory, z, 0, d);
      DirectBlas.syrk(z, m, d, r == from, gram);
      HostBlas.dgemv(HostBlas.Layout.ROW_MAJOR, true, m, d, 1.0, z, 0, d, s.ones.memory, 0, beta, sums);
      if (t != null) {
        s.tBlock.memory.put(0, t, r, m);
        HostBlas.dgemv(HostBlas.Layout.ROW_MAJOR, true, m, d, 1.0, z, 0, d, s.tBlock.memory, 0, beta, xt);
      }
    }
  }


  private static void add(double[] to, double[] v) {
    for (int j = 0; j < to.length; j++) to[j] += v[j];
  }
}
