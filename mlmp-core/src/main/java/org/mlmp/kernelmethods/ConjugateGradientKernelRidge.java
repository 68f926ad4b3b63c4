package org.mlmp.kernelmethods;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.mlmp.api.Dataset;
import org.mlmp.api.Trainer;
import org.mlmp.backend.HostBlas;
import org.mlmp.data.RowBlock;
import org.mlmp.data.RowBlocks;
import org.mlmp.io.ConfigJson;
import org.mlmp.kernel.CpuGram;
import org.mlmp.kernel.Gram;
import org.mlmp.kernel.Kernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact kernel ridge regression by preconditioned conjugate gradients, without the n × n Gram matrix: the
 * dual coefficients a = (K + λI)⁻¹ y of {@link KernelRidge} (same λ convention, same model: the fit returns a
 * {@link KernelRidgeModel}), where each product (K + λI)v is one pass over row blocks ({@link RowBlocks}),
 * every block computing its rows of K v with the kernel values on the fly ({@link CpuGram}'s fused
 * products on the CPU, ND4J's cross Gram blocks elsewhere); blocks return their rows, concatenated in
 * block order, so no floating-point sum depends on how blocks ran.
 *
 * <p><b>Preconditioner.</b> With {@code preconditionerLandmarks} = m > 0, the Nyström approximation
 * P = K̃ + λI, K̃ = Φ Φᵀ with the n × r features Φ = k(X, L) T of {@link NystromKernelRidge} (m landmarks drawn
 * with {@code seed}), applied by the Woodbury identity P⁻¹v = (v − Φ (λI + ΦᵀΦ)⁻¹ Φᵀ v) / λ (r × r solve on the
 * driver); m = 0: no preconditioner (plain CG; a Jacobi preconditioner would be a constant for the radial
 * kernels, whose diagonal is k(0)). Iteration stops when ‖y − (K + λI)a‖₂ ≤ tolerance · ‖y‖₂ (the recursively
 * updated residual), per target; reaching {@code maxIterations} first is an error naming the residual reached.
 *
 * <p>Cost per iteration: n² d kernel evaluations (time), O(b n) per block of b rows plus X (n d) and v (n) in
 * each block's reach (memory), v (n doubles) out and n doubles back (bytes moved) — X is shared once per fit
 * ({@link RowBlocks#share}); the preconditioner adds O(n m d + n m²) once and
 * n r doubles on the driver. Reference: J. R. Shewchuk, "An Introduction to the Conjugate Gradient Method
 * Without the Agonizing Pain" (1994); A. Rudi, L. Carratino, L. Rosasco, "FALKON", NIPS 2017 (Nyström
 * preconditioning).
 *
 * @param kernel the kernel k
 * @param lambda the regularisation λ > 0 (K + λI must be positive definite), as in {@link KernelRidge}
 * @param tolerance the relative residual at which CG stops, in (0, 1)
 * @param maxIterations the iteration cap per target, >= 1
 * @param preconditionerLandmarks the Nyström preconditioner's landmarks m >= 0 (0: none)
 * @param seed the seed of the landmark draw
 * @param blockRows the rows per block of the in-memory pass of {@link #fit(Dataset)}, >= 1
 */
public record ConjugateGradientKernelRidge(Kernel kernel, double lambda, double tolerance, int maxIterations,
    int preconditionerLandmarks, long seed, int blockRows) implements Trainer<KernelRidgeModel> {
  /**
   * Validates the configuration.
   *
   * @param kernel the kernel k
   * @param lambda the regularisation λ > 0 (K + λI must be positive definite), as in {@link KernelRidge}
   * @param tolerance the relative residual at which CG stops, in (0, 1)
   * @param maxIterations the iteration cap per target, >= 1
   * @param preconditionerLandmarks the Nyström preconditioner's landmarks m >= 0 (0: none)
   * @param seed the seed of the landmark draw
   * @param blockRows the rows per block of the in-memory pass of {@link #fit(Dataset)}, >= 1
   * @throws IllegalArgumentException naming the parameter, the value and the constraint
   * @throws NullPointerException for a null kernel
   */
  public ConjugateGradientKernelRidge {
    Objects.requireNonNull(kernel,
        "The 'kernel' parameter of ConjugateGradientKernelRidge must not be null; e.g. Gaussian.of(1.0).");
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("The 'lambda' parameter of ConjugateGradientKernelRidge must be a finite number"
          + " > 0 (conjugate gradients need K + λI positive definite). Got " + lambda + " instead.");
    }
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new IllegalArgumentException("The 'tolerance' parameter of ConjugateGradientKernelRidge must be in (0, 1)."
          + " Got " + tolerance + " instead; 1e-10 matches a direct solve to about 1e-8.");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("The 'maxIterations' parameter of ConjugateGradientKernelRidge must be >= 1."
          + " Got " + maxIterations + " instead.");
    }
    if (preconditionerLandmarks < 0) {
      throw new IllegalArgumentException("The 'preconditionerLandmarks' parameter of ConjugateGradientKernelRidge must"
          + " be >= 0 (0: no preconditioner). Got " + preconditionerLandmarks + " instead.");
    }
    if (blockRows < 1) {
      throw new IllegalArgumentException("The 'blockRows' parameter of ConjugateGradientKernelRidge must be >= 1. Got "
          + blockRows + " instead.");
    }
  }

  /**
   * Tolerance 1e-10, at most 1 000 iterations, a Nyström preconditioner of 100 landmarks (seed 0), blocks of
   * {@link NystromKernelRidge#DEFAULT_BLOCK_ROWS} rows.
   *
   * @param kernel the kernel
   * @param lambda λ > 0
   * @return the configuration
   */
  public static ConjugateGradientKernelRidge of(Kernel kernel, double lambda) {
    return new ConjugateGradientKernelRidge(kernel, lambda, 1e-10, 1000, 100, 0, NystromKernelRidge.DEFAULT_BLOCK_ROWS);
  }

  /**
   * A copy with another tolerance.
   *
   * @param t the relative residual, in (0, 1)
   * @return the copy
   */
  public ConjugateGradientKernelRidge withTolerance(double t) {
    return new ConjugateGradientKernelRidge(kernel, lambda, t, maxIterations, preconditionerLandmarks, seed, blockRows);
  }

  /**
   * A copy with another iteration cap.
   *
   * @param cap iterations >= 1
   * @return the copy
   */
  public ConjugateGradientKernelRidge withMaxIterations(int cap) {
    return new ConjugateGradientKernelRidge(kernel, lambda, tolerance, cap, preconditionerLandmarks, seed, blockRows);
  }

  /**
   * A copy with another preconditioner size.
   *
   * @param m landmarks >= 0 (0: none)
   * @return the copy
   */
  public ConjugateGradientKernelRidge withPreconditionerLandmarks(int m) {
    return new ConjugateGradientKernelRidge(kernel, lambda, tolerance, maxIterations, m, seed, blockRows);
  }

  /**
   * A copy with another seed of the preconditioner's landmark draw.
   *
   * @param newSeed the seed
   * @return the copy
   */
  public ConjugateGradientKernelRidge withSeed(long newSeed) {
    return new ConjugateGradientKernelRidge(kernel, lambda, tolerance, maxIterations, preconditionerLandmarks, newSeed,
        blockRows);
  }

  /**
   * A copy with another block size.
   *
   * @param rows rows per block >= 1
   * @return the copy
   */
  public ConjugateGradientKernelRidge withBlockRows(int rows) {
    return new ConjugateGradientKernelRidge(kernel, lambda, tolerance, maxIterations, preconditionerLandmarks, seed, rows);
  }

  /**
   * The outcome of a solve.
   *
   * @param model the fitted model
   * @param iterations the CG iterations taken, per target
   * @param relativeResidual the final ‖y − (K + λI)a‖₂ / ‖y‖₂ (recursively updated), per target
   */
  public record CgSolution(KernelRidgeModel model, int[] iterations, double[] relativeResidual) {
    /**
     * Copies the arrays.
     *
     * @param model the fitted model
     * @param iterations the CG iterations taken, per target
     * @param relativeResidual the final ‖y − (K + λI)a‖₂ / ‖y‖₂ (recursively updated), per target
     */
    public CgSolution {
      iterations = iterations.clone();
      relativeResidual = relativeResidual.clone();
    }

    /**
     * The iterations per target.
     *
     * @return a copy
     */
    @Override
    public int[] iterations() {
      return iterations.clone();
    }

    /**
     * The final relative residuals per target.
     *
     * @return a copy
     */
    @Override
    public double[] relativeResidual() {
      return relativeResidual.clone();
    }
  }

  /**
   * Fits to {@code data} in memory, in blocks of {@link #blockRows()} rows.
   *
   * @param data x {@code [n, d]}, y {@code [n]} or {@code [n, t]}
   * @return the fitted model
   * @throws IllegalArgumentException for data without targets or with NaN or ±∞ (row and column named)
   * @throws IllegalStateException if CG does not reach the tolerance within {@code maxIterations}
   */
  @Override
  public KernelRidgeModel fit(Dataset data) {
    if (!data.hasTargets()) {
      throw new IllegalArgumentException("ConjugateGradientKernelRidge needs targets y; the data set has none.");
    }
    data.requireFinite();
    return solve(RowBlocks.of(data, blockRows), data.y().rank() == 1).model();
  }

  /**
   * Solves on rows given as blocks (in memory or distributed); the rows must be finite.
   *
   * @param blocks the training rows with targets
   * @param singleTarget true if y is {@code [n]} (the model then predicts {@code [m]}), false for {@code [n, t]}
   * @return the model with the iterations and residuals
   * @throws IllegalArgumentException for blocks without targets
   * @throws IllegalStateException if CG does not reach the tolerance within {@code maxIterations}
   */
  public CgSolution solve(RowBlocks blocks, boolean singleTarget) {
    if (!blocks.hasTargets()) {
      throw new IllegalArgumentException("ConjugateGradientKernelRidge needs targets y; the row blocks have none.");
    }
    int n = (int) blocks.rows(), d = blocks.features();
    INDArray x = Nd4j.vstack(blocks.map(b -> b.x().castTo(DataType.DOUBLE))).reshape('c', n, d).dup('c');
    INDArray y = Nd4j.vstack(blocks.map(b -> {
      INDArray yb = b.y().castTo(DataType.DOUBLE);
      return yb.rank() == 1 ? yb.reshape(yb.length(), 1) : yb;
    }));
    String kernelJson = ConfigJson.writeAny(kernel).toString();
    RowBlocks.Shared<double[]> xFlat = blocks.share(x.data().asDouble());
    Preconditioner p = preconditionerLandmarks == 0 ? null : new Preconditioner(blocks, kernelJson);
    int t = (int) y.columns();
    double[] a = new double[n * t];
    int[] iterations = new int[t];
    double[] residual = new double[t];
    for (int c = 0; c < t; c++) {
      double[] rhs = y.getColumn(c).dup().data().asDouble();
      double[] sol = new double[n];
      double[] stats = pcg(blocks, kernelJson, xFlat, d, rhs, sol, p, c);
      iterations[c] = (int) stats[0];
      residual[c] = stats[1];
      for (int i = 0; i < n; i++) a[i * t + c] = sol[i];
    }
    KernelRidgeModel model = new KernelRidgeModel(KernelRidge.of(kernel, lambda), x,
        Nd4j.createFromArray(a).reshape('c', n, t), singleTarget, null, HostBlas.hostMemory());
    return new CgSolution(model, iterations, residual);
  }

  /** PCG on (K + λI) a = b into sol; returns {iterations, relative residual}. */
  private double[] pcg(RowBlocks blocks, String kernelJson, RowBlocks.Shared<double[]> x, int d, double[] b, double[] sol,
      Preconditioner p, int target) {
    int n = b.length;
    double bNorm = Math.sqrt(dot(b, b));
    if (bNorm == 0) return new double[] {0, 0};
    double[] r = b.clone();
    double[] z = p == null ? r.clone() : p.apply(r);
    double[] dir = z.clone();
    double rz = dot(r, z);
    int it = 0;
    double rel = 1;
    while ((rel = Math.sqrt(dot(r, r)) / bNorm) > tolerance) {
      if (it == maxIterations) {
        throw new IllegalStateException(String.format(Locale.ROOT, "ConjugateGradientKernelRidge did not reach the"
            + " relative residual %.3g within maxIterations = %d for target %d (reached %.3g); raise maxIterations,"
            + " lambda or preconditionerLandmarks.", tolerance, maxIterations, target, rel));
      }
      double[] q = times(blocks, kernelJson, x, d, dir);
      double alpha = rz / dot(dir, q);
      for (int i = 0; i < n; i++) {
        sol[i] += alpha * dir[i];
        r[i] -= alpha * q[i];
      }
      z = p == null ? r.clone() : p.apply(r);
      double rzNew = dot(r, z), beta = rzNew / rz;
      for (int i = 0; i < n; i++) dir[i] = z[i] + beta * dir[i];
      rz = rzNew;
      it++;
    }
    return new double[] {it, rel};
  }

  /** (K + λI) v by one pass over the blocks. */
  private double[] times(RowBlocks blocks, String kernelJson, RowBlocks.Shared<double[]> x, int d, double[] v) {
    List<double[]> parts = blocks.map(new ProductBlock(kernelJson, x, d, v));
    double[] out = new double[v.length];
    int at = 0;
    for (double[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    for (int i = 0; i < out.length; i++) out[i] += lambda * v[i];
    return out;
  }

  /**
   * The block function of one CG product (serialisable: the kernel travels as its JSON): the block's rows of
   * K v, (K v)_i = Σ_j k(x_i, x_j) v_j over all n training rows. It holds the rows through a
   * {@link RowBlocks.Shared} handle made once per fit, so a pass sends only the kernel, the handle and v.
   *
   * @param kernelJson the kernel as {@link ConfigJson#writeAny} writes it
   * @param x all training rows, row-major {@code [n, d]}, shared once per fit
   * @param d the number of features
   * @param v the vector {@code [n]}
   *
   * @serial exclude
   */
  public record ProductBlock(String kernelJson, RowBlocks.Shared<double[]> x, int d, double[] v) implements RowBlocks.BlockFunction<double[]> {
    /**
     * Computes the block's rows of K v.
     *
     * @param block rows of the training set
     * @return {@code block.rows()} values
     */
    @Override
    public double[] apply(RowBlock block) {
      Kernel k = NystromKernelRidge.kernelOf(kernelJson);
      double[] rows = x.value();
      INDArray xAll = Nd4j.createFromArray(rows).reshape('c', rows.length / d, d);
      INDArray xb = block.x().castTo(DataType.DOUBLE);
      if (HostBlas.hostMemory()) return CpuGram.predict(CpuGram.prepare(k, xAll), xb, v, 1);
      return Gram.cross(k, xb, xAll, DataType.DOUBLE).mmul(Nd4j.createFromArray(v).reshape(v.length, 1))
          .data().asDouble();
    }
  }

  /** P⁻¹ = (ΦΦᵀ + λI)⁻¹ by Woodbury. */
  private final class Preconditioner {
    private final INDArray phi;
    private final NystromBasis.Eigen small;

    Preconditioner(RowBlocks blocks, String kernelJson) {
      int m = (int) Math.min(preconditionerLandmarks, blocks.rows());
      NystromBasis basis = NystromBasis.of(kernel, blocks.rowsAt(
          NystromKernelRidge.of(kernel, lambda, m).withSeed(seed).landmarkRows(blocks.rows())));
      phi = Nd4j.vstack(blocks.map(new NystromKernelRidge.FeatureBlock(kernelJson, basis.landmarks.data().asDouble(),
          basis.t.dup('c').data().asDouble(), (int) basis.landmarks.columns())));
      INDArray s = phi.transpose().mmul(phi);
      s = s.add(s.transpose()).muli(0.5);
      s.addi(Nd4j.eye(basis.rank()).castTo(DataType.DOUBLE).muli(lambda));
      small = NystromBasis.Eigen.of(s);
    }

    double[] apply(double[] r) {
      INDArray rv = Nd4j.createFromArray(r).reshape(r.length, 1);
      INDArray w = small.solve(phi.transpose().mmul(rv), "the preconditioner's λI + ΦᵀΦ");
      return rv.sub(phi.mmul(w)).divi(lambda).data().asDouble();
    }
  }

  private static double dot(double[] u, double[] v) {
    double s = 0;
    for (int i = 0; i < u.length; i++) s += u[i] * v[i];
    return s;
  }
}
