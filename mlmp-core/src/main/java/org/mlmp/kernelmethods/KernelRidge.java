package org.mlmp.kernelmethods;

import java.util.Arrays;
import java.util.Objects;
import org.mlmp.api.Matrices;
import org.mlmp.api.Checks;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostDoubles;
import org.mlmp.backend.HostFloats;
import org.mlmp.kernel.CpuGram;
import org.mlmp.kernel.Gram;
import org.mlmp.kernel.Kernel;
import org.mlmp.api.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kernel ridge regression: f(x') = Σ_n a_n k(x_n, x') with dual coefficients
 *
 * <pre>  a = (K + λI)⁻¹ y,   K_nm = k(x_n, x_m),</pre>
 *
 * the minimiser of Σ_n (y_n − f(x_n))² + λ‖f‖²_H. Solved by one Cholesky factorisation of K + λI (λ
 * added to the diagonal in place, LAPACK {@code dposv}; from n = 1 000 on the CPU a float factorisation
 * refined in double to the same accuracy, about twice as fast), never an explicit inverse; several targets
 * {@code y: [n, t]} are solved at once. With {@link org.mlmp.kernel.Linear} and no intercept it is
 * ridge regression with the course's cost (1/2N) Σ (y − Xw)² + λ_ridge ‖w‖² for λ_ridge = λ/(2N).
 *
 * <p>scikit-learn: {@code sklearn.kernel_ridge.KernelRidge(alpha=λ, kernel=...)}, see {@link Kernel}
 * for the kernel parameters. Cost: O(n²d) for K, O(n³/3) for the factorisation, n² doubles of memory
 * (plus n² floats for the mixed-precision factor).
 *
 * <p><b>Backends and precision.</b> On the CPU backend with {@link Precision#DOUBLE} (the default) the fit
 * and predictions take a fast path that calls OpenBLAS/LAPACK directly on host buffers ({@link CpuGram},
 * {@code dposv} or the mixed-precision solve). On any other backend (CUDA), and with
 * {@link Precision#FLOAT}, the same results come from a backend-generic path of ND4J operations only:
 * the Gram matrix by {@code Nd4j.gemm} and element-wise ops ({@link Gram#matrix}), K + λI = LLᵀ by
 * {@code Nd4j.getBlasWrapper().lapack().potrf} (cuSOLVER on CUDA) and two {@code TriangularSolve} ops, in
 * the chosen precision. {@code FLOAT} keeps the Gram matrix and the factor in single precision (n² floats,
 * half the memory; on a GPU much faster than double) with no refinement, so dual coefficients and
 * predictions carry relative errors of about cond(K + λI) · 6e-8 — fine for well-regularised problems
 * (λ ≳ 1e-3 relative to the kernel's scale), not for near-interpolation. On the CPU, {@code FLOAT} is
 * slower than the default (which already factors in float and refines to double accuracy): use it there
 * to save memory. The CUDA path is written against ND4J's backend-independent API but has not been run on
 * a GPU (none was available); the tests run the generic path on the CPU
 * ({@link org.mlmp.backend.HostBlas#forceGeneric()}).
 *
 * <p>Reference: C. M. Bishop, <i>Pattern Recognition and Machine Learning</i> (2006), §6.1; O. A. von
 * Lilienfeld et al., "Exploring chemical compound space with quantum-based machine learning", Nat. Rev.
 * Chem. 4, 347 (2020).
 *
 * @param kernel the kernel k
 * @param lambda the regularisation λ >= 0 (scikit-learn's alpha)
 * @param precision {@link Precision#DOUBLE} (default) or {@link Precision#FLOAT}, see above
 */
public record KernelRidge(Kernel kernel, double lambda, Precision precision) implements Trainer<KernelRidgeModel> {
  /**
   * Validates the components.
   *
   * @param kernel the kernel k
   * @param lambda the regularisation λ >= 0 (scikit-learn's alpha)
   * @param precision {@link Precision#DOUBLE} (default) or {@link Precision#FLOAT}, see above
   * @throws NullPointerException when {@code kernel} or {@code precision} is null
   * @throws IllegalArgumentException when λ is negative or not finite
   */
  public KernelRidge {
    Objects.requireNonNull(kernel, "The 'kernel' parameter of KernelRidge must not be null; e.g. Gaussian.of(1.0).");
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("The 'lambda' parameter of KernelRidge must be a finite number >= 0. Got "
          + lambda + " instead.");
    }
    Objects.requireNonNull(precision,
        "The 'precision' parameter of KernelRidge must not be null; use Precision.DOUBLE or Precision.FLOAT.");
  }

  /**
   * A copy with another λ.
   *
   * @param newLambda the regularisation λ ≥ 0
   * @return the copy
   * @throws IllegalArgumentException when λ is negative or not finite
   */
  public KernelRidge withLambda(double newLambda) {
    return new KernelRidge(kernel, newLambda, precision);
  }

  /**
   * A copy with another kernel.
   *
   * @param newKernel the kernel k
   * @return the copy
   * @throws NullPointerException when {@code newKernel} is null
   */
  public KernelRidge withKernel(Kernel newKernel) {
    return new KernelRidge(newKernel, lambda, precision);
  }

  /**
   * A copy with another precision.
   *
   * @param newPrecision DOUBLE or FLOAT
   * @return the copy
   * @throws NullPointerException when {@code newPrecision} is null
   */
  public KernelRidge withPrecision(Precision newPrecision) {
    return new KernelRidge(kernel, lambda, newPrecision);
  }

  /**
   * Fits to {@code data}: x {@code [n, d]}, y {@code [n]} or {@code [n, t]}.
   *
   * @throws IllegalArgumentException naming the λ that helps when K + λI is not positive definite
   */
  @Override
  public KernelRidgeModel fit(Dataset data) {
    if (!HostBlas.hostMemory() || precision != Precision.DOUBLE) {
      // the backend-generic path of ND4J operations (what runs on CUDA; on the CPU in FLOAT, or forced)
      INDArray x = checked(data);
      return solve(x, Gram.matrix(kernel, x, precision.dataType()), data.y());
    }
    // CPU: dsyrk + one Java pass into the buffer that LAPACK then factors in place (upper triangle only)
    requireTargets(data);
    INDArray x = data.x().castTo(DataType.DOUBLE);
    CpuGram.Prepared p = CpuGram.prepare(kernel, x);
    boolean single = data.y().rank() == 1;
    INDArray y = data.y();
    INDArray y2 = (single ? y.reshape(y.length(), 1) : y).castTo(DataType.DOUBLE);
    // finiteness on the Java copies (an ND4J reduction costs milliseconds of thread wake-up); the message from Checks
    if (!allFinite(p.x()) || !allFinite(Matrices.flat(y2))) data.requireFinite();
    int n = p.n();
    boolean mixed = n >= RegularizedCholesky.MIXED_PRECISION_FROM;
    Gram.checkMemory(n, n, mixed ? 12 : 8, kernel.name() + " Gram matrix" + (mixed ? " (double and float)" : ""));
    String what = "KernelRidge(" + kernel + ")";
    try (HostDoubles k = HostDoubles.allocate((long) n * n)) {
      INDArray a;
      if (mixed) {
        try (HostFloats f = HostFloats.allocate((long) n * n)) {
          double norm = CpuGram.upperTriangle(p, k, f);
          a = RegularizedCholesky.solveMixed(k, f, n, y2, lambda, norm, what, () -> kernel.gram(x));
        }
      } else {
        CpuGram.upperTriangle(p, k);
        a = RegularizedCholesky.solveDirect(k, n, y2, lambda, what, () -> kernel.gram(x), false);
      }
      return new KernelRidgeModel(this, x, a, single, p, true);
    }
  }

  private static boolean allFinite(double[] v) {
    for (double e : v) if (!Double.isFinite(e)) return false;
    return true;
  }

  /**
   * Fits with a precomputed Gram matrix K = k(x, x) of {@code data.x()} (e.g. to reuse it for several
   * λ); gives the same model as {@link #fit(Dataset)}. The matrix is copied, not modified.
   *
   * @param data the training rows, with targets
   * @param gram {@code [n, n]}, symmetric
   * @return the fitted model
   * @throws IllegalArgumentException when data has no targets, holds NaN or ±∞, or gram is not {@code [n, n]}
   *     or not finite
   */
  public KernelRidgeModel fit(Dataset data, INDArray gram) {
    INDArray x = checked(data);
    long n = x.rows();
    if (gram == null || gram.rank() != 2 || gram.rows() != n || gram.columns() != n) {
      throw new IllegalArgumentException("KernelRidge: the precomputed Gram matrix must have shape [" + n + ", " + n
          + "] for " + n + " samples. Got " + (gram == null ? "null" : Arrays.toString(gram.shape())) + " instead.");
    }
    Checks.finite(gram, "gram");
    INDArray k = gram.castTo(precision.dataType()).dup('c');
    return solve(x, k, data.y());
  }

  private INDArray checked(Dataset data) {
    requireTargets(data);
    data.requireFinite();
    return data.x().castTo(DataType.DOUBLE);
  }

  private static void requireTargets(Dataset data) {
    if (!data.hasTargets()) {
      throw new IllegalArgumentException("KernelRidge needs targets y; the data set has none.");
    }
  }

  private KernelRidgeModel solve(INDArray x, INDArray k, INDArray y) {
    boolean single = y.rank() == 1;
    INDArray y2 = (single ? y.reshape(y.length(), 1) : y).castTo(k.dataType());
    INDArray a = RegularizedCholesky.solveInPlace(k, y2, lambda, "KernelRidge(" + kernel + ")");
    return new KernelRidgeModel(this, x, a, single, null, HostBlas.hostMemory());
  }

  /**
   * The dual coefficients (K + λI)⁻¹ Y for a precomputed Gram matrix (copied, not modified).
   *
   * @param gram K {@code [n, n]}, symmetric
   * @param y the targets {@code [n]} or {@code [n, t]}
   * @param lambda λ ≥ 0
   * @return a, the shape of y
   * @throws IllegalArgumentException when gram is not square or y has another number of rows
   */
  public static INDArray dualCoefficients(INDArray gram, INDArray y, double lambda) {
    Checks.matrix(gram, "gram");
    if (gram.rows() != gram.columns() || y.size(0) != gram.rows()) {
      throw new IllegalArgumentException("dualCoefficients: gram " + Arrays.toString(gram.shape()) + " must be square"
          + " with as many rows as y " + Arrays.toString(y.shape()) + ".");
    }
    Gram.checkMemory(gram.rows(), gram.rows(), "copy of the Gram matrix");
    INDArray y2 = (y.rank() == 1 ? y.reshape(y.length(), 1) : y).castTo(DataType.DOUBLE);
    return RegularizedCholesky.solveInPlace(gram.castTo(DataType.DOUBLE).dup('c'), y2, lambda,
        "KernelRidge(precomputed)");
  }

  /**
   * Kernel ridge in double precision.
   *
   * @param kernel the kernel k
   * @param lambda the regularisation λ ≥ 0
   * @return the configuration
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static KernelRidge of(Kernel kernel, double lambda) {
    return new KernelRidge(kernel, lambda, Precision.DOUBLE);
  }
}
