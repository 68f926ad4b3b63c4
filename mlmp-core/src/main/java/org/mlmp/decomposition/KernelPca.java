package org.mlmp.decomposition;

import org.mlmp.api.Matrices;
import org.mlmp.api.Trainer;
import org.mlmp.cluster.Distances;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.Kernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kernel principal component analysis (Schölkopf, Smola and Müller 1998, Neural Computation 10, 1299):
 * PCA in the feature space of a {@link Kernel}, through the centred Gram matrix
 *
 * <pre>
 *   K̃ = K − 1_N K − K 1_N + 1_N K 1_N   (1_N: the N×N matrix of 1/N),   K̃ α_k = λ_k α_k,  ‖α_k‖ = 1,
 * </pre>
 *
 * and the projection of a point x on component k is z_k(x) = Σ_i α_ik k̃(x, x_i) / √λ_k (so the training
 * points get z_ik = √λ_k α_ik). With the {@link org.mlmp.kernel.Linear} kernel this is ordinary
 * {@link Pca} (same coordinates and signs; the tests pin it). The Gram matrix comes from
 * {@link Kernel#gram(INDArray)}; the N×N eigenproblem is solved by LAPACK {@code dsyev}, O(N³).
 *
 * <p>scikit-learn: {@code KernelPCA(n_components=components, kernel=..., eigen_solver="dense")}:
 * {@code eigenvalues_} = λ_k, {@code eigenvectors_} = α_k, same sign rule (the largest |α_ik| of each
 * component positive), {@code transform}.
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]}, transformed {@code [nSamples, k]}; labels ignored.
 *
 * @param kernel the kernel k(x, x')
 * @param components number of components k ≥ 1, at most nSamples; components with λ ≤ 1e-12·λ_1 are
 *     rejected with a message (the data do not have that many directions in feature space)
 */
public record KernelPca(Kernel kernel, int components) implements Trainer<KernelPcaModel> {
  /**
   * Validates the components.
   *
   * @param kernel the kernel k(x, x')
   * @param components number of components k ≥ 1, at most nSamples; components with λ ≤ 1e-12·λ_1 are
   *     rejected with a message (the data do not have that many directions in feature space)
   * @throws IllegalArgumentException when {@code kernel} is null or {@code components < 1}
   */
  public KernelPca {
    if (kernel == null) {
      throw new IllegalArgumentException("The 'kernel' parameter of KernelPca must be a Kernel (e.g. Gaussian.of(1.0)). "
          + "Got null instead.");
    }
    if (components < 1) {
      throw new IllegalArgumentException("The 'components' parameter of KernelPca must be an int >= 1. Got "
          + components + " instead.");
    }
  }

  @Override
  public KernelPcaModel fit(Dataset data) {
    data.requireFinite();
    int n = data.nSamples();
    if (components > n) {
      throw new IllegalArgumentException("The 'components' parameter of KernelPca must be <= nSamples = " + n + ". Got "
          + components + " instead.");
    }
    INDArray x = data.x().castTo(DataType.DOUBLE);
    double[][] k = Matrices.rows(kernel.gram(x));
    double[] colMean = new double[n];
    double grand = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) colMean[j] += k[i][j] / n;
    for (double c : colMean) grand += c / n;
    double[][] kc = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) kc[i][j] = k[i][j] - colMean[i] - colMean[j] + grand; // K symmetric: row mean = col mean
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double v = 0.5 * (kc[i][j] + kc[j][i]);
        kc[i][j] = v;
        kc[j][i] = v;
      }
    }
    INDArray a = Matrices.fromRows(kc).dup('f');
    INDArray w = Nd4j.create(DataType.DOUBLE, n);
    int info = Nd4j.getBlasWrapper().lapack().syev('V', 'U', a, w);
    if (info != 0) {
      throw new IllegalStateException("LAPACK dsyev failed on the " + n + "x" + n + " centred Gram matrix (info = "
          + info + ").");
    }
    double[] lambda = w.toDoubleVector();
    double[][] vec = Matrices.rows(a);
    double top = lambda[n - 1];
    double[] eig = new double[components];
    double[][] alpha = new double[components][n];
    for (int q = 0; q < components; q++) {
      int col = n - 1 - q;
      if (!(lambda[col] > 1e-12 * Math.max(top, Double.MIN_NORMAL))) {
        throw new IllegalArgumentException("KernelPca: component " + q + " has eigenvalue " + lambda[col]
            + " (largest " + top + "); the data span only " + q + " directions in the feature space of " + kernel
            + ". Lower 'components' to at most " + q + ".");
      }
      eig[q] = lambda[col];
      int arg = 0;
      for (int i = 0; i < n; i++) {
        alpha[q][i] = vec[i][col];
        if (Math.abs(alpha[q][i]) > Math.abs(alpha[q][arg])) arg = i;
      }
      if (alpha[q][arg] < 0) for (int i = 0; i < n; i++) alpha[q][i] = -alpha[q][i];
    }
    return new KernelPcaModel(this, x, alpha, eig, colMean, grand);
  }

  /**
   * Kernel PCA with this kernel and number of components.
   *
   * @param kernel the kernel
   * @param components the number of components kept, ≥ 1
   * @return the configuration
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static KernelPca of(Kernel kernel, int components) {
    return new KernelPca(kernel, components);
  }
}
