package org.mlmp.decomposition;

import org.mlmp.api.Matrices;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Principal component analysis: the orthonormal directions v_1, v_2, … of largest variance of the
 * centred data, i.e. the eigenvectors of the sample covariance
 *
 * <pre>
 *   C = (1/(N−1)) Σ_i (x_i − x̄)(x_i − x̄)ᵀ = Σ_k λ_k v_k v_kᵀ,   λ_1 ≥ λ_2 ≥ … ≥ 0,
 * </pre>
 *
 * with λ_k the explained variance of component k and λ_k / Σ_j λ_j its explained variance ratio. The
 * d×d covariance of the centred data is one matrix product ({@code Nd4j.gemm}, double precision) and
 * is diagonalised by LAPACK {@code dsyev};
 * each v_k's
 * sign is chosen as scikit-learn 1.2 does (the projection of the sample with the largest |projection|
 * onto v_k is positive), so components agree with scikit-learn's up to round-off.
 *
 * <p>scikit-learn: {@code PCA(n_components=components or None, whiten=whiten, svd_solver="full")}:
 * {@code components_}, {@code explained_variance_}, {@code explained_variance_ratio_},
 * {@code singular_values_}, {@code mean_}, {@code transform}, {@code inverse_transform}.
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]}, nSamples ≥ 2; labels are ignored.
 *
 * @param components number of components kept, 1 ≤ components ≤ min(nSamples, nFeatures); 0 keeps
 *     min(nSamples, nFeatures) (scikit-learn's None)
 * @param whiten whether {@link PcaModel#transform} also divides by √λ_k (unit variance per component)
 */
public record Pca(int components, boolean whiten) implements Trainer<PcaModel> {
  /**
   * Validates the component count.
   *
   * @param components number of components kept, 1 ≤ components ≤ min(nSamples, nFeatures); 0 keeps
   *     min(nSamples, nFeatures) (scikit-learn's None)
   * @param whiten whether {@link PcaModel#transform} also divides by √λ_k (unit variance per component)
   * @throws IllegalArgumentException when {@code components < 0}
   */
  public Pca {
    if (components < 0) {
      throw new IllegalArgumentException("The 'components' parameter of Pca must be an int >= 0 (0 keeps all). Got "
          + components + " instead.");
    }
  }

  /**
   * Keeps all min(nSamples, nFeatures) components, no whitening.
   *
   * @return {@code new Pca(0, false)}
   */
  public static Pca all() {
    return new Pca(0, false);
  }

  /**
   * Keeps k components, no whitening.
   *
   * @param components k ≥ 1
   * @return the configuration
   * @throws IllegalArgumentException when {@code components < 1}
   */
  public static Pca of(int components) {
    if (components < 1) {
      throw new IllegalArgumentException("The 'components' parameter of Pca must be an int >= 1. Got " + components
          + " instead.");
    }
    return new Pca(components, false);
  }

  /**
   * A copy that does or does not whiten.
   *
   * @param w whether {@link PcaModel#transform} also divides by √λ_k
   * @return the copy
   */
  public Pca withWhiten(boolean w) {
    return new Pca(components, w);
  }

  @Override
  public PcaModel fit(Dataset data) {
    data.requireFinite();
    int n = data.nSamples(), d = data.nFeatures();
    if (n < 2) {
      throw new IllegalArgumentException("Pca needs at least 2 samples to estimate a variance. Got " + n + ".");
    }
    int limit = Math.min(n, d);
    if (components > limit) {
      throw new IllegalArgumentException("The 'components' parameter of Pca must be between 0 and min(nSamples, "
          + "nFeatures) = " + limit + ". Got " + components + " instead.");
    }
    int k = components == 0 ? limit : components;
    INDArray x = data.x().castTo(DataType.DOUBLE);
    double[] mean = x.mean(0).toDoubleVector();
    INDArray centred = x.subRowVector(Nd4j.createFromArray(mean).reshape(1, d));
    INDArray product = Nd4j.createUninitialized(DataType.DOUBLE, d, d);
    Nd4j.gemm(centred, centred, product, true, false, 1.0 / (n - 1), 0.0); // C = XcᵀXc/(N−1)
    double[][] c = Matrices.rows(product);
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        double v = 0.5 * (c[a][b] + c[b][a]);
        c[a][b] = v;
        c[b][a] = v;
      }
    }
    INDArray cov = Matrices.fromRows(c).dup('f');
    INDArray eigenvalues = Nd4j.create(DataType.DOUBLE, d);
    int info = Nd4j.getBlasWrapper().lapack().syev('V', 'U', cov, eigenvalues);
    if (info != 0) {
      throw new IllegalStateException("LAPACK dsyev failed to diagonalise the " + d + "x" + d
          + " covariance matrix (info = " + info + ").");
    }
    double[] lambda = eigenvalues.toDoubleVector(); // ascending
    double[][] vectors = cov.toDoubleMatrix(); // columns are eigenvectors
    double total = 0;
    for (int j = 0; j < limit; j++) total += Math.max(0, lambda[d - 1 - j]);
    double[][] comp = new double[k][d];
    double[] variance = new double[k];
    double[] ratio = new double[k];
    for (int q = 0; q < k; q++) {
      int col = d - 1 - q;
      variance[q] = Math.max(0, lambda[col]);
      ratio[q] = total > 0 ? variance[q] / total : 0;
      for (int a = 0; a < d; a++) comp[q][a] = vectors[a][col];
    }
    // scikit-learn 1.2 svd_flip(u_based_decision=True): the largest |u_ik| of each component is positive;
    // u_ik ∝ (x_i − x̄)·v_k, so flip v_k when the projection of largest magnitude is negative.
    INDArray compT = Matrices.fromRows(comp).transpose().dup('c'); // [d, k]
    double[] best = new double[k], bestSigned = new double[k];
    for (int start = 0; start < n; start += 4096) { // projections (x_i − x̄)·v_k, 4096 rows at a time
      int end = Math.min(n, start + 4096);
      INDArray block = centred.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end),
          org.nd4j.linalg.indexing.NDArrayIndex.all());
      INDArray proj = Nd4j.createUninitialized(DataType.DOUBLE, end - start, k);
      Nd4j.gemm(block, compT, proj, false, false, 1.0, 0.0);
      double[][] pr = Matrices.rows(proj);
      for (double[] row : pr) {
        for (int q = 0; q < k; q++) {
          if (Math.abs(row[q]) > best[q]) {
            best[q] = Math.abs(row[q]);
            bestSigned[q] = row[q];
          }
        }
      }
    }
    for (int q = 0; q < k; q++) if (bestSigned[q] < 0) for (int a = 0; a < d; a++) comp[q][a] = -comp[q][a];
    return new PcaModel(this, mean, comp, variance, ratio, n);
  }
}
