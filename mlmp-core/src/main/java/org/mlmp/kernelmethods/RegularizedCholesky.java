package org.mlmp.kernelmethods;

import java.util.Locale;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostBlas.Layout;
import org.mlmp.backend.HostDoubles;
import org.mlmp.backend.HostFloats;
import org.mlmp.backend.HostLapack;
import org.mlmp.backend.OpenBlasKernel;
import org.mlmp.kernel.CpuGram;
import org.mlmp.kernel.Gram;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Solves (K + λI) A = Y for a symmetric positive-definite K by Cholesky, never forming an inverse.
 *
 * <p>Fast path (host memory, {@link HostBlas#hostMemory()}; LAPACK through {@link HostLapack}): λ is added
 * to the diagonal in place, then one LAPACK call {@code dposv} factors
 * K + λI = LLᵀ and solves for all targets, overwriting K's lower triangle (column-major view) with L and Y
 * with A; from n = {@value #MIXED_PRECISION_FROM} on, a float factor with iterative refinement in double
 * ({@link #solveMixed}). Other backends: ND4J's {@code potrf} and two triangular
 * solves. When the factorisation fails, the matrix is rebuilt from its untouched triangle and saved
 * diagonal and its smallest eigenvalue is computed (n ≤ {@value #EIGEN_LIMIT}) to name the λ that helps.
 */
final class RegularizedCholesky {
  private RegularizedCholesky() {}

  static final int EIGEN_LIMIT = 3000;

  /**
   * From this n on, {@link KernelRidge#fit} solves in mixed precision ({@link #solveMixed}: float Cholesky,
   * refinement in double). Measured on the loaded 2-core machine (Gaussian σ = 1, λ = 1e-3, d = 10, minimum
   * of 20–30 runs): n = 500 1.4 ms against 1.7 ms for {@code dposv}, n = 1 000 6.4 against 9.2 ms, n = 2 000
   * 38 against 65 ms; solutions equal to 1e-12 (n ≤ 1 000) and 5e-11 (n = 2 000) relative. Below it
   * (the small reference problems of the tests among them) {@code dposv} alone.
   */
  static final int MIXED_PRECISION_FROM = 1000;

  /**
   * The route: with host memory ({@link HostBlas#hostMemory()}) and k in DOUBLE, LAPACKE dposv on the
   * buffer; otherwise (FLOAT, another backend, or {@link HostBlas#forceGeneric()}) the backend-generic
   * route, ND4J's {@code potrf} ({@code Nd4j.getBlasWrapper().lapack()}: LAPACK on the CPU, cuSOLVER on
   * CUDA) and two {@code TriangularSolve} ops, in k's data type.
   *
   * @param k a fresh {@code [n, n]} c-order matrix owned by the caller, DOUBLE or FLOAT (the generic path
   *     then solves in float); destroyed
   * @param y {@code [n, t]} targets, not modified
   * @param lambda λ >= 0
   * @param what the model and kernel for error messages, e.g. "KernelRidge(Gaussian[sigma=1.0])"
   * @return A {@code [n, t]} in k's data type
   */
  static INDArray solveInPlace(INDArray k, INDArray y, double lambda, String what) {
    boolean direct = HostBlas.hostMemory() && k.dataType() == DataType.DOUBLE;
    int n = (int) k.rows();
    int t = (int) y.columns();
    DataType dt = k.dataType();
    if (k.offset() != 0 || k.ordering() != 'c' || k.isView() || !(dt == DataType.DOUBLE
        || (dt == DataType.FLOAT && !direct))) {
      throw new IllegalArgumentException("internal: the Gram matrix must be a fresh c-order array, DOUBLE for the"
          + " direct path and DOUBLE or FLOAT for the generic one; got " + dt + (k.isView() ? " (a view)" : ""));
    }
    INDArray diag = Nd4j.create(k.data(), new long[] {n}, new long[] {n + 1}, k.offset(), 'c', dt);
    double[] savedDiagonal = diag.toDoubleVector();
    diag.addi(lambda);
    if (direct) {
      INDArray b = y.castTo(DataType.DOUBLE).dup('f');
      int info = HostLapack.dposvLower(Layout.COLUMN_MAJOR, n, t, HostDoubles.of(k), n, HostDoubles.of(b), n);
      if (info > 0) throw notPositiveDefinite(k, savedDiagonal, lambda, info, what);
      if (info < 0) throw new IllegalStateException("LAPACK dposv rejected argument " + (-info) + " (n = " + n + ").");
      return b;
    }
    if (HostBlas.hostMemory()) OpenBlasKernel.requireCorrectCholesky("ND4J potrf"); // OpenBLAS's on the CPU
    try {
      Nd4j.getBlasWrapper().lapack().potrf(k, true);
    } catch (Error | RuntimeException e) {
      // potrf leaves the strictly upper triangle (row-major) of the input untouched on failure
      INDArray kt = k.transpose().dup('c');
      throw notPositiveDefinite(kt, savedDiagonal, lambda, -1, what);
    }
    // ND4J's TriangularSolve op is a plain loop on the CPU (≈ 0.2–0.5 s per solve at n = 2 000, loaded machine;
    // a blocked version with Nd4j.gemm for the off-diagonal blocks measured no faster), but it is generic
    INDArray z = Nd4j.exec(new TriangularSolve(k, y.castTo(dt).dup('c'), true, false))[0];
    return Nd4j.exec(new TriangularSolve(k, z, true, true))[0];
  }

  /**
   * The CPU fast path on a raw buffer: λ added to the diagonal, then {@code dposv} on the row-major upper
   * triangle (the column-major lower one) of {@code k}, which it overwrites with the Cholesky factor.
   *
   * @param k row-major {@code [n, n]} buffer of K with at least its upper triangle and diagonal; destroyed
   * @param y {@code [n, t]} targets, not modified
   * @param fullGram recomputes K (full, symmetric) for the message when the factorisation fails
   * @param mixed true: {@link #solveMixed} (float factor + refinement in double) on a float copy of the
   *     upper triangle made here (then k keeps K + λI); false: {@code dposv}
   * @return A {@code [n, t]} double
   */
  static INDArray solveDirect(HostDoubles k, int n, INDArray y, double lambda, String what,
      java.util.function.Supplier<INDArray> fullGram, boolean mixed) {
    if (mixed) {
      double[] row = new double[n], abs = new double[n];
      float[] frow = new float[n];
      try (HostFloats f = HostFloats.allocate((long) n * n)) {
        for (int i = 0; i < n; i++) {
          long at = (long) i * n + i;
          k.get(at, row, 0, n - i);
          for (int t = 0; t < n - i; t++) {
            frow[t] = (float) row[t];
            abs[i] += Math.abs(row[t]);
            if (t > 0) abs[i + t] += Math.abs(row[t]);
          }
          f.put(at, frow, 0, n - i);
        }
        double norm = 0;
        for (double v : abs) norm = Math.max(norm, v);
        return solveMixed(k, f, n, y, lambda, norm, what, fullGram);
      }
    }
    int t = (int) y.columns();
    double[] savedDiagonal = addToDiagonal(k, null, n, lambda);
    INDArray b = y.castTo(DataType.DOUBLE).dup('f');
    int info = HostLapack.dposvLower(Layout.COLUMN_MAJOR, n, t, k, n, HostDoubles.of(b), n);
    if (info > 0) {
      throw notPositiveDefinite(n <= EIGEN_LIMIT ? fullGram.get().dup('c') : null, savedDiagonal, lambda, info, what);
    }
    if (info < 0) throw new IllegalStateException("LAPACK dposv rejected argument " + (-info) + " (n = " + n + ").");
    return b;
  }

  /** PCG steps per target before {@link #solveMixed} gives up on the float factor. */
  static final int MAX_REFINEMENTS = 50;

  /**
   * Mixed precision, in the spirit of LAPACK's {@code dsposv} but without its extra passes over the matrix:
   * K + λI = LLᵀ factored in float ({@code spotrf}, about half the time of {@code dpotrf}), then conjugate
   * gradients in double preconditioned by that factor ({@link #refine}), with the residual from the double
   * matrix ({@code dsymv}), until ‖r‖∞ ≤ ‖x‖∞ ‖K + λI‖∞ ε √n for every target (ε = 2⁻⁵³, dsposv's test),
   * plus one more correction x ← x + (LLᵀ)⁻¹ r with the last residual (dsposv stops before it; it brought
   * the difference to {@code dposv} from ≈ 5e-9 to ≈ 5e-11 relative at n = 2 000, σ = 1, λ = 1e-3): the
   * solution then has the backward error of a double-precision solve. When the float factor fails (K + λI
   * not positive definite in float) or PCG does not converge in {@value #MAX_REFINEMENTS} steps, it falls
   * back to {@code dposv} on the double matrix, which neither step modifies.
   *
   * @param k row-major {@code [n, n]} K, upper triangle and diagonal (column-major lower); λ is added to its diagonal
   * @param f the same upper triangle in float; destroyed (overwritten by the factor)
   * @param normK ‖K‖∞ (as returned by {@link CpuGram#upperTriangle(CpuGram.Prepared, HostDoubles, HostFloats)})
   * @param y {@code [n, t]} targets, not modified
   * @return A {@code [n, t]} double
   */
  static INDArray solveMixed(HostDoubles k, HostFloats f, int n, INDArray y, double lambda, double normK,
      String what, java.util.function.Supplier<INDArray> fullGram) {
    int t = (int) y.columns();
    double[] savedDiagonal = addToDiagonal(k, f, n, lambda);
    // column-major [n, t]
    double[] rhs = y.castTo(DataType.DOUBLE).dup('f').data().asDouble();
    int info = HostLapack.spotrfLower(Layout.COLUMN_MAJOR, n, f, n);
    if (info == 0) {
      Refined x = refine(k, f, n, t, rhs, normK + lambda);
      if (x != null) return Nd4j.create(x.x(), new long[] {n, t}, 'f');
    }
    // float factor failed or refinement stalled: plain double Cholesky on the intact double matrix
    INDArray b = Nd4j.create(rhs, new long[] {n, t}, 'f');
    info = HostLapack.dposvLower(Layout.COLUMN_MAJOR, n, t, k, n, HostDoubles.of(b), n);
    if (info > 0) {
      throw notPositiveDefinite(n <= EIGEN_LIMIT ? fullGram.get().dup('c') : null, savedDiagonal, lambda, info, what);
    }
    if (info < 0) throw new IllegalStateException("LAPACK dposv rejected argument " + (-info) + " (n = " + n + ").");
    return b;
  }

  /**
   * Solves (K + λI) x = y for each target by conjugate gradients in double preconditioned with the float
   * Cholesky factor (M = LLᵀ ≈ K + λI): each step one {@code dsymv} with the double matrix and one float
   * solve, as a step of classical iterative refinement, but the convergence no longer needs
   * cond(K + λI) · 6e-8 ≪ 1: PCG contracts with the spread of the eigenvalues of M⁻¹(K + λI) around 1
   * (at n = 16 000, σ = 1, λ = 1e-3 plain refinement needs many steps). Stops on dsposv's test
   * ‖r‖∞ ≤ ‖x‖∞ ‖K + λI‖∞ ε √n checked on the true residual, then applies one more correction
   * x ← x + M⁻¹ r.
   *
   * @return the solution (column-major [n, t]) and the largest number of PCG steps over the targets, or
   *     null if a target did not converge in {@value #MAX_REFINEMENTS} steps
   */
  static Refined refine(HostDoubles k, HostFloats factor, int n, int t, double[] rhs, double normA) {
    double cte = normA * 0x1p-53 * Math.sqrt(n);
    double[] out = new double[n * t];
    int maxSteps = 0;
    try (HostDoubles vp = HostDoubles.allocate(n); HostDoubles wp = HostDoubles.allocate(n);
        HostFloats fp = HostFloats.allocate(n)) {
      Operator a = (v, w) -> { // w = (K + λI) v
        vp.put(0, v, 0, n);
        HostBlas.dsymvLower(Layout.COLUMN_MAJOR, n, 1.0, k, n, vp, 0.0, wp);
        wp.get(0, w, 0, n);
      };
      float[] rf = new float[n];
      Operator m = (v, w) -> { // w = M⁻¹ v in float
        for (int i = 0; i < n; i++) rf[i] = (float) v[i];
        floatSolve(factor, n, 1, fp, rf);
        for (int i = 0; i < n; i++) w[i] = rf[i];
      };
      for (int c = 0; c < t; c++) {
        double[] b = java.util.Arrays.copyOfRange(rhs, c * n, (c + 1) * n);
        if (!fitsFloat(b)) return null;
        int steps = pcg(a, m, b, n, cte, out, c * n);
        if (steps < 0) return null;
        maxSteps = Math.max(maxSteps, steps);
      }
    }
    return new Refined(out, maxSteps);
  }

  /** The result of {@link #refine}: x column-major [n, t], and the PCG steps taken (the most over the targets). */
  record Refined(double[] x, int steps) {}

  /** w ← op(v). */
  private interface Operator {
    void apply(double[] v, double[] w);
  }

  /** PCG for A x = b into out[off, off + n); returns the steps taken or −1 if not converged. */
  private static int pcg(Operator a, Operator m, double[] b, int n, double cte, double[] out, int off) {
    double[] x = new double[n], r = new double[n], z = new double[n], p = new double[n], q = new double[n];
    m.apply(b, x); // x₀ = M⁻¹ b
    a.apply(x, q);
    for (int i = 0; i < n; i++) r[i] = b[i] - q[i];
    int steps = 0;
    boolean restart = true;
    double rz = 0;
    while (true) {
      if (maxAbs(r) <= maxAbs(x) * cte) {
        // converged on the recursively updated residual: check the true one
        a.apply(x, q);
        for (int i = 0; i < n; i++) r[i] = b[i] - q[i];
        if (maxAbs(r) <= maxAbs(x) * cte) {
          m.apply(r, z);
          for (int i = 0; i < n; i++) out[off + i] = x[i] + z[i];
          return steps;
        }
        restart = true;
      }
      if (steps == MAX_REFINEMENTS || !fitsFloat(r)) return -1;
      m.apply(r, z);
      double rzNew = dot(r, z);
      if (restart) {
        System.arraycopy(z, 0, p, 0, n);
        restart = false;
      } else {
        double beta = rzNew / rz;
        for (int i = 0; i < n; i++) p[i] = z[i] + beta * p[i];
      }
      rz = rzNew;
      a.apply(p, q);
      double pq = dot(p, q);
      if (!(pq > 0)) return -1; // K + λI not positive definite to working precision
      double alpha = rz / pq;
      for (int i = 0; i < n; i++) {
        x[i] += alpha * p[i];
        r[i] -= alpha * q[i];
      }
      steps++;
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double e : v) m = Math.max(m, Math.abs(e));
    return m;
  }

  private static double dot(double[] u, double[] v) {
    double s = 0;
    for (int i = 0; i < u.length; i++) s += u[i] * v[i];
    return s;
  }

  /** Whether every value is finite and, as a float, does not overflow. */
  private static boolean fitsFloat(double[] v) {
    for (double e : v) if (!Float.isFinite((float) e)) return false;
    return true;
  }

  /**
   * rf ← (LLᵀ)⁻¹ rf with the float factor, through the scratch buffer fp: two {@code strsv} per column
   * for a few targets (measured at n = 2 000: 0.6 ms against 5.4 ms for {@code spotrs}, whose
   * {@code strsm} with one right-hand side is slow), {@code spotrs} for many.
   */
  private static boolean floatSolve(HostFloats factor, int n, int t, HostFloats fp, float[] rf) {
    fp.put(0, rf, 0, rf.length);
    if (t < 8) {
      for (int c = 0; c < t; c++) {
        HostBlas.strsvLower(Layout.COLUMN_MAJOR, false, n, factor, n, fp, (long) c * n);
        HostBlas.strsvLower(Layout.COLUMN_MAJOR, true, n, factor, n, fp, (long) c * n);
      }
    } else if (HostLapack.spotrsLower(Layout.COLUMN_MAJOR, n, t, factor, n, fp, n) != 0) {
      return false;
    }
    fp.get(0, rf, 0, rf.length);
    return true;
  }


  /** Adds λ to the diagonal of k (and of f, rounded from the double sum, if not null); returns the old diagonal. */
  private static double[] addToDiagonal(HostDoubles k, HostFloats f, int n, double lambda) {
    double[] saved = new double[n];
    for (int i = 0; i < n; i++) {
      long at = (long) i * n + i;
      saved[i] = k.get(at);
      double v = saved[i] + lambda;
      k.put(at, v);
      if (f != null) f.put(at, (float) v);
    }
    return saved;
  }

  private static IllegalArgumentException notPositiveDefinite(INDArray k, double[] diagonal, double lambda, int info,
      String what) {
    int n = diagonal.length;
    String where = info > 0 ? " (the Cholesky factorisation broke down at column " + info + " of " + n + ")" : "";
    double maxDiag = 0;
    for (double v : diagonal) maxDiag = Math.max(maxDiag, Math.abs(v));
    String advice;
    if (n <= EIGEN_LIMIT) {
      // the row-major strictly lower triangle still holds K; restore the diagonal and mirror
      Gram.mirrorLowerToUpper(k);
      Nd4j.create(k.data(), new long[] {n}, new long[] {n + 1}, k.offset(), 'c', k.dataType())
          .assign(Nd4j.createFromArray(diagonal).castTo(k.dataType()));
      double[] ev = eigenvalues(k);
      double min = ev[0], max = ev[n - 1];
      double needed = Math.max(0, -min);
      double suggested = niceAbove(1.5 * needed + 10 * n * Math.ulp(Math.max(max, maxDiag)));
      advice = String.format(Locale.ROOT, " The smallest eigenvalue of K is %.3g (largest %.3g), so K + λI is"
          + " positive definite for lambda > %.3g; with round-off, use lambda >= %.1g.", min, max, needed, suggested);
    } else {
      double suggested = niceAbove(Math.max(10 * lambda, 10 * n * Math.ulp(maxDiag)));
      advice = String.format(Locale.ROOT, " (K's eigenvalues were not computed for n > %d.) Try lambda >= %.1g.",
          EIGEN_LIMIT, suggested);
    }
    return new IllegalArgumentException(what + ": K + λI with lambda = " + lambda + " is not positive definite"
        + where + "." + advice + " Causes: a kernel that is not positive semi-definite, or with lambda = 0 a"
        + " Gram matrix of low rank (duplicated samples, a linear or polynomial kernel with more samples than"
        + " feature-space dimensions, a very large sigma).");
  }

  /** Eigenvalues in ascending order (LAPACK dsyevd; destroys a). */
  private static double[] eigenvalues(INDArray a) {
    int n = (int) a.rows();
    double[] w = new double[n];
    if (!HostBlas.hostMemory() || a.dataType() != DataType.DOUBLE || a.isView() || a.offset() != 0) {
      // backend-generic: ND4J's syev on a double copy (LAPACK on the CPU, cuSOLVER on CUDA)
      INDArray ad = a.castTo(DataType.DOUBLE).dup('f');
      INDArray ev = Nd4j.create(DataType.DOUBLE, n);
      int info = Nd4j.getBlasWrapper().lapack().syev('N', 'L', ad, ev);
      if (info != 0) throw new IllegalStateException("syev failed with info = " + info + ".");
      w = ev.toDoubleVector();
      java.util.Arrays.sort(w);
      return w;
    }
    try (HostDoubles wp = HostDoubles.allocate(n)) {
      int info = HostLapack.dsyevdLower(Layout.ROW_MAJOR, n, HostDoubles.of(a), n, wp);
      if (info != 0) throw new IllegalStateException("LAPACK dsyevd failed with info = " + info + ".");
      wp.get(0, w, 0, n);
    }
    return w;
  }

  /** v rounded up to one significant digit. */
  private static double niceAbove(double v) {
    if (!(v > 0)) return 1e-12;
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    return Math.ceil(v / p) * p;
  }
}
