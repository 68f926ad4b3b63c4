package org.mlmp.decomposition;

import org.mlmp.api.Matrices;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Model;
import org.mlmp.api.Transform;
import org.mlmp.cluster.Distances;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ConfigJson;
import org.mlmp.api.ModelState;
import org.mlmp.kernel.Kernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted {@link KernelPca}: the training points, the eigenvectors α_k and eigenvalues λ_k of the
 * centred Gram matrix, and the centring statistics. For new points x,
 * k̃(x, x_i) = k(x, x_i) − (1/N)Σ_j k(x, x_j) − (1/N)Σ_j k(x_j, x_i) + (1/N²)Σ_jl k(x_j, x_l), and
 * z_k(x) = Σ_i α_ik k̃(x, x_i) / √λ_k.
 */
public final class KernelPcaModel implements Transform {
  static final String TYPE = "decomposition.kernel-pca";
  private final KernelPca trainer;
  private final INDArray xFit;
  private final double[][] alpha; // [k][N]
  private final double[] eigenvalues;
  private final double[] colMean;
  private final double grandMean;

  KernelPcaModel(KernelPca trainer, INDArray xFit, double[][] alpha, double[] eigenvalues, double[] colMean,
      double grandMean) {
    this.trainer = trainer;
    this.xFit = xFit.castTo(DataType.DOUBLE).dup();
    this.alpha = new double[alpha.length][];
    for (int q = 0; q < alpha.length; q++) this.alpha[q] = alpha[q].clone();
    this.eigenvalues = eigenvalues.clone();
    this.colMean = colMean.clone();
    this.grandMean = grandMean;
  }

  /**
   * The configuration that fitted this model.
   *
   * @return the trainer
   */
  public KernelPca trainer() {
    return trainer;
  }

  /**
   * The kernel of the feature space.
   *
   * @return the trainer's kernel
   */
  public Kernel kernel() {
    return trainer.kernel();
  }

  /**
   * λ_k, eigenvalues of the centred Gram matrix (scikit-learn's {@code eigenvalues_}).
   *
   * @return a copy, {@code [k]}, decreasing
   */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /**
   * The unit eigenvectors α_k of the centred Gram matrix (scikit-learn's {@code eigenvectors_}).
   *
   * @return a copy, {@code [N, k]}, one column per component
   */
  public INDArray eigenvectors() {
    int n = colMean.length, k = alpha.length;
    double[][] a = new double[n][k];
    for (int i = 0; i < n; i++) for (int q = 0; q < k; q++) a[i][q] = alpha[q][i];
    return Matrices.fromRows(a);
  }

  @Override
  public int nFeatures() {
    return (int) xFit.columns();
  }

  /**
   * The number of columns {@link #transform} returns: the number of components k.
   *
   * @return k
   */
  @Override
  public int nOutputFeatures() {
    return alpha.length;
  }

  /**
   * @param x {@code [nSamples, nFeatures]}
   * @return coordinates along the kernel principal components {@code [nSamples, k]}
   */
  @Override
  public INDArray transform(INDArray x) {
    Checks.predictInput(x, nFeatures(), "KernelPcaModel");
    double[][] kx = Matrices.rows(trainer.kernel().gram(x.castTo(DataType.DOUBLE), xFit));
    int m = kx.length, n = colMean.length, k = alpha.length;
    double[][] z = new double[m][k];
    for (int r = 0; r < m; r++) {
      double rowMean = 0;
      for (int i = 0; i < n; i++) rowMean += kx[r][i] / n;
      for (int q = 0; q < k; q++) {
        double s = 0;
        for (int i = 0; i < n; i++) s += alpha[q][i] * (kx[r][i] - rowMean - colMean[i] + grandMean);
        z[r][q] = s / Math.sqrt(eigenvalues[q]);
      }
    }
    return Matrices.fromRows(z);
  }

  @Override
  public ModelState toState() {
    var config = ConfigJson.write(trainer); // kernel, components; refuses a Radial kernel, saying why
    config.put("grandMean", grandMean);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("xFit", xFit.dup());
    arrays.put("alpha", Matrices.fromRows(alpha));
    arrays.put("eigenvalues", Nd4j.createFromArray(eigenvalues));
    arrays.put("colMean", Nd4j.createFromArray(colMean));
    return new ModelState(TYPE, config, arrays, -1);
  }

  /** Reads {@link KernelPcaModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      double[][] alpha = Matrices.rows(s.array("alpha"));
      // format version 1 files hold the kernel only: the number of components is alpha's row count
      KernelPca trainer = ConfigJson.read(s.config(),
          KernelPca.of(ConfigJson.readAny(s.config().path("kernel"), Kernel.class), alpha.length));
      return new KernelPcaModel(trainer, s.array("xFit"), alpha, s.array("eigenvalues").castTo(DataType.DOUBLE).toDoubleVector(),
          s.array("colMean").castTo(DataType.DOUBLE).toDoubleVector(), s.config().path("grandMean").asDouble());
    }
  }
}
