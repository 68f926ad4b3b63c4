package org.mlmp.kernelmethods;

import org.mlmp.api.Matrices;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlmp.api.Checks;
import org.mlmp.api.ClassLabels;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.CpuGram;
import org.mlmp.kernel.Kernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The soft-margin support vector machine (C-SVC) with any {@link Kernel}:
 *
 * <pre>  min_{w,b,ξ} ½‖w‖² + C Σ ξ_i   s.t. y_i (w·φ(x_i) + b) ≥ 1 − ξ_i, ξ_i ≥ 0,</pre>
 *
 * solved in the dual by SMO with second-order working-set selection (LIBSVM's algorithm, with its
 * shrinking heuristic, in double precision; kernel rows are computed when SMO first needs them, as LIBSVM's, on the
 * calling thread (two threads for rows of ≥ 4 096 entries when ND4J's thread setting allows more than one), and kept
 * up to {@code cacheBytes}, default {@value #DEFAULT_CACHE_BYTES} bytes, 256 MiB; beyond that the least recently used
 * are dropped). Decision function
 * f(x) = Σ_i α_i y_i k(x_i, x) + b; the support vectors are the training rows with α_i > 0. Several
 * classes: one-vs-one (one binary machine per pair of classes, prediction by majority vote, ties to
 * the smaller label), as LIBSVM.
 *
 * <p>scikit-learn: {@code sklearn.svm.SVC(C=C, kernel=..., tol=tolerance, shrinking=True)}; LIBSVM:
 * {@code svm-train -s 0 -c C -e tolerance -h 1 -m cacheBytes/2^20} with {@code -t 2 -g 1/(2σ²)} for {@link
 * org.mlmp.kernel.Gaussian} (LIBSVM's cache holds single-precision rows, mlmp's double ones: the same
 * {@code cacheBytes} holds half as many). Memory: kernel rows on the Java heap up to {@code cacheBytes} per row cache
 * (one more for each pair of classes); between fits, up to 512 MiB of row storage held softly for the next fit.
 *
 * <p>Reference: C. Cortes and V. Vapnik, Mach. Learn. 20, 273 (1995); R.-E. Fan, P.-H. Chen and C.-J.
 * Lin, JMLR 6, 1889 (2005); C.-C. Chang and C.-J. Lin, ACM TIST 2, 27 (2011).
 *
 * @param kernel the kernel
 * @param c the penalty C > 0
 * @param tolerance the stopping tolerance ε > 0 (LIBSVM's {@code -e}, scikit-learn SVC's {@code tol}; default
 *     {@value #DEFAULT_TOLERANCE} as both): SMO stops when the maximal violating pair's gap m(α) − M(α) &lt; ε, where
 *     m(α) = max_{t ∈ I_up} −y_t ∇f(α)_t and M(α) = min_{t ∈ I_low} −y_t ∇f(α)_t (Fan, Chen and Lin 2005, eq. (8));
 *     LIBSVM's test, {@code Gmax + Gmax2 < eps}, over all variables after shrinking
 * @param maxIterations SMO steps per binary machine, >= 1
 * @param allowManyClasses accept labels a classifier would otherwise refuse as a likely real-valued
 *     target: non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} distinct ones
 *     (default false; see {@link org.mlmp.api.ClassLabels})
 * @param cacheBytes bytes of double kernel rows SMO may keep, >= 1 (LIBSVM's {@code -m}, scikit-learn's
 *     {@code cache_size}, both in MB; default {@value #DEFAULT_CACHE_BYTES}): rows are computed when SMO first
 *     needs them ({@link CpuGram#gramRow}) and kept; when all n rows of n doubles fit, none is ever computed twice,
 *     otherwise the least recently used are dropped (at least two rows are kept). A resource setting: it changes the
 *     time, not the model.
 */
public record Svm(Kernel kernel, double c, double tolerance, long maxIterations, boolean allowManyClasses,
    long cacheBytes) implements Trainer<SvmModel> {
  /**
   * Validates the components.
   *
   * @param kernel the kernel
   * @param c the penalty C > 0
   * @param tolerance the stopping tolerance ε > 0 (LIBSVM's {@code -e}, scikit-learn SVC's {@code tol}; default
   *     {@value #DEFAULT_TOLERANCE} as both): SMO stops when the maximal violating pair's gap m(α) − M(α) &lt; ε, where
   *     m(α) = max_{t ∈ I_up} −y_t ∇f(α)_t and M(α) = min_{t ∈ I_low} −y_t ∇f(α)_t (Fan, Chen and Lin 2005, eq. (8));
   *     LIBSVM's test, {@code Gmax + Gmax2 < eps}, over all variables after shrinking
   * @param maxIterations SMO steps per binary machine, >= 1
   * @param allowManyClasses accept labels a classifier would otherwise refuse as a likely real-valued
   *     target: non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} distinct ones
   *     (default false; see {@link org.mlmp.api.ClassLabels})
   * @param cacheBytes bytes of double kernel rows SMO may keep, >= 1 (LIBSVM's {@code -m}, scikit-learn's
   *     {@code cache_size}, both in MB; default {@value #DEFAULT_CACHE_BYTES}): rows are computed when SMO first
   *     needs them ({@link CpuGram#gramRow}) and kept; when all n rows of n doubles fit, none is ever computed twice,
   *     otherwise the least recently used are dropped (at least two rows are kept). A resource setting: it changes the
   *     time, not the model.
   * @throws NullPointerException when {@code kernel} is null
   * @throws IllegalArgumentException when C is not a positive finite number, the tolerance is not positive,
   *     {@code maxIterations < 1} or {@code cacheBytes < 1}
   */
  public Svm {
    Objects.requireNonNull(kernel, "The 'kernel' parameter of Svm must not be null; e.g. Gaussian.of(1.0).");
    if (!(c > 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("The 'C' parameter of Svm must be a finite number > 0. Got " + c + " instead.");
    }
    Checks.positive("tolerance", "Svm", tolerance);
    if (maxIterations < 1) {
      throw new IllegalArgumentException("The 'maxIterations' parameter of Svm must be >= 1. Got " + maxIterations
          + " instead.");
    }
    if (cacheBytes < 1) {
      throw new IllegalArgumentException("The 'cacheBytes' parameter of Svm must be >= 1 (default " + DEFAULT_CACHE_BYTES
          + ", 256 MiB). Got " + cacheBytes + " instead.");
    }
  }

  /** LIBSVM's and scikit-learn's default stopping tolerance ({@code -e 0.001}, {@code tol=1e-3}). */
  public static final double DEFAULT_TOLERANCE = 1e-3;

  /**
   * This configuration with another stopping tolerance (see the record's {@code tolerance}).
   *
   * @param newTolerance the stopping tolerance ε &gt; 0 (LIBSVM's {@code -e})
   * @return a new configuration, everything else unchanged
   * @throws IllegalArgumentException if {@code newTolerance} is not &gt; 0 (the message names the value)
   */
  public Svm withTolerance(double newTolerance) {
    return new Svm(kernel, c, newTolerance, maxIterations, allowManyClasses, cacheBytes);
  }

  /**
   * This configuration with another kernel-row cache size (see the record's {@code cacheBytes}).
   *
   * @param newCacheBytes bytes of double kernel rows SMO may keep, &gt;= 1
   * @return a new configuration, everything else unchanged
   * @throws IllegalArgumentException if {@code newCacheBytes} &lt; 1 (the message names the value)
   */
  public Svm withCacheBytes(long newCacheBytes) {
    return new Svm(kernel, c, tolerance, maxIterations, allowManyClasses, newCacheBytes);
  }

  /**
   * This configuration with {@code allowManyClasses} set (see {@link org.mlmp.api.ClassLabels}).
   *
   * @param allow accept non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} classes
   * @return the copy
   */
  public Svm withAllowManyClasses(boolean allow) {
    return new Svm(kernel, c, tolerance, maxIterations, allow, cacheBytes);
  }

  /**
   * C-SVC with LIBSVM's default tolerance {@value #DEFAULT_TOLERANCE}, at most 10⁷ SMO steps, refusing a likely
   * real-valued target, with the default kernel-row cache ({@value #DEFAULT_CACHE_BYTES} bytes).
   *
   * @param kernel the kernel
   * @param c the penalty C &gt; 0
   * @return the configuration
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static Svm of(Kernel kernel, double c) {
    return new Svm(kernel, c, DEFAULT_TOLERANCE, 10_000_000L, false, DEFAULT_CACHE_BYTES);
  }

  /**
   * This configuration with another limit on the SMO steps.
   *
   * @param m SMO steps per binary machine, ≥ 1
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public Svm withMaxIterations(long m) {
    return new Svm(kernel, c, tolerance, m, allowManyClasses, cacheBytes);
  }

  /**
   * Fits to {@code data}: x {@code [n, d]}, y {@code [n]} class labels (integers, at least two
   * distinct, at most {@value org.mlmp.api.ClassLabels#MAX_CLASSES} unless {@code allowManyClasses}).
   *
   * @throws IllegalStateException if SMO did not converge within maxIterations (the message says so)
   */
  @Override
  public SvmModel fit(Dataset data) {
    if (!data.hasTargets()) throw new IllegalArgumentException("Svm needs class labels y; the data set has none.");
    data.requireFinite();
    INDArray yArr = data.y();
    if (yArr.rank() == 2 && yArr.columns() != 1) {
      throw new IllegalArgumentException("Svm needs one label per row, y [n]. Got y of shape "
          + java.util.Arrays.toString(yArr.shape()) + " instead.");
    }
    double[] labels = Matrices.flat(yArr);
    double[] classes = ClassLabels.distinct(labels, "Svm", allowManyClasses);
    if (classes.length < 2) {
      throw new IllegalArgumentException("Svm needs at least two classes in y. Got only "
          + java.util.Arrays.toString(classes) + ".");
    }
    INDArray x = data.x().castTo(DataType.DOUBLE);
    int n = labels.length;
    double[][] rows = Matrices.rows(x);
    List<SvmModel.Binary> machines = new ArrayList<>();
    try (GlobalRows rowsAll = GlobalRows.create(kernel, x, rows, cacheBytes)) {
      for (int a = 0; a < classes.length; a++) {
        for (int b = a + 1; b < classes.length; b++) {
          machines.add(binary(rowsAll, n, labels, classes[a], classes[b]));
        }
      }
    }
    return new SvmModel(this, ClassLabels.forClasses(classes, data), rows, machines);
  }

  /** One binary machine: +1 for class {@code pos} (the larger label), −1 for {@code neg}. */
  private SvmModel.Binary binary(GlobalRows kAll, int n, double[] labels, double neg, double pos) {
    int m = 0;
    for (double v : labels) if (v == neg || v == pos) m++;
    int[] rows = new int[m];
    double[] y = new double[m];
    for (int i = 0, r = 0; i < n; i++) {
      if (labels[i] == neg || labels[i] == pos) {
        rows[r] = i;
        y[r++] = labels[i] == pos ? 1 : -1;
      }
    }
    SmoSolver.Rows k = m == n ? kAll : new SubsetRows(kAll, rows, cacheBytes);
    SmoSolver.SmoSolution s = SmoSolver.solve(k, m, y, c, tolerance, maxIterations);
    if (!s.converged()) {
      throw new IllegalStateException("Svm: SMO did not reach tolerance " + tolerance + " within " + maxIterations
          + " steps for classes " + neg + " vs " + pos + "; raise maxIterations or tolerance, or scale the features.");
    }
    int nsv = 0;
    for (double a : s.alpha()) if (a > 0) nsv++;
    int[] sv = new int[nsv];
    double[] coef = new double[nsv];
    for (int i = 0, r = 0; i < m; i++) {
      if (s.alpha()[i] > 0) {
        sv[r] = rows[i];
        coef[r++] = s.alpha()[i] * y[i];
      }
    }
    return new SvmModel.Binary(neg, pos, sv, coef, -s.rho());
  }

  /**
   * The default {@code cacheBytes}, 256 MiB (scikit-learn's {@code cache_size} default is 200 MB, LIBSVM's 100 MB, both
   * of single-precision rows).
   */
  public static final long DEFAULT_CACHE_BYTES = 256L << 20;

  /**
   * Kernel rows over all training rows, in double, computed when SMO first asks for them (as LIBSVM does: SMO touches
   * only the rows of its working sets, ≈ 30–45 % of them on a Gaussian SVM at n = 2 000 and 8 000) and kept: all of
   * them when n rows of n doubles fit in {@code cacheBytes}, in slabs of about {@value #SLAB_BYTES} bytes (objects so
   * large the JVM's young collections never copy them: with a row array each, copying the rows alive took ≈ 40 % of a
   * fit at n = 8 000), else the most recently used in a {@link RowCache}. Closed, it hands its slabs to the next fit
   * (held softly, so the collector may take them back): memory the process has touched already, where fresh memory
   * costs a page fault every 4 KiB (≈ 50 ms per fit at n = 2 000 on this machine until the heap has been touched).
   */
  static final class GlobalRows implements SmoSolver.Rows, AutoCloseable {
    /**
     * Rows of at least this many entries are computed on two threads when ND4J's thread setting allows more than one
     * (waking a pool thread costs microseconds; a row of 4 096 Gaussian entries ≈ 40 µs).
     */
    static final int PARALLEL_ROW = 4096;
    /** Entries per chunk of a row computed on two threads (≈ 10 µs of Gaussian entries). */
    static final int PARALLEL_CHUNK = 1024;
    /** Bytes of a slab of rows: at least half of G1's largest region (32 MiB), so every slab is a humongous object. */
    static final long SLAB_BYTES = 16L << 20;

    private final Kernel kernel;
    private final double[][] x;
    private final CpuGram.Prepared prepared;
    /** {@link CpuGram#featureMajor} of {@link #prepared} (null with it). */
    private final double[] columns;
    /** Rows kept for good: slot[i] the place of row i (−1: not yet computed), rowsPerSlab rows to a slab; else null. */
    private final int[] slot;
    private final double[][] slabs;
    private final int rowsPerSlab;
    private int slots;
    private final RowCache cache;
    private final boolean parallel;

    private GlobalRows(Kernel kernel, double[][] x, CpuGram.Prepared prepared, long cacheBytes) {
      this.kernel = kernel;
      this.x = x;
      this.prepared = prepared;
      this.columns = prepared == null ? null : CpuGram.featureMajor(prepared);
      int n = x.length;
      boolean all = cacheBytes / (8L * Math.max(1, n)) >= n;
      this.rowsPerSlab = (int) Math.max(1, Math.min(n, SLAB_BYTES / (8L * Math.max(1, n))));
      this.slot = all ? new int[n] : null;
      if (all) java.util.Arrays.fill(slot, -1);
      this.slabs = all ? new double[(n + rowsPerSlab - 1) / rowsPerSlab][] : null;
      this.cache = all ? null : new RowCache(n, cacheBytes);
      this.parallel = prepared != null && n >= PARALLEL_ROW
          && org.mlmp.backend.Threads.cap() > 1;
    }

    /** Rows one {@link Kernel#value} at a time (the reference route), at most {@code cacheBytes} of rows kept. */
    GlobalRows(Kernel kernel, double[][] x, long cacheBytes) {
      this(kernel, x, null, cacheBytes);
    }

    /**
     * Rows by {@link CpuGram#gramRow} (squared norms and dot products of the centred rows, ≈ 7 ns per Gaussian entry
     * at d = 10, against ≈ 25–60 ns one {@link Kernel#value} at a time), at most {@code cacheBytes} of rows kept.
     */
    static GlobalRows create(Kernel kernel, INDArray xArr, double[][] x, long cacheBytes) {
      return new GlobalRows(kernel, x, CpuGram.prepare(kernel, xArr), cacheBytes);
    }

    @Override
    public double[] row(int i) {
      int n = x.length;
      if (slot != null) {
        double[] store = rowStore(i);
        int at = rowOffset(i);
        return java.util.Arrays.copyOfRange(store, at, at + n);
      }
      double[] r = cache.get(i);
      if (r == null) {
        r = new double[n];
        compute(i, r, 0);
        cache.put(i, r);
      }
      return r;
    }

    @Override
    public double[] rowStore(int i) {
      if (slot == null) return row(i);
      if (slot[i] < 0) {
        int s = slots++, b = s / rowsPerSlab;
        if (slabs[b] == null) slabs[b] = slab(Math.min(rowsPerSlab, x.length - b * rowsPerSlab) * x.length);
        compute(i, slabs[b], (s % rowsPerSlab) * x.length);
        slot[i] = s;
      }
      return slabs[slot[i] / rowsPerSlab];
    }

    @Override
    public int rowOffset(int i) {
      return slot == null ? 0 : (slot[i] % rowsPerSlab) * x.length;
    }

    /** Row i into r[at, at + n). */
    private void compute(int i, double[] r, int at) {
      int n = x.length;
      if (prepared == null) {
        for (int t = 0; t < n; t++) r[at + t] = kernel.value(x[i], x[t]);
      } else if (parallel) {
        // chunks taken in turn by this thread and one helper (Threads.inTurn): a busy core then costs nothing
        int chunks = (n + PARALLEL_CHUNK - 1) / PARALLEL_CHUNK;
        try {
          org.mlmp.backend.Threads.inTurn(chunks, 1, q -> CpuGram.gramRow(prepared, columns, i, q * PARALLEL_CHUNK,
              Math.min(n, (q + 1) * PARALLEL_CHUNK), r, at));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Svm: interrupted while computing kernel row " + i, e);
        }
      } else {
        CpuGram.gramRow(prepared, columns, i, 0, n, r, at);
      }
    }

    /**
     * Slabs of closed row sets, the latest first, for the next ones (every row is written in full before it is read).
     */
    private static final java.util.concurrent.ConcurrentLinkedDeque<java.lang.ref.SoftReference<double[]>> FREE_SLABS =
        new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** At most this many slabs wait in {@link #FREE_SLABS} (512 MiB). */
    private static final int MAX_FREE_SLABS = 32;

    /** The latest freed slab of at least {@code length} doubles, else a new one of exactly that length. */
    private static double[] slab(int length) {
      for (var it = FREE_SLABS.iterator(); it.hasNext(); ) {
        var ref = it.next();
        double[] s = ref.get();
        if (s == null) {
          FREE_SLABS.remove(ref);
        } else if (s.length >= length && FREE_SLABS.remove(ref)) {
          return s;
        }
      }
      return new double[length];
    }

    /** Hands the slabs to later row sets; the rows must not be read after. */
    @Override
    public void close() {
      if (slabs == null) return;
      for (int b = 0; b < slabs.length; b++) {
        if (slabs[b] != null && FREE_SLABS.size() < MAX_FREE_SLABS) {
          FREE_SLABS.addFirst(new java.lang.ref.SoftReference<>(slabs[b]));
        }
        slabs[b] = null;
      }
      java.util.Arrays.fill(slot, -1);
      slots = 0;
    }

    /** Whether rows are computed on two threads. */
    boolean parallel() {
      return parallel;
    }

    @Override
    public double diagonal(int i) {
      return kernel.value(x[i], x[i]);
    }
  }

  /** Least-recently-used kernel rows of length n, at most {@code cacheBytes} of them (at least two rows). */
  static final class RowCache extends java.util.LinkedHashMap<Integer, double[]> {
    private final long maxRows;

    RowCache(int n, long cacheBytes) {
      super(16, 0.75f, true);
      this.maxRows = Math.max(2, cacheBytes / (8L * Math.max(1, n)));
    }

    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<Integer, double[]> eldest) {
      return size() > maxRows;
    }
  }

  /** The rows of one pair of classes (one-vs-one), gathered from the global rows. */
  static final class SubsetRows implements SmoSolver.Rows {
    private final GlobalRows all;
    private final int[] rows;
    private final RowCache cache;

    SubsetRows(GlobalRows all, int[] rows, long cacheBytes) {
      this.all = all;
      this.rows = rows;
      this.cache = new RowCache(rows.length, cacheBytes);
    }

    @Override
    public double[] row(int i) {
      double[] r = cache.get(i);
      if (r == null) {
        double[] g = all.rowStore(rows[i]);
        int at = all.rowOffset(rows[i]);
        r = new double[rows.length];
        for (int t = 0; t < rows.length; t++) r[t] = g[at + rows[t]];
        cache.put(i, r);
      }
      return r;
    }

    @Override
    public double diagonal(int i) {
      return all.diagonal(rows[i]);
    }
  }
}
