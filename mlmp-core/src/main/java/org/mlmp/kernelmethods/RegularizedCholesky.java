package org.mlmp.kernelmethods;

import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.mlmp.backend.BackendKind;
import org.mlmp.backend.Backends;
import org.mlmp.kernel.CpuGram;
import org.mlmp.kernel.Gram;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Solves (K + λI) A = Y for a symmetric positive-definite K by Cholesky, never forming an inverse.
 *
 * <p>Fast path (CPU): λ is added to the diagonal in place, then one LAPACK call {@code dposv} factors
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
   * @param k a fresh {@code [n, n]} c-order matrix owned by the caller, DOUBLE (FLOAT too when not
   *     direct: the generic path then solves in float); destroyed
   * @param y {@code [n, t]} targets, not modified
   * @param lambda λ >= 0
   * @param what the model and kernel for error messages, e.g. "KernelRidge(Gaussian[sigma=1.0])"
   * @param direct true: LAPACKE dposv on the buffer (CPU); false: the backend-generic route, ND4J's
   *     {@code potrf} ({@code Nd4j.getBlasWrapper().lapack()}: LAPACK on the CPU, cuSOLVER on CUDA) and two
   *     {@code TriangularSolve} ops, in k's data type
   * @return A {@code [n, t]} in k's data type
   */
  static INDArray solveInPlace(INDArray k, INDArray y, double lambda, String what, boolean direct) {
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
      int info = openblas.LAPACKE_dposv(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, t,
          (DoublePointer) k.data().addressPointer(), n, (DoublePointer) b.data().addressPointer(), n);
      if (info > 0) throw notPositiveDefinite(k, savedDiagonal, lambda, info, what);
      if (info < 0) throw new IllegalStateException("LAPACK dposv rejected argument " + (-info) + " (n = " + n + ").");
      return b;
    }
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
  static INDArray solveDirect(DoublePointer k, int n, INDArray y, double lambda, String what,
      java.util.function.Supplier<INDArray> fullGram, boolean mixed) {
    if (mixed) {
      double[] row = new double[n], abs = new double[n];
      float[] frow = new float[n];
      try (FloatPointer f = new FloatPointer((long) n * n)) {
        for (int i = 0; i < n; i++) {
          long at = (long) i * n + i;
          k.position(at).get(row, 0, n - i);
          k.position(0);
          for (int t = 0; t < n - i; t++) {
            frow[t] = (float) row[t];
            abs[i] += Math.abs(row[t]);
            if (t > 0) abs[i + t] += Math.abs(row[t]);
          }
          f.position(at).put(frow, 0, n - i);
          f.position(0);
        }
        double norm = 0;
        for (double v : abs) norm = Math.max(norm, v);
        return solveMixed(k, f, n, y, lambda, norm, what, fullGram);
      }
    }
    int t = (int) y.columns();
    double[] savedDiagonal = addToDiagonal(k, null, n, lambda);
    INDArray b = y.castTo(DataType.DOUBLE).dup('f');
    DoublePointer bp = (DoublePointer) b.data().addressPointer();
    int info = openblas.LAPACKE_dposv(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, t, k, n, bp, n);
    if (info > 0) {
      throw notPositiveDefinite(n <= EIGEN_LIMIT ? fullGram.get().dup('c') : null, savedDiagonal, lambda, info, what);
    }
    if (info < 0) throw new IllegalStateException("LAPACK dposv rejected argument " + (-info) + " (n = " + n + ").");
    return b;
  }

  /** Refinement steps before {@link #solveMixed} gives up on the float factor (LAPACK dsposv's ITERMAX). */
  static final int MAX_REFINEMENTS = 30;

  /**
   * Mixed precision, as LAPACK's {@code dsposv} but without its extra passes over the matrix: K + λI = LLᵀ
   * factored in float ({@code spotrf}, about half the time of {@code dpotrf}), then iterative refinement
   * in double, x ← x + (LLᵀ)⁻¹ (y − (K + λI) x) with the residual from the double matrix ({@code dsymv}),
   * until ‖r‖∞ ≤ ‖x‖∞ ‖K + λI‖∞ ε √n for every target (ε = 2⁻⁵³, dsposv's test), plus one more correction
   * with that last residual (dsposv stops before it; it brought the difference to {@code dposv} from
   * ≈ 5e-9 to ≈ 5e-11 relative at n = 2 000, σ = 1, λ = 1e-3): the solution then has the backward error of a
   * double-precision solve. When the float factor fails or the refinement does not
   * converge in {@value #MAX_REFINEMENTS} steps (K + λI too ill-conditioned for float, cond ≳ 10⁷), it
   * falls back to {@code dposv} on the double matrix, which neither step modifies.
   *
   * @param k row-major {@code [n, n]} K, upper triangle and diagonal (column-major lower); λ is added to its diagonal
   * @param f the same upper triangle in float; destroyed (overwritten by the factor)
   * @param normK ‖K‖∞ (as returned by {@link CpuGram#upperTriangle(CpuGram.Prepared, DoublePointer, FloatPointer)})
   * @param y {@code [n, t]} targets, not modified
   * @return A {@code [n, t]} double
   */
  static INDArray solveMixed(DoublePointer k, FloatPointer f, int n, INDArray y, double lambda, double normK,
      String what, java.util.function.Supplier<INDArray> fullGram) {
    int t = (int) y.columns();
    double[] savedDiagonal = addToDiagonal(k, f, n, lambda);
    // column-major [n, t]
    double[] rhs = y.castTo(DataType.DOUBLE).dup('f').data().asDouble();
    int info = openblas.LAPACKE_spotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, f, n);
    if (info == 0) {
      double[] x = refine(k, f, n, t, rhs, normK + lambda);
      if (x != null) return Nd4j.create(x, new long[] {n, t}, 'f');
    }
    // float factor failed or refinement stalled: plain double Cholesky on the intact double matrix
    INDArray b = Nd4j.create(rhs, new long[] {n, t}, 'f');
    info = openblas.LAPACKE_dposv(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, t, k, n,
        (DoublePointer) b.data().addressPointer(), n);
    if (info > 0) {
      throw notPositiveDefinite(n <= EIGEN_LIMIT ? fullGram.get().dup('c') : null, savedDiagonal, lambda, info, what);
    }
    if (info < 0) throw new IllegalStateException("LAPACK dposv rejected argument " + (-info) + " (n = " + n + ").");
    return b;
  }

  /** The refined solution (column-major [n, t]) or null if the refinement did not converge. */
  private static double[] refine(DoublePointer k, FloatPointer factor, int n, int t, double[] rhs, double normA) {
    int len = n * t;
    double[] x = new double[len], r = new double[len];
    float[] rf = new float[len];
    double cte = normA * 0x1p-53 * Math.sqrt(n);
    try (DoublePointer xp = new DoublePointer(len); DoublePointer rp = new DoublePointer(len);
        FloatPointer fp = new FloatPointer(len)) {
      // x = (LLᵀ)⁻¹ y in float
      if (!toFloat(rhs, rf)) return null;
      if (!floatSolve(factor, n, t, fp, rf)) return null;
      for (int i = 0; i < len; i++) x[i] = rf[i];
      for (int iter = 0; ; iter++) {
        // r = y − (K + λI) x in double
        xp.put(x);
        rp.put(rhs);
        if (t == 1) {
          openblas.cblas_dsymv(openblas.CblasColMajor, openblas.CblasLower, n, -1.0, k, n, xp, 1, 1.0, rp, 1);
        } else {
          openblas.cblas_dsymm(openblas.CblasColMajor, openblas.CblasLeft, openblas.CblasLower, n, t, -1.0, k, n, xp, n,
              1.0, rp, n);
        }
        rp.get(r);
        boolean converged = true;
        for (int c = 0; c < t && converged; c++) {
          double xn = 0, rn = 0;
          for (int i = c * n; i < (c + 1) * n; i++) {
            xn = Math.max(xn, Math.abs(x[i]));
            rn = Math.max(rn, Math.abs(r[i]));
          }
          converged = rn <= xn * cte;
        }
        if (iter == MAX_REFINEMENTS || !toFloat(r, rf)) return converged ? x : null;
        if (!floatSolve(factor, n, t, fp, rf)) return converged ? x : null;
        for (int i = 0; i < len; i++) x[i] += rf[i];
        // once converged, the step just taken is one more than dsposv takes (cost: one dsymv-free solve pair)
        if (converged) return x;
      }
    }
  }

  /**
   * rf ← (LLᵀ)⁻¹ rf with the float factor, through the scratch buffer fp: two {@code strsv} per column
   * for a few targets (measured at n = 2 000: 0.6 ms against 5.4 ms for {@code spotrs}, whose
   * {@code strsm} with one right-hand side is slow), {@code spotrs} for many.
   */
  private static boolean floatSolve(FloatPointer factor, int n, int t, FloatPointer fp, float[] rf) {
    fp.put(rf);
    if (t < 8) {
      for (int c = 0; c < t; c++) {
        FloatPointer col = fp.getPointer((long) c * n);
        openblas.cblas_strsv(openblas.CblasColMajor, openblas.CblasLower, openblas.CblasNoTrans, openblas.CblasNonUnit,
            n, factor, n, col, 1);
        openblas.cblas_strsv(openblas.CblasColMajor, openblas.CblasLower, openblas.CblasTrans, openblas.CblasNonUnit,
            n, factor, n, col, 1);
      }
    } else if (openblas.LAPACKE_spotrs(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, t, factor, n, fp, n) != 0) {
      return false;
    }
    fp.get(rf);
    return true;
  }

  /** to ← (float) from; false if a value overflows float or is not finite. */
  private static boolean toFloat(double[] from, float[] to) {
    for (int i = 0; i < from.length; i++) {
      to[i] = (float) from[i];
      if (!Float.isFinite(to[i])) return false;
    }
    return true;
  }

  /** Adds λ to the diagonal of k (and of f, rounded from the double sum, if not null); returns the old diagonal. */
  private static double[] addToDiagonal(DoublePointer k, FloatPointer f, int n, double lambda) {
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

  /** Whether the direct LAPACK path is available (CPU backend, where buffers are host memory). */
  static boolean directAvailable() {
    return Backends.report().backend() == BackendKind.CPU;
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
    if (!directAvailable() || a.dataType() != DataType.DOUBLE || a.isView() || a.offset() != 0) {
      // backend-generic: ND4J's syev on a double copy (LAPACK on the CPU, cuSOLVER on CUDA)
      INDArray ad = a.castTo(DataType.DOUBLE).dup('f');
      INDArray ev = Nd4j.create(DataType.DOUBLE, n);
      int info = Nd4j.getBlasWrapper().lapack().syev('N', 'L', ad, ev);
      if (info != 0) throw new IllegalStateException("syev failed with info = " + info + ".");
      w = ev.toDoubleVector();
      java.util.Arrays.sort(w);
      return w;
    }
    DoublePointer wp = new DoublePointer(n);
    int info = openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'L', n,
        (DoublePointer) a.data().addressPointer(), n, wp);
    if (info != 0) throw new IllegalStateException("LAPACK dsyevd failed with info = " + info + ".");
    wp.get(w);
    wp.close();
    return w;
  }

  /** v rounded up to one significant digit. */
  private static double niceAbove(double v) {
    if (!(v > 0)) return 1e-12;
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    return Math.ceil(v / p) * p;
  }
}
