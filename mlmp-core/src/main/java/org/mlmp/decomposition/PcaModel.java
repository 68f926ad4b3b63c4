package org.mlmp.decomposition;

import org.mlmp.api.Matrices;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Model;
import org.mlmp.api.Transform;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ConfigJson;
import org.mlmp.api.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted {@link Pca}: mean x̄, components V (rows v_k), explained variances λ_k.
 *
 * <pre>
 *   transform:          z = (x − x̄) Vᵀ            (whiten: z_k /= √λ_k)
 *   inverse transform:  x̂ = z V + x̄               (whiten: z_k *= √λ_k first)
 * </pre>
 *
 * With all components kept, the inverse transform reconstructs x exactly (up to round-off).
 */
public final class PcaModel implements Transform {
  static final String TYPE = "decomposition.pca";
  private final double[] mean;
  private final double[][] components;
  private final double[] explainedVariance;
  private final double[] explainedVarianceRatio;
  private final int nSamplesSeen;
  private final Pca trainer;

  PcaModel(Pca trainer, double[] mean, double[][] components, double[] explainedVariance, double[] ratio, int nSamplesSeen) {
    this.trainer = trainer;
    this.mean = mean.clone();
    this.components = new double[components.length][];
    for (int i = 0; i < components.length; i++) this.components[i] = components[i].clone();
    this.explainedVariance = explainedVariance.clone();
    this.explainedVarianceRatio = ratio.clone();
    this.nSamplesSeen = nSamplesSeen;
  }

  /**
   * The configuration that fitted this model.
   *
   * @return the trainer
   */
  public Pca trainer() {
    return trainer;
  }

  /**
   * The principal axes v_k (scikit-learn's {@code components_}).
   *
   * @return a copy, {@code [k, nFeatures]}, orthonormal rows by decreasing variance
   */
  public INDArray components() {
    return Matrices.fromRows(components);
  }

  /**
   * The training mean x̄, subtracted before projecting.
   *
   * @return a copy, {@code [nFeatures]}
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * λ_k, the variance of the data along v_k (with 1/(N−1)).
   *
   * @return a copy, {@code [k]}
   */
  public double[] explainedVariance() {
    return explainedVariance.clone();
  }

  /**
   * The share of the variance along each kept axis.
   *
   * @return λ_k / Σ_j λ_j (sum over all min(N, d) components, kept or not), {@code [k]}
   */
  public double[] explainedVarianceRatio() {
    return explainedVarianceRatio.clone();
  }

  /**
   * The singular values of the centred data.
   *
   * @return √((N−1) λ_k), {@code [k]}
   */
  public double[] singularValues() {
    double[] s = new double[explainedVariance.length];
    for (int k = 0; k < s.length; k++) s[k] = Math.sqrt((nSamplesSeen - 1) * explainedVariance[k]);
    return s;
  }

  /**
   * Number of kept components.
   *
   * @return k
   */
  public int nComponents() {
    return components.length;
  }

  /**
   * Whether {@link #transform} divides by √λ_k.
   *
   * @return the trainer's whiten flag
   */
  public boolean whiten() {
    return trainer.whiten();
  }

  @Override
  public int nFeatures() {
    return mean.length;
  }

  /**
   * The number of columns {@link #transform} returns: the number of kept components k.
   *
   * @return k
   */
  @Override
  public int nOutputFeatures() {
    return components.length;
  }

  /**
   * @param x {@code [nSamples, nFeatures]}
   * @return the coordinates along the components {@code [nSamples, k]}
   */
  @Override
  public INDArray transform(INDArray x) {
    Checks.predictInput(x, mean.length, "PcaModel");
    int k = components.length, d = mean.length;
    INDArray centred = x.castTo(DataType.DOUBLE).subRowVector(Nd4j.createFromArray(mean).reshape(1, d));
    INDArray z = Nd4j.createUninitialized(DataType.DOUBLE, x.rows(), k);
    Nd4j.gemm(centred, components(), z, false, true, 1.0, 0.0); // z = (x − x̄) Vᵀ
    if (trainer.whiten()) z.diviRowVector(Nd4j.createFromArray(sqrtVariance()).reshape(1, k));
    return z;
  }

  /**
   * @param z coordinates {@code [nSamples, k]}
   * @return the points in feature space {@code [nSamples, nFeatures]}
   */
  public INDArray inverseTransform(INDArray z) {
    Checks.matrix(z, "z");
    if (z.columns() != components.length) {
      throw new IllegalArgumentException("z has " + z.columns() + " columns, but PcaModel has " + components.length
          + " components.");
    }
    Checks.finiteInput(z, "z");
    int k = components.length, d = mean.length;
    INDArray zd = z.castTo(DataType.DOUBLE);
    if (trainer.whiten()) zd = zd.mulRowVector(Nd4j.createFromArray(sqrtVariance()).reshape(1, k));
    INDArray x = Nd4j.createUninitialized(DataType.DOUBLE, z.rows(), d);
    Nd4j.gemm(zd, components(), x, false, false, 1.0, 0.0); // x̂ = z V + x̄
    return x.addiRowVector(Nd4j.createFromArray(mean).reshape(1, d));
  }

  private double[] sqrtVariance() {
    double[] s = new double[explainedVariance.length];
    for (int k = 0; k < s.length; k++) s[k] = Math.sqrt(explainedVariance[k]);
    return s;
  }

  @Override
  public ModelState toState() {
    var config = ConfigJson.write(trainer); // components, whiten
    config.put("nFeatures", mean.length);
    config.put("nSamplesSeen", nSamplesSeen);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("mean", Nd4j.createFromArray(mean));
    arrays.put("components", components());
    arrays.put("explainedVariance", Nd4j.createFromArray(explainedVariance));
    arrays.put("explainedVarianceRatio", Nd4j.createFromArray(explainedVarianceRatio));
    return new ModelState(TYPE, config, arrays, -1);
  }

  /** Reads {@link PcaModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      int d = s.config().path("nFeatures").asInt();
      INDArray c = s.array("components").castTo(DataType.DOUBLE);
      double[][] components = c.reshape(c.length() / d, d).toDoubleMatrix();
      // format version 1 files hold only 'whiten': the number of components is the number kept
      Pca trainer = ConfigJson.read(s.config(), Pca.of(components.length));
      return new PcaModel(trainer, s.array("mean").castTo(DataType.DOUBLE).toDoubleVector(), components,
          s.array("explainedVariance").castTo(DataType.DOUBLE).toDoubleVector(),
          s.array("explainedVarianceRatio").castTo(DataType.DOUBLE).toDoubleVector(),
          s.config().path("nSamplesSeen").asInt());
    }
  }
}
