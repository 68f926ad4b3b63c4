package org.mlmp.kernelmethods;

import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.openblas.global.openblas;
import org.mlmp.backend.BackendKind;
import org.mlmp.backend.Backends;
import org.mlmp.kernel.Gram;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Solves (K + λI) A = Y for a symmetric positive-definite K by Cholesky, never forming an inverse.
 *
 * <p>Fast path (CPU): λ is added to the diagonal in place through a strided view, then one LAPACK call
 * {@code dposv} factors K + λI = LLᵀ and solves for all targets, overwriting K's lower triangle
 * (column-major view) with L and Y with A. Other backends: ND4J's {@code potrf} and two triangular
 * solves. When the factorisation fails, the matrix is rebuilt from its untouched triangle and saved
 * diagonal and its smallest eigenvalue is computed (n ≤ {@value #EIGEN_LIMIT}) to name the λ that helps.
 */
final class RegularizedCholesky {
  private RegularizedCholesky() {}

  static final int EIGEN_LIMIT = 3000;

  /**
   * From this n on, {@link #solveDirect} uses LAPACK's mixed-precision {@code dsposv} (measured on the loaded
   * 2-core machine, Gaussian σ = 1, λ = 1e-3, d = 10: n = 4 000 0.83–1.14 s against 1.04–1.62 s for
   * {@code dposv}, 4 refinement steps, solutions equal to 1.4e-9 relative; KRR fit at n = 8 000 3.0 s against
   * 5.4 s); at n = 2 000 the two were within the noise.
   */
  static final int MIXED_PRECISION_FROM = 3000;

  /**
   * @param k a fresh {@code [n, n]} double c-order matrix owned by the caller; destroyed
   * @param y {@code [n, t]} targets, not modified
   * @param lambda λ >= 0
   * @param what the model and kernel for error messages, e.g. "KernelRidge(Gaussian[sigma=1.0])"
   * @param direct true: LAPACKE dposv on the buffer (CPU); false: ND4J potrf + triangular solves
   * @return A {@code [n, t]} double
   */
  static INDArray solveInPlace(INDArray k, INDArray y, double lambda, String what, boolean direct) {
    int n = (int) k.rows();
    int t = (int) y.columns();
    if (k.offset() != 0 || k.ordering() != 'c' || k.dataType() != DataType.DOUBLE || k.isView()) {
      throw new IllegalArgumentException("internal: the Gram matrix must be a fresh double c-order array");
    }
    INDArray diag = Nd4j.create(k.data(), new long[] {n}, new long[] {n + 1}, k.offset(), 'c', DataType.DOUBLE);
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
    INDArray z = Nd4j.exec(new TriangularSolve(k, y.castTo(DataType.DOUBLE).dup('c'), true, false))[0];
    return Nd4j.exec(new TriangularSolve(k, z, true, true))[0];
  }

  /**
   * The CPU fast path on a raw buffer: λ added to the diagonal, then {@code dposv} on the row-major upper
   * triangle (the column-major lower one) of {@code k}, which it overwrites with the Cholesky factor.
   *
   * @param k row-major {@code [n, n]} buffer of K with at least its upper triangle and diagonal; destroyed
   * @param y {@code [n, t]} targets, not modified
   * @param fullGram recomputes K (full, symmetric) for the message when the factorisation fails
   * @return A {@code [n, t]} double
   */
  static INDArray solveDirect(DoublePointer k, int n, INDArray y, double lambda, String what,
      java.util.function.Supplier<INDArray> fullGram) {
    return solveDirect(k, n, y, lambda, what, fullGram, n >= MIXED_PRECISION_FROM);
  }

  /**
   * @param mixed true: {@code dsposv} (float factor + refinement in double; LAPACK allocates n² floats
   *     of work space besides K); false: {@code dposv}
   */
  static INDArray solveDirect(DoublePointer k, int n, INDArray y, double lambda, String what,
      java.util.function.Supplier<INDArray> fullGram, boolean mixed) {
    int t = (int) y.columns();
    double[] savedDiagonal = new double[n];
    for (int i = 0; i < n; i++) {
      long at = (long) i * n + i;
      savedDiagonal[i] = k.get(at);
      k.put(at, savedDiagonal[i] + lambda);
    }
    INDArray b = y.castTo(DataType.DOUBLE).dup('f');
    DoublePointer bp = (DoublePointer) b.data().addressPointer();
    int info;
    if (mixed) {
      // dsposv: Cholesky in float (about half the time of dpotrf), then iterative refinement against the
      // double matrix until the double-precision backward error is reached; LAPACK itself falls back to
      // dposv when the refinement does not converge (K + λI too ill-conditioned for a float factor)
      INDArray xOut = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {n, t}, 'f');
      try (IntPointer iter = new IntPointer(1)) {
        info = openblas.LAPACKE_dsposv(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, t, k, n, bp, n,
            (DoublePointer) xOut.data().addressPointer(), n, iter);
      }
      b = xOut;
    } else {
      info = openblas.LAPACKE_dposv(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, t, k, n, bp, n);
    }
    if (info > 0) {
      throw notPositiveDefinite(n <= EIGEN_LIMIT ? fullGram.get().dup('c') : null, savedDiagonal, lambda, info, what);
    }
    if (info < 0) throw new IllegalStateException("LAPACK dposv rejected argument " + (-info) + " (n = " + n + ").");
    return b;
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
      Nd4j.create(k.data(), new long[] {n}, new long[] {n + 1}, k.offset(), 'c', DataType.DOUBLE)
          .assign(Nd4j.createFromArray(diagonal));
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
