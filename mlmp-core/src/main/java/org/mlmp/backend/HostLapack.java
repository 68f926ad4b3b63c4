package org.mlmp.backend;

import org.bytedeco.openblas.global.openblas;

/**
 * The host LAPACK routines of mlmp's CPU fast paths (kernel ridge regression's Cholesky solves and
 * eigenvalues), through OpenBLAS's LAPACKE on {@link HostDoubles} / {@link HostFloats} buffers. Each
 * returns LAPACK's {@code info} unchanged: 0 success, &lt; 0 argument −info was illegal, &gt; 0 the
 * routine's own failure (e.g. the leading minor of order info is not positive definite); the caller
 * words the message, since only it knows what the matrix is.
 */
public final class HostLapack {
  private HostLapack() {}

  /**
   * Solves A X = B for the symmetric positive-definite n × n A by Cholesky ({@code LAPACKE_dposv}, lower
   * triangle): A is overwritten by its factor L, B (n × nrhs) by X.
   */
  public static int dposvLower(HostBlas.Layout layout, int n, int nrhs, HostDoubles a, int lda, HostDoubles b,
      int ldb) {
    return openblas.LAPACKE_dposv(layout.lapack, (byte) 'L', n, nrhs, a.pointer, lda, b.pointer, ldb);
  }

  /** Factors the symmetric positive-definite n × n A = L Lᵀ in float, in place ({@code LAPACKE_spotrf}, lower). */
  public static int spotrfLower(HostBlas.Layout layout, int n, HostFloats a, int lda) {
    return openblas.LAPACKE_spotrf(layout.lapack, (byte) 'L', n, a.pointer, lda);
  }

  /** B ← (L Lᵀ)⁻¹ B with the factor of {@link #spotrfLower} ({@code LAPACKE_spotrs}). */
  public static int spotrsLower(HostBlas.Layout layout, int n, int nrhs, HostFloats l, int lda, HostFloats b,
      int ldb) {
    return openblas.LAPACKE_spotrs(layout.lapack, (byte) 'L', n, nrhs, l.pointer, lda, b.pointer, ldb);
  }

  /**
   * The eigenvalues, ascending, of the symmetric n × n A read from its lower triangle, into w
   * ({@code LAPACKE_dsyevd}, no eigenvectors); A is destroyed.
   */
  public static int dsyevdLower(HostBlas.Layout layout, int n, HostDoubles a, int lda, HostDoubles w) {
    return openblas.LAPACKE_dsyevd(layout.lapack, (byte) 'N', (byte) 'L', n, a.pointer, lda, w.pointer);
  }

  /**
   * The eigenvalues, ascending, into w and the eigenvectors of the symmetric n × n A read from its lower
   * triangle ({@code LAPACKE_dsyevd} with {@code jobz = 'V'}): A is overwritten by the orthonormal
   * eigenvectors, column i (in the given layout) belonging to w[i].
   *
   * @param layout the storage order of A
   * @param n the order of A
   * @param a the matrix, overwritten by the eigenvectors
   * @param lda its leading dimension
   * @param w n doubles for the eigenvalues
   * @return LAPACK's info (0 success, &gt; 0 no convergence)
   */
  public static int dsyevdVectorsLower(HostBlas.Layout layout, int n, HostDoubles a, int lda, HostDoubles w) {
    return openblas.LAPACKE_dsyevd(layout.lapack, (byte) 'V', (byte) 'L', n, a.pointer, lda, w.pointer);
  }
}
