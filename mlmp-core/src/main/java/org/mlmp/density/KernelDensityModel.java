package org.mlmp.density;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Model;
import org.mlmp.cluster.Distances;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ModelFile;
import org.mlmp.io.ModelState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted {@link KernelDensity}: p̂(x) = (1/N) Σ_j N(x | x_j, H). With H = L Lᵀ, log p̂(x) is
 * evaluated as a log-sum-exp over −½ ‖L⁻¹(x − x_j)‖², plus −½ log det(2πH) − log N. Costs O(N d) per
 * query point.
 */
public final class KernelDensityModel implements DensityModel {
  static final String TYPE = "density.kernel-density";

  private final double[][] samples; // [N][d], the training points
  private final double[][] whitenedSamples; // L⁻¹ x_j
  private final double[][] bandwidthMatrix; // H
  private final double[][] choleskyL;
  private final double logNormaliser; // −½ log det(2πH) − log N
  private final String rule;
  private final double factor;

  private KernelDensityModel(double[][] samples, double[][] h, double[][] l, String rule, double factor) {
    this.samples = SmallMatrices.copy(samples);
    this.bandwidthMatrix = SmallMatrices.copy(h);
    this.choleskyL = l;
    this.whitenedSamples = new double[samples.length][];
    for (int j = 0; j < samples.length; j++) whitenedSamples[j] = whiten(samples[j]);
    int d = h.length;
    this.logNormaliser = -0.5 * d * Math.log(2 * Math.PI) - SmallMatrices.logDiagSum(l) - Math.log(samples.length);
    this.rule = rule;
    this.factor = factor;
  }

  static KernelDensityModel create(double[][] x, double[][] h, String rule, double factor) {
    double[][] l = SmallMatrices.cholesky(h);
    if (l == null) {
      throw new IllegalArgumentException("KernelDensity: the kernel covariance H is singular because the sample "
          + "covariance of x is (a feature is constant or a linear combination of others). Remove such features or "
          + "use Bandwidth.sigma(s).");
    }
    return new KernelDensityModel(x, h, l, rule, factor);
  }

  /** L⁻¹ v by forward substitution. */
  private double[] whiten(double[] v) {
    int d = v.length;
    double[] y = new double[d];
    for (int a = 0; a < d; a++) {
      double s = v[a];
      for (int b = 0; b < a; b++) s -= choleskyL[a][b] * y[b];
      y[a] = s / choleskyL[a][a];
    }
    return y;
  }

  /** The kernel covariance H {@code [d, d]} (a copy). */
  public INDArray bandwidthMatrix() {
    return org.mlmp.cluster.Distances.toMatrix(bandwidthMatrix);
  }

  /** σ for a fixed bandwidth, the rule's factor h otherwise. */
  public double bandwidthFactor() {
    return factor;
  }

  /** "sigma", "scott" or "silverman". */
  public String rule() {
    return rule;
  }

  /** Number of stored samples N. */
  public int nSamples() {
    return samples.length;
  }

  @Override
  public int nFeatures() {
    return bandwidthMatrix.length;
  }

  /** log p̂(x_i) for each row, {@code [nSamples]} (scikit-learn's {@code score_samples}). */
  @Override
  public INDArray logDensity(INDArray x) {
    Checks.featureCount(x, nFeatures(), "KernelDensityModel");
    Checks.finite(x, "x");
    double[][] q = Distances.toDouble(x);
    double[] out = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      double[] d2 = Distances.squaredEuclidean(whiten(q[i]), whitenedSamples);
      for (int j = 0; j < d2.length; j++) d2[j] *= -0.5;
      out[i] = LogSumExp.of(d2) + logNormaliser;
    }
    return Nd4j.createFromArray(out);
  }

  /** Draws samples: a stored point x_j chosen uniformly, plus L z with z ~ N(0, I). */
  @Override
  public INDArray sample(int nSamples, long seed) {
    if (nSamples < 1) {
      throw new IllegalArgumentException("The number of samples must be >= 1. Got " + nSamples + " instead.");
    }
    Random rng = new Random(seed);
    int d = nFeatures();
    double[][] out = new double[nSamples][d];
    double[] z = new double[d];
    for (int s = 0; s < nSamples; s++) {
      double[] centre = samples[rng.nextInt(samples.length)];
      for (int a = 0; a < d; a++) z[a] = rng.nextGaussian();
      for (int a = 0; a < d; a++) {
        double v = centre[a];
        for (int b = 0; b <= a; b++) v += choleskyL[a][b] * z[b];
        out[s][a] = v;
      }
    }
    return org.mlmp.cluster.Distances.toMatrix(out);
  }

  @Override
  public ModelState toState() {
    var config = ModelFile.newConfig();
    config.put("nFeatures", nFeatures());
    config.put("rule", rule);
    config.put("factor", factor);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("samples", Distances.toMatrix(samples));
    arrays.put("bandwidthMatrix", bandwidthMatrix());
    return new ModelState(TYPE, config, arrays, -1);
  }

  /** Reads {@link KernelDensityModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      int d = s.config().path("nFeatures").asInt();
      INDArray x = s.array("samples");
      double[][] h = Distances.toDouble(s.array("bandwidthMatrix").reshape(d, d));
      return create(Distances.toDouble(x.reshape(x.length() / d, d)), h, s.config().path("rule").asText(),
          s.config().path("factor").asDouble());
    }
  }
}
