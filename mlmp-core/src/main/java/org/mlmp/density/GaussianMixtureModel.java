package org.mlmp.density;

import org.mlmp.api.Matrices;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Model;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ConfigJson;
import org.mlmp.api.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A Gaussian mixture density
 *
 * <pre>
 *   p(x) = Σ_k π_k N(x | μ_k, Σ_k),   N(x | μ, Σ) = (2π)^(−d/2) |Σ|^(−1/2) exp(−½ (x−μ)ᵀ Σ⁻¹ (x−μ))
 * </pre>
 *
 * fitted by {@link GaussianMixture}, or built from known parameters with {@link #of} / {@link #diagonal}
 * (e.g. as the true density of simulated data). log p(x) is evaluated with the log-sum-exp trick and the
 * Cholesky factors Σ_k = L_k L_kᵀ: log N = −½ (d log 2π + ‖L_k⁻¹(x−μ_k)‖²) − Σ_i log (L_k)_ii. The
 * d × d factorisations are done in Java; the O(n k d²) work (all y = L_k⁻¹(x−μ_k)) is one
 * {@code Nd4j.gemm} on either backend; squared norms and the log-sum-exp are one flat O(n k d) pass.
 * Diagonal covariances use scikit-learn's expansion [x², x, 1]·[−½/σ²; μ/σ²; −½Σμ²/σ²], one GEMM
 * straight to {@code [n, k]} (on data shifted to the mixture mean, which keeps its cancellation small).
 *
 * <p>scikit-learn: {@code weights_}, {@code means_}, {@code covariances_} ({@code [k, d, d]} for full,
 * {@code [k, d]} for diag), {@code score_samples}, {@code predict_proba}, {@code predict}, {@code bic},
 * {@code aic}, {@code sample}.
 */
public final class GaussianMixtureModel implements DensityModel {
  static final String TYPE = "density.gaussian-mixture";
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final CovarianceType type;
  private final double[] weights;
  private final double[][] means;
  private final double[][][] covariances; // [k][d][d]; diagonal matrices for DIAGONAL
  private final double[][][] choleskyL; // lower factors of Σ_k
  private final double[][][] inverseFactorT; // P_k = L_k⁻ᵀ (upper triangular): rows (x − μ) P_k = (L_k⁻¹(x − μ))ᵀ
  private final double[] logNormaliser; // log π_k − ½ d log 2π − Σ_i log (L_k)_ii
  private final int nFeatures;
  private final Fitting fitting;

  /**
   * How the model was fitted: the trainer and what the fit found; {@link #NONE} (no trainer) for models built
   * from given parameters.
   */
  record Fitting(GaussianMixture trainer, boolean converged, int iterations, double[] logLikelihoodHistory) {
    static final Fitting NONE = new Fitting(null, true, 0, new double[0]);
  }

  /** Signals a covariance that is not positive definite (component index in the message). */
  static final class NotPositiveDefinite extends IllegalArgumentException {
    final int component;

    NotPositiveDefinite(int component, String message) {
      super(message);
      this.component = component;
    }
  }

  GaussianMixtureModel(CovarianceType type, double[] weights, double[][] means, double[][][] covariances,
      Fitting fitting) {
    this.type = type;
    int k = weights.length, d = means[0].length;
    this.nFeatures = d;
    this.weights = weights.clone();
    this.means = SmallMatrices.copy(means);
    this.covariances = new double[k][][];
    this.choleskyL = new double[k][][];
    this.inverseFactorT = new double[k][][];
    this.logNormaliser = new double[k];
    for (int j = 0; j < k; j++) {
      double[][] c = SmallMatrices.copy(covariances[j]);
      if (type == CovarianceType.DIAGONAL) {
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) if (a != b) c[a][b] = 0;
      }
      double[][] l = SmallMatrices.cholesky(c);
      if (l == null) {
        throw new NotPositiveDefinite(j, "the covariance matrix of component " + j + " is not positive definite");
      }
      this.covariances[j] = c;
      this.choleskyL[j] = l;
      this.inverseFactorT[j] = SmallMatrices.transpose(SmallMatrices.invertLower(l));
      this.logNormaliser[j] = Math.log(weights[j]) - 0.5 * d * LOG_2PI - SmallMatrices.logDiagSum(l);
    }
    this.fitting = fitting;
  }

  /**
   * A mixture with full covariances from known parameters.
   *
   * @param weights π_k > 0, summing to 1 (within 1e-9) {@code [k]}
   * @param means μ_k {@code [k][d]}
   * @param covariances Σ_k, symmetric positive definite {@code [k][d][d]}
   * @return the mixture
   * @throws IllegalArgumentException when the sizes do not match, a weight is not positive, the weights do not
   *     sum to 1, or a covariance is not symmetric or not positive definite
   */
  public static GaussianMixtureModel of(double[] weights, double[][] means, double[][][] covariances) {
    validate(weights, means, covariances.length, "covariances");
    int d = means[0].length;
    for (int j = 0; j < covariances.length; j++) {
      if (covariances[j].length != d || covariances[j][0].length != d) {
        throw new IllegalArgumentException("covariances[" + j + "] must be " + d + "x" + d + " to match the means. Got "
            + covariances[j].length + "x" + covariances[j][0].length + " instead.");
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < a; b++) {
          if (Math.abs(covariances[j][a][b] - covariances[j][b][a]) > 1e-12 * (Math.abs(covariances[j][a][b]) + 1)) {
            throw new IllegalArgumentException("covariances[" + j + "] is not symmetric: entry (" + a + "," + b + ") = "
                + covariances[j][a][b] + " but (" + b + "," + a + ") = " + covariances[j][b][a] + ".");
          }
        }
      }
    }
    return build(CovarianceType.FULL, weights, means, covariances);
  }

  /**
   * A mixture with diagonal covariances from known parameters.
   *
   * @param weights π_k > 0, summing to 1 {@code [k]}
   * @param means μ_k {@code [k][d]}
   * @param variances the diagonals σ²_ki > 0 {@code [k][d]}
   * @return the mixture
   * @throws IllegalArgumentException when the sizes do not match, a weight or variance is not positive, or
   *     the weights do not sum to 1
   */
  public static GaussianMixtureModel diagonal(double[] weights, double[][] means, double[][] variances) {
    validate(weights, means, variances.length, "variances");
    int d = means[0].length;
    double[][][] cov = new double[variances.length][d][d];
    for (int j = 0; j < variances.length; j++) {
      if (variances[j].length != d) {
        throw new IllegalArgumentException("variances[" + j + "] must have " + d + " entries to match the means. Got "
            + variances[j].length + " instead.");
      }
      for (int a = 0; a < d; a++) cov[j][a][a] = variances[j][a];
    }
    return build(CovarianceType.DIAGONAL, weights, means, cov);
  }

  private static GaussianMixtureModel build(CovarianceType t, double[] w, double[][] m, double[][][] c) {
    try {
      return new GaussianMixtureModel(t, w, m, c, Fitting.NONE);
    } catch (NotPositiveDefinite e) {
      throw new IllegalArgumentException("The covariance of component " + e.component
          + " is not symmetric positive definite; give a positive-definite matrix (all variances > 0).");
    }
  }

  private static void validate(double[] weights, double[][] means, int nCov, String covName) {
    int k = weights.length;
    if (k == 0) throw new IllegalArgumentException("A Gaussian mixture needs at least one component; weights is empty.");
    if (means.length != k || nCov != k) {
      throw new IllegalArgumentException("weights, means and " + covName + " must have one entry per component. Got "
          + k + ", " + means.length + " and " + nCov + " instead.");
    }
    double sum = 0;
    for (int j = 0; j < k; j++) {
      if (!(weights[j] > 0)) {
        throw new IllegalArgumentException("weights[" + j + "] must be > 0. Got " + weights[j] + " instead.");
      }
      sum += weights[j];
      if (means[j].length != means[0].length) {
        throw new IllegalArgumentException("means[" + j + "] has " + means[j].length + " entries but means[0] has "
            + means[0].length + ".");
      }
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new IllegalArgumentException("The mixture weights must sum to 1. Got " + sum + " instead.");
    }
  }

  /** The same parameters with another fitting record. */
  GaussianMixtureModel withFitting(Fitting f) {
    return new GaussianMixtureModel(type, weights, means, covariances, f);
  }

  /**
   * The configuration that fitted this model; empty for a mixture built from given parameters ({@link #of}).
   *
   * @return the trainer, or empty
   */
  public java.util.Optional<GaussianMixture> trainer() {
    return java.util.Optional.ofNullable(fitting.trainer());
  }

  /**
   * Number of components.
   *
   * @return k
   */
  public int components() {
    return weights.length;
  }

  /**
   * The form of the covariances.
   *
   * @return FULL or DIAGONAL
   */
  public CovarianceType covarianceType() {
    return type;
  }

  /**
   * The mixture weights π_k.
   *
   * @return a copy, {@code [k]}, summing to 1
   */
  public double[] weights() {
    return weights.clone();
  }

  /**
   * The component means μ_k.
   *
   * @return a copy, {@code [k, d]}
   */
  public INDArray means() {
    return Matrices.fromRows(means);
  }

  /**
   * The component covariances Σ_k.
   *
   * @return a copy, {@code [k, d, d]} (diagonal matrices for {@link CovarianceType#DIAGONAL})
   */
  public INDArray covariances() {
    return Nd4j.createFromArray(covariances).reshape(covariances.length, nFeatures, nFeatures);
  }

  /**
   * Whether EM met its tolerance before {@code maxIterations}.
   *
   * @return true when it did, and for a model built from parameters
   */
  public boolean converged() {
    return fitting.converged();
  }

  /**
   * EM iterations of the kept restart.
   *
   * @return the count; 0 for a model built from parameters
   */
  public int iterations() {
    return fitting.iterations();
  }

  /**
   * The training log-likelihood L = Σ_j log p(x_j) after initialisation (entry 0) and after each EM
   * iteration (entries 1 … iterations), for the kept restart. Empty for a model built from parameters.
   *
   * @return a copy of the history
   */
  public double[] logLikelihoodHistory() {
    return fitting.logLikelihoodHistory().clone();
  }

  @Override
  public int nFeatures() {
    return nFeatures;
  }

  /**
   * log π_k + log N(x_i | μ_k, Σ_k) as a flat row-major {@code [n * k]} array, from the augmented rows
   * {@code xa = [x − shift, 1]} {@code [n, d + 1]} (any fixed shift, chosen near the data to keep
   * round-off small). One {@code Nd4j.gemm} with the blocks [P_k; −(μ_k − shift) P_k]
   * {@code [d + 1, k d]} gives every y_ik = L_k⁻¹(x_i − μ_k) at once (the O(n k d²) work); their
   * squared norms are summed in one flat pass. For diagonal covariances {@code xq = }{@link #squares}(xa)
   * gives the result with one GEMM of O(n k d).
   */
  double[] weightedLogProb(INDArray xa, INDArray xq, double[] shift) {
    int k = weights.length, d = nFeatures;
    int n = (int) xa.rows();
    if (type == CovarianceType.DIAGONAL) {
      // −½ Σ_a (x_a − μ_a)²/σ²_a = [x², x, 1]·[−½/σ²; μ/σ²; −½ Σ μ²/σ²] (scikit-learn's expansion): one GEMM, [n, k]
      double[] q = new double[(2 * d + 1) * k];
      for (int j = 0; j < k; j++) {
        double c0 = logNormaliser[j];
        for (int a = 0; a < d; a++) {
          double v = covariances[j][a][a], m = means[j][a] - shift[a];
          q[a * k + j] = -0.5 / v;
          q[(d + a) * k + j] = m / v;
          c0 -= 0.5 * m * m / v;
        }
        q[2 * d * k + j] = c0;
      }
      INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, n, k);
      Nd4j.gemm(xq, Nd4j.createFromArray(q).reshape(2 * d + 1, k), out, false, false, 1.0, 0.0);
      return out.data().asDouble();
    }
    int width = k * d;
    double[] p = new double[(d + 1) * width];
    for (int j = 0; j < k; j++) {
      double[][] pj = inverseFactorT[j];
      for (int a = 0; a < d; a++) {
        double c = means[j][a] - shift[a];
        for (int b = 0; b < d; b++) {
          p[a * width + j * d + b] = pj[a][b];
          p[d * width + j * d + b] -= c * pj[a][b];
        }
      }
    }
    INDArray y = Nd4j.createUninitialized(DataType.DOUBLE, n, width);
    Nd4j.gemm(xa, Nd4j.createFromArray(p).reshape(d + 1, width), y, false, false, 1.0, 0.0);
    double[] yf = y.data().asDouble();
    double[] out = new double[n * k];
    for (int i = 0, o = 0; i < n; i++) {
      for (int j = 0; j < k; j++, o++) {
        double sq = 0;
        for (int b = 0, q = i * width + j * d; b < d; b++, q++) sq += yf[q] * yf[q];
        out[o] = logNormaliser[j] - 0.5 * sq;
      }
    }
    return out;
  }

  /** [(x − shift)², x − shift, 1] {@code [n, 2d + 1]} from xa = [x − shift, 1], for diagonal covariances (else null). */
  INDArray squares(INDArray xa) {
    if (type != CovarianceType.DIAGONAL) return null;
    INDArray xc = xa.get(NDArrayIndex.all(), NDArrayIndex.interval(0, nFeatures));
    return Nd4j.hstack(xc.mul(xc), xa);
  }

  /** [x − shift, 1] {@code [n, d + 1]} double. */
  static INDArray augment(INDArray x, double[] shift) {
    INDArray xc = x.castTo(DataType.DOUBLE).subRowVector(Nd4j.createFromArray(shift).reshape(1, shift.length));
    return Nd4j.hstack(xc, Nd4j.ones(DataType.DOUBLE, xc.rows(), 1));
  }

  /** Σ_k π_k μ_k: the mixture's mean, the shift used for new data. */
  private double[] mixtureMean() {
    double[] m = new double[nFeatures];
    for (int j = 0; j < weights.length; j++) for (int a = 0; a < nFeatures; a++) m[a] += weights[j] * means[j][a];
    return m;
  }

  private double[] checkedWeightedLogProb(INDArray x) {
    Checks.predictInput(x, nFeatures, "GaussianMixtureModel");
    double[] shift = mixtureMean();
    INDArray xa = augment(x, shift);
    return weightedLogProb(xa, squares(xa), shift);
  }

  /** log p(x_i) for each row, {@code [nSamples]} (scikit-learn's {@code score_samples}). */
  @Override
  public INDArray logDensity(INDArray x) {
    return Nd4j.createFromArray(normalise(checkedWeightedLogProb(x), weights.length));
  }

  /**
   * The posterior probabilities (responsibilities) γ_ik = π_k N(x_i|k) / p(x_i), {@code [nSamples, k]}
   * (scikit-learn's {@code predict_proba}).
   *
   * @param x {@code [nSamples, nFeatures]}, finite
   * @return γ {@code [nSamples, k]}, rows summing to 1
   * @throws IllegalArgumentException when x has the wrong shape or a non-finite value
   */
  public INDArray responsibilities(INDArray x) {
    double[] w = checkedWeightedLogProb(x);
    normalise(w, weights.length);
    return Nd4j.createFromArray(w).reshape(w.length / weights.length, weights.length);
  }

  /**
   * Turns flat weighted log probabilities {@code [n * k]} into responsibilities in place (log-sum-exp
   * along each row, one flat pass); returns log p(x_i) {@code [n]}.
   */
  static double[] normalise(double[] w, int k) {
    int n = w.length / k;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int o = i * k;
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) m = Math.max(m, w[o + j]);
      double sum = 0;
      for (int j = 0; j < k; j++) sum += w[o + j] = Math.exp(w[o + j] - m);
      for (int j = 0; j < k; j++) w[o + j] /= sum;
      out[i] = m + Math.log(sum);
    }
    return out;
  }

  /**
   * The most probable component of each row, argmax_k γ_ik (ties: lowest k).
   *
   * @param x {@code [nSamples, nFeatures]}, finite
   * @return a component index per row
   * @throws IllegalArgumentException when x has the wrong shape or a non-finite value
   */
  public int[] predict(INDArray x) {
    double[] w = checkedWeightedLogProb(x);
    int k = weights.length;
    int[] out = new int[w.length / k];
    for (int i = 0; i < out.length; i++) {
      int best = 0, o = i * k;
      for (int j = 1; j < k; j++) if (w[o + j] > w[o + best]) best = j;
      out[i] = best;
    }
    return out;
  }

  /**
   * Number of free parameters P, as counted by {@link #bic} and {@link #aic}.
   *
   * @return k·d means + k−1 weights + k·d(d+1)/2 (full) or k·d (diag) covariance entries
   */
  public int parameterCount() {
    int k = weights.length, d = nFeatures;
    int cov = type == CovarianceType.FULL ? k * d * (d + 1) / 2 : k * d;
    return k * d + (k - 1) + cov;
  }

  /**
   * Bayesian information criterion −2 L + P ln N on x (lower is better; scikit-learn's {@code bic}).
   *
   * @param x {@code [N, nFeatures]}
   * @return the BIC
   */
  public double bic(INDArray x) {
    double l = logDensity(x).sumNumber().doubleValue();
    return -2 * l + parameterCount() * Math.log(x.rows());
  }

  /**
   * Akaike information criterion −2 L + 2P on x (lower is better; scikit-learn's {@code aic}).
   *
   * @param x {@code [N, nFeatures]}
   * @return the AIC
   */
  public double aic(INDArray x) {
    double l = logDensity(x).sumNumber().doubleValue();
    return -2 * l + 2.0 * parameterCount();
  }

  /**
   * Draws i.i.d. samples: a component k with probability π_k, then x = μ_k + L_k z with z ~ N(0, I).
   */
  @Override
  public INDArray sample(int nSamples, long seed) {
    if (nSamples < 1) {
      throw new IllegalArgumentException("The number of samples must be >= 1. Got " + nSamples + " instead.");
    }
    Random rng = new Random(seed);
    int d = nFeatures;
    double[][] out = new double[nSamples][d];
    double[] z = new double[d];
    for (int s = 0; s < nSamples; s++) {
      double u = rng.nextDouble();
      int j = 0;
      double acc = weights[0];
      while (u >= acc && j < weights.length - 1) acc += weights[++j];
      for (int a = 0; a < d; a++) z[a] = rng.nextGaussian();
      for (int a = 0; a < d; a++) {
        double v = means[j][a];
        for (int b = 0; b <= a; b++) v += choleskyL[j][a][b] * z[b];
        out[s][a] = v;
      }
    }
    return Matrices.fromRows(out);
  }

  @Override
  public ModelState toState() {
    GaussianMixture trainer = fitting.trainer();
    var config = trainer != null ? ConfigJson.write(trainer) : ConfigJson.object(); // covariance as "full"/"diag"
    config.put("nFeatures", nFeatures);
    config.put("converged", fitting.converged());
    config.put("iterations", fitting.iterations());
    if (trainer == null) { // given parameters: the layout of format version 1
      config.put("covariance", type.label());
      config.put("regCovariance", 0.0);
    }
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("weights", Nd4j.createFromArray(weights));
    arrays.put("means", means());
    if (type == CovarianceType.FULL) {
      arrays.put("covariances", covariances());
    } else {
      double[][] v = new double[weights.length][nFeatures];
      for (int j = 0; j < weights.length; j++) for (int a = 0; a < nFeatures; a++) v[j][a] = covariances[j][a][a];
      arrays.put("covariances", Matrices.fromRows(v));
    }
    if (fitting.logLikelihoodHistory().length > 0) {
      arrays.put("logLikelihoodHistory", Nd4j.createFromArray(fitting.logLikelihoodHistory()));
    }
    return new ModelState(TYPE, config, arrays, trainer == null ? -1 : trainer.seed());
  }

  /** Reads {@link GaussianMixtureModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      int d = s.config().path("nFeatures").asInt();
      CovarianceType t = CovarianceType.parse(s.config().path("covariance").asText());
      double[] w = s.array("weights").castTo(DataType.DOUBLE).toDoubleVector();
      int k = w.length;
      double[][] m = s.array("means").castTo(DataType.DOUBLE).reshape(k, d).toDoubleMatrix();
      double[][][] c = new double[k][d][d];
      INDArray cov = s.array("covariances").castTo(DataType.DOUBLE);
      if (t == CovarianceType.FULL) {
        double[] flat = cov.reshape(cov.length()).toDoubleVector();
        for (int j = 0; j < k; j++) for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) c[j][a][b] = flat[(j * d + a) * d + b];
      } else {
        double[][] v = cov.reshape(k, d).toDoubleMatrix();
        for (int j = 0; j < k; j++) for (int a = 0; a < d; a++) c[j][a][a] = v[j][a];
      }
      INDArray hist = s.arrays().get("logLikelihoodHistory");
      int iterations = s.config().path("iterations").asInt();
      // a fitted model ran at least one EM iteration; format version 1 files hold only the covariance type,
      // regCovariance and the seed of its trainer, the rest takes GaussianMixture.of's defaults
      GaussianMixture trainer = iterations == 0 ? null : ConfigJson.read(s.config(),
          GaussianMixture.of(k).withCovariance(t).withRegCovariance(s.config().path("regCovariance").asDouble())
              .withSeed(s.seed()));
      Fitting f = new Fitting(trainer, s.config().path("converged").asBoolean(true), iterations,
          hist == null ? new double[0] : hist.castTo(DataType.DOUBLE).reshape(hist.length()).toDoubleVector());
      return new GaussianMixtureModel(t, w, m, c, f);
    }
  }
}
