package org.mlmp.density;

import org.mlmp.api.Matrices;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Model;
import org.mlmp.cluster.Distances;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ConfigJson;
import org.mlmp.api.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fitted {@link KernelDensity}: p̂(x) = (1/N) Σ_j N(x | x_j, H). With H = L Lᵀ, log p̂(x) is
 * evaluated as a log-sum-exp over −½ ‖L⁻¹(x − x_j)‖², plus −½ log det(2πH) − log N. Costs O(N d) per
 * query point; the whitened distances are formed in row blocks with one {@code Nd4j.gemm} each and the
 * log-sum-exp with ND4J reductions, so it runs on either backend.
 */
public final class KernelDensityModel implements DensityModel {
  static final String TYPE = "density.kernel-density";

  private final double[][] samples; // [N][d], the training points
  private final INDArray whitenedSamples; // rows L⁻¹ x_j, [N, d] double
  private final INDArray whitening; // L⁻ᵀ [d, d]: rows x ↦ x L⁻ᵀ = (L⁻¹ x)ᵀ
  private final double[][] bandwidthMatrix; // H
  private final double[][] choleskyL;
  private final double logNormaliser; // −½ log det(2πH) − log N
  private final KernelDensity trainer;
  private final double factor;

  private KernelDensityModel(KernelDensity trainer, double[][] samples, double[][] h, double[][] l, double factor) {
    this.trainer = trainer;
    this.samples = SmallMatrices.copy(samples);
    this.bandwidthMatrix = SmallMatrices.copy(h);
    this.choleskyL = l;
    this.whitening = Matrices.fromRows(SmallMatrices.transpose(SmallMatrices.invertLower(l)));
    this.whitenedSamples = whiten(Matrices.fromRows(samples));
    int d = h.length;
    this.logNormaliser = -0.5 * d * Math.log(2 * Math.PI) - SmallMatrices.logDiagSum(l) - Math.log(samples.length);
    this.factor = factor;
  }

  static KernelDensityModel create(KernelDensity trainer, double[][] x, double[][] h, double factor) {
    double[][] l = SmallMatrices.cholesky(h);
    if (l == null) {
      throw new IllegalArgumentException("KernelDensity: the kernel covariance H is singular because the sample "
          + "covariance of x is (a feature is constant or a linear combination of others). Remove such features or "
          + "use Bandwidth.sigma(s).");
    }
    return new KernelDensityModel(trainer, x, h, l, factor);
  }

  /** Rows L⁻¹ x_i of a double matrix {@code [n, d]}: one GEMM with L⁻ᵀ. */
  private INDArray whiten(INDArray x) {
    INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, x.rows(), x.columns());
    if (x.isView() || x.ordering() != 'c') x = x.dup('c');
    Nd4j.gemm(x, whitening, out, false, false, 1.0, 0.0);
    return out;
  }

  /**
   * The configuration that fitted this model.
   *
   * @return the trainer
   */
  public KernelDensity trainer() {
    return trainer;
  }

  /**
   * The kernel covariance H.
   *
   * @return a copy, {@code [d, d]}
   */
  public INDArray bandwidthMatrix() {
    return Matrices.fromRows(bandwidthMatrix);
  }

  /**
   * The bandwidth's scalar.
   *
   * @return σ for a fixed bandwidth, the rule's factor h otherwise
   */
  public double bandwidthFactor() {
    return factor;
  }

  /**
   * The bandwidth rule's name.
   *
   * @return "sigma", "scott" or "silverman"
   */
  public String rule() {
    return DensityVocabulary.ruleName(trainer.bandwidth().getClass());
  }

  /**
   * Number of stored samples.
   *
   * @return N
   */
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
    Checks.predictInput(x, nFeatures(), "KernelDensityModel");
    return logDensity(x, 0);
  }

  /** As {@link #logDensity(INDArray)} on checked x with a given number of rows per block (0: automatic). */
  INDArray logDensity(INDArray x, int blockRows) {
    // −½ ‖L⁻¹(x_i − x_j)‖² in row blocks (one GEMM each), then a log-sum-exp along each row, all ND4J ops
    Distances.Pairwise pw = new Distances.Pairwise(whiten(x.castTo(DataType.DOUBLE)), whitenedSamples);
    long n = pw.rows();
    INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, n);
    int block = blockRows > 0 ? blockRows : pw.blockRows();
    for (long r0 = 0; r0 < n; r0 += block) {
      long r1 = Math.min(n, r0 + block);
      INDArray e = Nd4j.createUninitialized(DataType.DOUBLE, r1 - r0, pw.columns());
      pw.into(r0, r1, e, -0.5);
      INDArray max = e.max(1).reshape(r1 - r0, 1);
      Transforms.exp(e.subiColumnVector(max), false);
      INDArray lse = Transforms.log(e.sum(1).reshape(r1 - r0, 1), false).addi(max);
      out.get(NDArrayIndex.interval(r0, r1)).assign(lse.reshape(r1 - r0));
    }
    return out.addi(logNormaliser);
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
    return Matrices.fromRows(out);
  }

  @Override
  public ModelState toState() {
    var config = ConfigJson.write(trainer); // the bandwidth
    config.put("nFeatures", nFeatures());
    config.put("rule", rule());
    config.put("factor", factor);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("samples", Matrices.fromRows(samples));
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
      double[][] h = Matrices.rows(s.array("bandwidthMatrix").reshape(d, d));
      double factor = s.config().path("factor").asDouble();
      // format version 1 files hold the rule's name and its factor (σ for a fixed bandwidth), not the bandwidth
      Bandwidth old = switch (s.config().path("rule").asText()) {
        case "scott" -> Bandwidth.scott();
        case "silverman" -> Bandwidth.silverman();
        default -> Bandwidth.sigma(factor);
      };
      KernelDensity trainer = ConfigJson.read(s.config(), KernelDensity.of(old));
      return create(trainer, Matrices.rows(x.reshape(x.length() / d, d)), h, factor);
    }
  }
}
