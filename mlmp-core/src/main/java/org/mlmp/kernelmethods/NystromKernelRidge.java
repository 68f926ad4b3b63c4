package org.mlmp.kernelmethods;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import org.mlmp.api.Dataset;
import org.mlmp.api.Trainer;
import org.mlmp.data.Partition;
import org.mlmp.data.RowBlock;
import org.mlmp.data.RowBlocks;
import org.mlmp.io.ConfigJson;
import org.mlmp.kernel.Gram;
import org.mlmp.kernel.Kernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Nyström kernel ridge regression: kernel ridge regression restricted to the span of m landmark rows L (drawn
 * uniformly without replacement from the training rows with {@code seed}), without the n × n Gram matrix.
 * It minimises Σ_n (y_n − f(x_n))² + λ‖f‖²_H over f(x) = Σ_j β_j k(x, l_j), i.e. with C = K_nm = k(X, L):
 *
 * <pre>  (K_mn K_nm + λ K_mm) β = K_mn y,</pre>
 *
 * the λ convention of {@link KernelRidge} (whose dual coefficients solve (K + λI) a = y): with m = n landmarks
 * both give the same predictions. The system is assembled in the basis T = U_r s_r^(−1/2) of K_mm = U s Uᵀ
 * (its rank-r part above round-off), where it reads (TᵀK_mn K_nm T + λI) w = TᵀK_mn y, β = T w — the same
 * solution where K_mm is invertible, and stable where it is numerically singular (forming K_mn K_nm first
 * would square K_mm's condition number). TᵀK_mn K_nm T = ΦᵀΦ and TᵀK_mn y = Φᵀy, Φ = K_nm T, are assembled
 * from per-block contributions ({@link RowBlocks}: each block computes its rows' kernel values against the
 * landmarks on the fly, its features Φ_b = C_b T and contributes Φ_bᵀΦ_b and Φ_bᵀy_b; the blocks are summed in
 * block-index order); K_mm's eigen-decomposition and the r × r solve run on the driver with LAPACK
 * ({@code dsyevd}).
 *
 * <p>Cost: time O(n m d + n m r) for the blocks plus O(m³) on the driver; memory O(b m) per block of b rows
 * and O(m²) on the driver; bytes moved per block: the r × r and r × t contributions (r ≤ m), plus the m × d
 * landmarks and the m × r basis sent to every block.
 * scikit-learn: {@code Nystroem(kernel, n_components=m)} followed by {@code Ridge(alpha=λ)} on the features
 * (same model when the landmarks are the same rows). Reference: C. Williams, M. Seeger, "Using the Nyström
 * method to speed up kernel machines", NIPS 2001; A. Rudi, L. Carratino, L. Rosasco, "FALKON", NIPS 2017.
 *
 * @param kernel the kernel k
 * @param lambda the regularisation λ >= 0, as in {@link KernelRidge}
 * @param landmarks the number of landmarks m >= 1 (at most the number of rows)
 * @param seed the seed of the landmark draw
 * @param blockRows the rows per block of the in-memory pass of {@link #fit(Dataset)}, >= 1 (the block size
 *     changes the summation order, so results at round-off)
 */
public record NystromKernelRidge(Kernel kernel, double lambda, int landmarks, long seed, int blockRows)
    implements Trainer<NystromKernelRidgeModel> {
  /** The default rows per block. */
  public static final int DEFAULT_BLOCK_ROWS = 4096;

  /**
   * Validates the configuration.
   *
   * @param kernel the kernel k
   * @param lambda the regularisation λ >= 0, as in {@link KernelRidge}
   * @param landmarks the number of landmarks m >= 1 (at most the number of rows)
   * @param seed the seed of the landmark draw
   * @param blockRows the rows per block of the in-memory pass of {@link #fit(Dataset)}, >= 1 (the block size
   *     changes the summation order, so results at round-off)
   * @throws IllegalArgumentException naming the parameter, the value and the constraint
   * @throws NullPointerException for a null kernel
   */
  public NystromKernelRidge {
    Objects.requireNonNull(kernel, "The 'kernel' parameter of NystromKernelRidge must not be null; e.g. Gaussian.of(1.0).");
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("The 'lambda' parameter of NystromKernelRidge must be a finite number >= 0. Got "
          + lambda + " instead.");
    }
    if (landmarks < 1) {
      throw new IllegalArgumentException("The 'landmarks' parameter of NystromKernelRidge must be >= 1. Got " + landmarks
          + " instead; a few hundred to a few thousand are usual.");
    }
    if (blockRows < 1) {
      throw new IllegalArgumentException("The 'blockRows' parameter of NystromKernelRidge must be >= 1. Got " + blockRows
          + " instead.");
    }
  }

  /**
   * Seed 0 and {@link #DEFAULT_BLOCK_ROWS} rows per block.
   *
   * @param kernel the kernel
   * @param lambda λ >= 0
   * @param landmarks m >= 1
   * @return the configuration
   */
  public static NystromKernelRidge of(Kernel kernel, double lambda, int landmarks) {
    return new NystromKernelRidge(kernel, lambda, landmarks, 0, DEFAULT_BLOCK_ROWS);
  }

  /**
   * A copy with another λ.
   *
   * @param newLambda λ >= 0
   * @return the copy
   */
  public NystromKernelRidge withLambda(double newLambda) {
    return new NystromKernelRidge(kernel, newLambda, landmarks, seed, blockRows);
  }

  /**
   * A copy with another number of landmarks.
   *
   * @param m landmarks >= 1
   * @return the copy
   */
  public NystromKernelRidge withLandmarks(int m) {
    return new NystromKernelRidge(kernel, lambda, m, seed, blockRows);
  }

  /**
   * A copy with another seed of the landmark draw.
   *
   * @param newSeed the seed
   * @return the copy
   */
  public NystromKernelRidge withSeed(long newSeed) {
    return new NystromKernelRidge(kernel, lambda, landmarks, newSeed, blockRows);
  }

  /**
   * A copy with another block size.
   *
   * @param rows rows per block >= 1
   * @return the copy
   */
  public NystromKernelRidge withBlockRows(int rows) {
    return new NystromKernelRidge(kernel, lambda, landmarks, seed, rows);
  }

  /**
   * Fits to {@code data} in memory, in blocks of {@link #blockRows()} rows.
   *
   * @param data x {@code [n, d]}, y {@code [n]} or {@code [n, t]}
   * @return the fitted model
   * @throws IllegalArgumentException for data without targets, with NaN or ±∞ (row and column named), or with
   *     fewer rows than landmarks
   */
  @Override
  public NystromKernelRidgeModel fit(Dataset data) {
    if (!data.hasTargets()) {
      throw new IllegalArgumentException("NystromKernelRidge needs targets y; the data set has none.");
    }
    data.requireFinite();
    return fit(RowBlocks.of(data, blockRows), data.y().rank() == 1);
  }

  /**
   * Fits to rows given as blocks (in memory or distributed); the rows must be finite.
   *
   * @param blocks the training rows with targets
   * @param singleTarget true if y is {@code [n]} (the model then predicts {@code [m]}), false for {@code [n, t]}
   * @return the fitted model
   * @throws IllegalArgumentException for blocks without targets or fewer rows than landmarks
   */
  public NystromKernelRidgeModel fit(RowBlocks blocks, boolean singleTarget) {
    if (!blocks.hasTargets()) {
      throw new IllegalArgumentException("NystromKernelRidge needs targets y; the row blocks have none.");
    }
    NystromBasis basis = NystromBasis.of(kernel, blocks.rowsAt(landmarkRows(blocks.rows())));
    NormalBlock f = new NormalBlock(new FeatureBlock(ConfigJson.writeAny(kernel).toString(),
        basis.landmarks.data().asDouble(), basis.t.dup('c').data().asDouble(), (int) basis.landmarks.columns()));
    NystromNormalEquations total = blocks.reduce(f, NystromNormalEquations::plus);
    int r = total.size(), t = total.targets();
    INDArray system = Nd4j.createFromArray(total.a()).reshape('c', r, r);
    system = system.add(system.transpose()).muli(0.5); // exactly symmetric
    system.addi(Nd4j.eye(r).castTo(DataType.DOUBLE).muli(lambda));
    INDArray w = NystromBasis.Eigen.of(system).solve(Nd4j.createFromArray(total.b()).reshape('c', r, t),
        "NystromKernelRidge(" + kernel + ", lambda=" + lambda + "): ΦᵀΦ + λI");
    return new NystromKernelRidgeModel(this, basis.landmarks, basis.t.mmul(w), singleTarget);
  }

  /**
   * The landmark rows for n training rows: the first m of {@link Partition#shuffled}{@code (n, seed)}, sorted
   * ascending (so m = n takes every row in order).
   *
   * @param n the number of training rows
   * @return m row indices, ascending
   * @throws IllegalArgumentException if n &lt; m
   */
  public int[] landmarkRows(long n) {
    if (landmarks > n) {
      throw new IllegalArgumentException("NystromKernelRidge: landmarks = " + landmarks + " is more than the " + n
          + " training rows; use landmarks <= " + n + ".");
    }
    int[] idx = Arrays.copyOf(Partition.shuffled((int) n, seed), landmarks);
    Arrays.sort(idx);
    return idx;
  }

  /**
   * One block's contribution to the normal equations in the Nyström basis: Φ_bᵀΦ_b {@code [r, r]} and Φ_bᵀ y_b
   * {@code [r, t]}, both row-major, with the block's features Φ_b = k(x_b, L) T ({@link FeatureBlock}).
   *
   * @param a Φ_bᵀΦ_b, row-major r × r
   * @param b Φ_bᵀ y_b, row-major r × t
   * @param size r, the rank of the basis
   * @param targets t
   *
   * @serial exclude
   */
  public record NystromNormalEquations(double[] a, double[] b, int size, int targets) implements java.io.Serializable {
    /**
     * Checks the lengths.
     *
     * @param a Φ_bᵀΦ_b, row-major r × r
     * @param b Φ_bᵀ y_b, row-major r × t
     * @param size r, the rank of the basis
     * @param targets t
     * @throws IllegalArgumentException if a is not r × r or b not r × t
     */
    public NystromNormalEquations {
      if (a.length != (long) size * size || b.length != (long) size * targets) {
        throw new IllegalArgumentException("NystromNormalEquations: a has " + a.length + " values and b " + b.length
            + ", expected r² = " + (long) size * size + " and r·t = " + (long) size * targets + ".");
      }
    }

    /**
     * The element-wise sum (a new object), the combination of two blocks, this one first.
     *
     * @param other the next block's contribution
     * @return the sum
     * @throws IllegalArgumentException for contributions of other sizes
     */
    public NystromNormalEquations plus(NystromNormalEquations other) {
      if (other.size != size || other.targets != targets) {
        throw new IllegalArgumentException("NystromNormalEquations.plus: sizes differ (r " + size + " vs " + other.size + ", t "
            + targets + " vs " + other.targets + ").");
      }
      double[] sa = a.clone(), sb = b.clone();
      for (int i = 0; i < sa.length; i++) sa[i] += other.a[i];
      for (int i = 0; i < sb.length; i++) sb[i] += other.b[i];
      return new NystromNormalEquations(sa, sb, size, targets);
    }
  }

  /**
   * The Nyström feature map of a block (serialisable: the kernel travels as its JSON): its rows of
   * Φ = k(X, L) T.
   *
   * @param kernelJson the kernel as {@link ConfigJson#writeAny} writes it
   * @param landmarks row-major {@code [m, d]}
   * @param t the basis T, row-major {@code [m, r]}
   * @param d the number of features
   *
   * @serial exclude
   */
  public record FeatureBlock(String kernelJson, double[] landmarks, double[] t, int d)
      implements RowBlocks.BlockFunction<INDArray> {
    /**
     * Computes the block's features.
     *
     * @param block rows of the training set
     * @return {@code [rows, r]}
     */
    @Override
    public INDArray apply(RowBlock block) {
      int m = landmarks.length / d;
      INDArray l = Nd4j.createFromArray(landmarks).reshape('c', m, d);
      INDArray tt = Nd4j.createFromArray(t).reshape('c', m, t.length / m);
      return Gram.cross(kernelOf(kernelJson), block.x().castTo(DataType.DOUBLE), l, DataType.DOUBLE)
          .mmul(tt);
    }
  }

  /**
   * The block function of the Nyström pass (serialisable): a block's {@link NystromNormalEquations}.
   *
   * @param features the feature map of the landmarks' basis
   *
   * @serial exclude
   */
  public record NormalBlock(FeatureBlock features) implements RowBlocks.BlockFunction<NystromNormalEquations> {
    /**
     * Computes the block's contribution.
     *
     * @param block rows with targets
     * @return Φ_bᵀΦ_b and Φ_bᵀ y_b
     */
    @Override
    public NystromNormalEquations apply(RowBlock block) {
      INDArray phi = features.apply(block);
      INDArray y = block.y().castTo(DataType.DOUBLE);
      INDArray y2 = y.rank() == 1 ? y.reshape(y.length(), 1) : y;
      INDArray a = phi.transpose().mmul(phi), b = phi.transpose().mmul(y2);
      return new NystromNormalEquations(a.dup('c').data().asDouble(), b.dup('c').data().asDouble(), (int) phi.columns(),
          (int) y2.columns());
    }
  }

  /** The kernel from its JSON (as {@link ConfigJson#writeAny} wrote it). */
  static Kernel kernelOf(String json) {
    try {
      return ConfigJson.readAny(new ObjectMapper().readTree(json), Kernel.class);
    } catch (IOException e) {
      throw new UncheckedIOException("The kernel JSON " + json + " does not parse: " + e.getMessage(), e);
    }
  }
}
