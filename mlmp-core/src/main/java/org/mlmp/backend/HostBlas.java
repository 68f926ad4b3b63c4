package org.mlmp.backend;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The host BLAS of mlmp's CPU fast paths: OpenBLAS's CBLAS routines on {@link HostDoubles} /
 * {@link HostFloats} buffers (each method one native call, the arguments passed through unchanged, so
 * the fast paths make exactly the calls they would make on OpenBLAS directly), the one decision whether
 * array buffers are host memory ({@link #hostMemory()}), and the one test switch that makes every fast
 * path take its backend-generic route instead ({@link #forceGeneric()}). LAPACK routines are in
 * {@link HostLapack}. Code outside {@code org.mlmp.backend} reaches JavaCPP pointers and OpenBLAS only
 * through these classes.
 *
 * <p>Element offsets ({@code aAt}, ...) count elements from the start of a buffer. Matrix arguments
 * follow CBLAS: {@code layout} says how a matrix lies in its buffer, {@code ld*} is its leading
 * dimension.
 */
public final class HostBlas {
  private HostBlas() {}

  /** How a matrix lies in its buffer: row after row (C, ND4J 'c') or column after column (Fortran, 'f'). */
  public enum Layout {
    /** Row after row (C order, ND4J {@code 'c'}): element (i, j) at {@code i * ld + j}. */
    ROW_MAJOR(openblas.CblasRowMajor, openblas.LAPACK_ROW_MAJOR),
    /** Column after column (Fortran order, ND4J {@code 'f'}): element (i, j) at {@code i + j * ld}. */
    COLUMN_MAJOR(openblas.CblasColMajor, openblas.LAPACK_COL_MAJOR);

    final int cblas;
    final int lapack;

    Layout(int cblas, int lapack) {
      this.cblas = cblas;
      this.lapack = lapack;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the host-memory decision and the test switch

  private static final ThreadLocal<Boolean> GENERIC = ThreadLocal.withInitial(() -> false);

  /**
   * Whether ND4J array buffers are host memory that Java and OpenBLAS may read and write directly — the
   * CPU backend — and the backend-generic path is not forced on this thread by {@link #forceGeneric()}.
   * Every fast path that reads or writes array buffers directly asks this, and only this.
   *
   * @return true when the fast paths may read and write ND4J buffers directly on this thread
   */
  public static boolean hostMemory() {
    return !GENERIC.get() && Backends.report().backend() == BackendKind.CPU;
  }

  /**
   * Whether {@link #forceGeneric()} is in effect on this thread.
   *
   * @return true inside an open {@link GenericScope} of this thread
   */
  public static boolean genericForced() {
    return GENERIC.get();
  }

  /**
   * Forces the backend-generic path (the ND4J operations other backends, e.g. CUDA, always take) on
   * this thread until the returned scope is closed: {@link #hostMemory()} answers false inside it. For
   * tests that check on the CPU that both paths agree:
   * {@code try (var generic = HostBlas.forceGeneric()) { ... }}. Scopes nest; closing one restores the
   * state it found (closing it again does nothing).
   *
   * @return the scope to close (in try-with-resources) to restore the previous state of this thread
   */
  public static GenericScope forceGeneric() {
    boolean before = GENERIC.get();
    GENERIC.set(true);
    return new GenericScope(Thread.currentThread(), before);
  }

  /** The scope of {@link #forceGeneric()}; close it on the thread that opened it. */
  public static final class GenericScope implements AutoCloseable {
    private final Thread owner;
    private final boolean before;
    private boolean closed;

    private GenericScope(Thread owner, boolean before) {
      this.owner = owner;
      this.before = before;
    }

    /**
     * Restores the state found when the scope was opened.
     *
     * @throws IllegalStateException when called on another thread than the one that opened the scope
     */
    @Override
    public void close() {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("HostBlas.forceGeneric(): the scope was opened on thread '" + owner.getName()
            + "' but closed on '" + Thread.currentThread().getName() + "'; close it on the thread that opened it"
            + " (the switch is per thread).");
      }
      if (closed) return;
      closed = true;
      GENERIC.set(before);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // off-heap memory accounting (JavaCPP's limit, which ND4J's buffers count against too)

  /**
   * JavaCPP's off-heap limit ({@code -Dorg.bytedeco.javacpp.maxbytes}).
   *
   * @return the limit in bytes; 0 or less when there is none
   */
  public static long offHeapLimit() {
    return Pointer.maxBytes();
  }

  /**
   * The off-heap memory JavaCPP (and so ND4J's buffers) holds now.
   *
   * @return the bytes allocated and not yet freed
   */
  public static long offHeapUsed() {
    return Pointer.totalBytes();
  }

  // ---------------------------------------------------------------------------------------------
  // level 3

  /**
   * C ← α A Aᵀ + β C, upper triangle of the n × n matrix C, A n × k ({@code cblas_dsyrk}, no transpose).
   *
   * @param layout how A and C lie in their buffers
   * @param n the order of C and the number of rows of A
   * @param k the number of columns of A
   * @param alpha the factor α of A Aᵀ
   * @param a the buffer holding A from element 0
   * @param lda the leading dimension of A
   * @param beta the factor β of the old C (0: C is overwritten)
   * @param c the buffer holding C from element 0; only its upper triangle is written
   * @param ldc the leading dimension of C
   */
  public static void dsyrkUpper(Layout layout, int n, int k, double alpha, HostDoubles a, int lda, double beta,
      HostDoubles c, int ldc) {
    openblas.cblas_dsyrk(layout.cblas, openblas.CblasUpper, openblas.CblasNoTrans, n, k, alpha, a.pointer, lda, beta,
        c.pointer, ldc);
  }

  /**
   * {@link #dsyrkUpper} in float ({@code cblas_ssyrk}): C ← α A Aᵀ + β C, upper triangle.
   *
   * @param layout how A and C lie in their buffers
   * @param n the order of C and the number of rows of A
   * @param k the number of columns of A
   * @param alpha the factor α of A Aᵀ
   * @param a the buffer holding A from element 0
   * @param lda the leading dimension of A
   * @param beta the factor β of the old C (0: C is overwritten)
   * @param c the buffer holding C from element 0; only its upper triangle is written
   * @param ldc the leading dimension of C
   */
  public static void ssyrkUpper(Layout layout, int n, int k, float alpha, HostFloats a, int lda, float beta,
      HostFloats c, int ldc) {
    openblas.cblas_ssyrk(layout.cblas, openblas.CblasUpper, openblas.CblasNoTrans, n, k, alpha, a.pointer, lda, beta,
        c.pointer, ldc);
  }

  /**
   * C ← α op(A) op(B) + β C with C m × n and inner dimension k, A starting at element {@code aAt}
   * ({@code cblas_dgemm}).
   *
   * @param layout how A, B and C lie in their buffers
   * @param transA whether op(A) = Aᵀ (else A)
   * @param transB whether op(B) = Bᵀ (else B)
   * @param m the number of rows of op(A) and C
   * @param n the number of columns of op(B) and C
   * @param k the inner dimension: columns of op(A), rows of op(B)
   * @param alpha the factor α of op(A) op(B)
   * @param a the buffer holding A
   * @param aAt the element of {@code a} where A starts
   * @param lda the leading dimension of A
   * @param b the buffer holding B from element 0
   * @param ldb the leading dimension of B
   * @param beta the factor β of the old C (0: C is overwritten)
   * @param c the buffer holding C from element 0
   * @param ldc the leading dimension of C
   */
  public static void dgemm(Layout layout, boolean transA, boolean transB, int m, int n, int k, double alpha,
      HostDoubles a, long aAt, int lda, HostDoubles b, int ldb, double beta, HostDoubles c, int ldc) {
    openblas.cblas_dgemm(layout.cblas, trans(transA), trans(transB), m, n, k, alpha, at(a.pointer, aAt), lda,
        b.pointer, ldb, beta, c.pointer, ldc);
  }

  // ---------------------------------------------------------------------------------------------
  // level 1

  /**
   * y ← α x + y over n elements, unit strides ({@code cblas_daxpy}).
   *
   * @param n the number of elements
   * @param alpha the factor α of x
   * @param x the buffer holding x from element 0
   * @param y the buffer holding y from element 0, updated in place
   */
  public static void daxpy(int n, double alpha, HostDoubles x, HostDoubles y) {
    openblas.cblas_daxpy(n, alpha, x.pointer, 1, y.pointer, 1);
  }

  // ---------------------------------------------------------------------------------------------
  // level 2

  /**
   * y ← α op(A) x + β y for A m × n starting at element {@code aAt}, x from element {@code xAt}, unit
   * strides ({@code cblas_dgemv}).
   *
   * @param layout how A lies in its buffer
   * @param transA whether op(A) = Aᵀ (else A)
   * @param m the number of rows of A (before op)
   * @param n the number of columns of A (before op)
   * @param alpha the factor α of op(A) x
   * @param a the buffer holding A
   * @param aAt the element of {@code a} where A starts
   * @param lda the leading dimension of A
   * @param x the buffer holding x
   * @param xAt the element of {@code x} where x starts
   * @param beta the factor β of the old y (0: y is overwritten)
   * @param y the buffer holding y from element 0
   */
  public static void dgemv(Layout layout, boolean transA, int m, int n, double alpha, HostDoubles a, long aAt,
      int lda, HostDoubles x, long xAt, double beta, HostDoubles y) {
    openblas.cblas_dgemv(layout.cblas, trans(transA), m, n, alpha, at(a.pointer, aAt), lda, at(x.pointer, xAt), 1,
        beta, y.pointer, 1);
  }

  /**
   * {@link #dgemv} in float ({@code cblas_sgemv}): y ← α op(A) x + β y, unit strides.
   *
   * @param layout how A lies in its buffer
   * @param transA whether op(A) = Aᵀ (else A)
   * @param m the number of rows of A (before op)
   * @param n the number of columns of A (before op)
   * @param alpha the factor α of op(A) x
   * @param a the buffer holding A
   * @param aAt the element of {@code a} where A starts
   * @param lda the leading dimension of A
   * @param x the buffer holding x
   * @param xAt the element of {@code x} where x starts
   * @param beta the factor β of the old y (0: y is overwritten)
   * @param y the buffer holding y from element 0
   */
  public static void sgemv(Layout layout, boolean transA, int m, int n, float alpha, HostFloats a, long aAt, int lda,
      HostFloats x, long xAt, float beta, HostFloats y) {
    openblas.cblas_sgemv(layout.cblas, trans(transA), m, n, alpha, at(a.pointer, aAt), lda, at(x.pointer, xAt), 1,
        beta, y.pointer, 1);
  }

  /**
   * A ← α x yᵀ + A for A m × n starting at element {@code aAt}, unit strides ({@code cblas_dger}).
   *
   * @param layout how A lies in its buffer
   * @param m the number of rows of A (the length of x)
   * @param n the number of columns of A (the length of y)
   * @param alpha the factor α of the rank-one update
   * @param x the buffer holding x from element 0
   * @param y the buffer holding y from element 0
   * @param a the buffer holding A, updated in place
   * @param aAt the element of {@code a} where A starts
   * @param lda the leading dimension of A
   */
  public static void dger(Layout layout, int m, int n, double alpha, HostDoubles x, HostDoubles y, HostDoubles a,
      long aAt, int lda) {
    openblas.cblas_dger(layout.cblas, m, n, alpha, x.pointer, 1, y.pointer, 1, at(a.pointer, aAt), lda);
  }

  /**
   * {@link #dger} in float ({@code cblas_sger}): A ← α x yᵀ + A, unit strides.
   *
   * @param layout how A lies in its buffer
   * @param m the number of rows of A (the length of x)
   * @param n the number of columns of A (the length of y)
   * @param alpha the factor α of the rank-one update
   * @param x the buffer holding x from element 0
   * @param y the buffer holding y from element 0
   * @param a the buffer holding A, updated in place
   * @param aAt the element of {@code a} where A starts
   * @param lda the leading dimension of A
   */
  public static void sger(Layout layout, int m, int n, float alpha, HostFloats x, HostFloats y, HostFloats a, long aAt,
      int lda) {
    openblas.cblas_sger(layout.cblas, m, n, alpha, x.pointer, 1, y.pointer, 1, at(a.pointer, aAt), lda);
  }

  /**
   * y ← α A x + β y for the symmetric n × n A stored in its lower triangle ({@code cblas_dsymv}, unit strides).
   *
   * @param layout how A lies in its buffer
   * @param n the order of A and the length of x and y
   * @param alpha the factor α of A x
   * @param a the buffer holding A from element 0; only its lower triangle is read
   * @param lda the leading dimension of A
   * @param x the buffer holding x from element 0
   * @param beta the factor β of the old y (0: y is overwritten)
   * @param y the buffer holding y from element 0
   */
  public static void dsymvLower(Layout layout, int n, double alpha, HostDoubles a, int lda, HostDoubles x, double beta,
      HostDoubles y) {
    openblas.cblas_dsymv(layout.cblas, openblas.CblasLower, n, alpha, a.pointer, lda, x.pointer, 1, beta, y.pointer,
        1);
  }

  /**
   * x ← op(L)⁻¹ x for the lower-triangular n × n L (non-unit diagonal), x from element {@code xAt}
   * ({@code cblas_strsv}).
   *
   * @param layout how L lies in its buffer
   * @param transL whether op(L) = Lᵀ (else L)
   * @param n the order of L and the length of x
   * @param l the buffer holding L from element 0; only its lower triangle is read
   * @param lda the leading dimension of L
   * @param x the buffer holding x, overwritten by the solution
   * @param xAt the element of {@code x} where x starts
   */
  public static void strsvLower(Layout layout, boolean transL, int n, HostFloats l, int lda, HostFloats x, long xAt) {
    openblas.cblas_strsv(layout.cblas, openblas.CblasLower, trans(transL), openblas.CblasNonUnit, n, l.pointer, lda,
        at(x.pointer, xAt), 1);
  }

  private static int trans(boolean t) {
    return t ? openblas.CblasTrans : openblas.CblasNoTrans;
  }

  private static DoublePointer at(DoublePointer p, long at) {
    return at == 0 ? p : p.getPointer(at);
  }

  private static FloatPointer at(FloatPointer p, long at) {
    return at == 0 ? p : p.getPointer(at);
  }

  // ---------------------------------------------------------------------------------------------
  // checks shared by HostDoubles and HostFloats

  static void requireLength(long length, String what) {
    if (length < 0) {
      throw new IllegalArgumentException(what + ": the length must be >= 0. Got " + length + " instead.");
    }
  }

  static void requireHostBuffer(INDArray a, DataType dt, String what) {
    if (a == null) throw new IllegalArgumentException(what + ": the array is null.");
    if (!hostMemory()) {
      throw new IllegalArgumentException(what + ": array buffers are not host memory here ("
          + (genericForced() ? "the backend-generic path is forced by HostBlas.forceGeneric()"
              : Backends.report().backend() + " backend")
          + "); check HostBlas.hostMemory() first and take the backend-generic path when it is false.");
    }
    if (a.dataType() != dt) {
      throw new IllegalArgumentException(what + ": needs a " + dt + " array. Got " + a.dataType() + " (shape "
          + Arrays.toString(a.shape()) + ") instead; cast it with castTo(DataType." + dt + ").");
    }
  }

  static void requireHostArray(INDArray a, DataType dt, String what) {
    requireHostBuffer(a, dt, what);
    if (a.isView() || a.offset() != 0) {
      throw new IllegalArgumentException(what + ": needs an array that owns its buffer from element 0. Got "
          + (a.isView() ? "a view" : "an array at offset " + a.offset()) + " of shape " + Arrays.toString(a.shape())
          + " instead; pass a fresh copy (dup('c') or dup('f')).");
    }
  }

  /**
   * Whether {@code a}'s elements lie in row order one after the other in its buffer: each dimension of size &gt; 1
   * has the stride of the dimensions after it (C order without gaps), whatever the view offset.
   *
   * @param a any array
   * @return true when {@link HostFloats#elements} / row-major loops may read a's elements as one run
   */
  public static boolean rowMajorRun(INDArray a) {
    long[] shape = a.shape(), stride = a.stride();
    long expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && stride[d] != expected) return false;
      expected *= shape[d];
    }
    return true;
  }
}
