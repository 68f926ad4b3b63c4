package org.mlmp.density;

import org.mlmp.api.Matrices;
import java.util.Random;
import org.mlmp.api.Trainer;
import org.mlmp.cluster.Distances;
import org.mlmp.cluster.KMeansPlusPlus;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Density estimation with a Gaussian mixture p(x) = Σ_k π_k N(x | μ_k, Σ_k), by maximising the
 * log-likelihood L = Σ_j log p(x_j) with expectation–maximisation (Dempster, Laird and Rubin 1977;
 * Bishop, <i>Pattern Recognition and Machine Learning</i>, §9.2):
 *
 * <pre>
 *   E step:  γ_jk = π_k N(x_j | μ_k, Σ_k) / Σ_l π_l N(x_j | μ_l, Σ_l)          (log-sum-exp)
 *   M step:  N_k = Σ_j γ_jk,   π_k = N_k / N,   μ_k = (1/N_k) Σ_j γ_jk x_j,
 *            Σ_k = (1/N_k) Σ_j γ_jk (x_j − μ_k)(x_j − μ_k)ᵀ + ε I       (diag: only the diagonal)
 * </pre>
 *
 * <p><b>Regulariser.</b> ε = {@code regCovariance} (default 1e-6, scikit-learn's {@code reg_covar}) is
 * added to every variance so that a component collapsing onto a few samples keeps a positive-definite
 * covariance. With ε = 0 each EM step provably never decreases L; with ε > 0 the M step maximises a
 * slightly penalised objective, so L may dip by amounts of order ε (in units of the data's variance) —
 * set ε = 0 to see the textbook guarantee (the tests pin it to 1e-10·|L|).
 *
 * <p><b>Computation.</b> The E step is one {@code Nd4j.gemm} for all components (see
 * {@link GaussianMixtureModel}); the M step is one GEMM for all N_k and means and one for all
 * covariances, on data centred on their mean, so the O(n k d²) work runs on either ND4J backend. The
 * d × d Cholesky factorisations and the O(n k d) element-wise passes (log-sum-exp, weighting) are flat
 * Java loops: on a loaded 2-core machine, many small ND4J element-wise ops cost far more than they do.
 *
 * <p><b>Initialisation.</b> Each restart draws k {@link KMeansPlusPlus} seeds, assigns every sample
 * to its nearest seed, and starts from the M step on these hard responsibilities. The restart with the
 * largest final L is kept. EM stops when the mean log-likelihood per sample L/N changes by less than
 * {@code tolerance} between iterations (scikit-learn's rule), or after {@code maxIterations}.
 *
 * <p>scikit-learn: {@code GaussianMixture(n_components=components, covariance_type="full"|"diag",
 * reg_covar=regCovariance, max_iter=maxIterations, tol=tolerance, n_init=restarts,
 * init_params="k-means++", random_state=seed)}; its k-means++ init instead gives each seed a single
 * sample, and its random stream differs.
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]} with nSamples ≥ components; labels are ignored.
 *
 * @param components number of mixture components k ≥ 1
 * @param covariance {@link CovarianceType#FULL} or {@link CovarianceType#DIAGONAL}
 * @param regCovariance ε ≥ 0 added to the diagonal of every Σ_k (default 1e-6)
 * @param maxIterations maximum EM iterations per restart ≥ 1 (default 100)
 * @param tolerance stop when |Δ(L/N)| &lt; tolerance (default 1e-3; 0 runs all iterations)
 * @param restarts number of initialisations ≥ 1 (scikit-learn's n_init; default 1)
 * @param seed seed of the k-means++ draws
 */
public record GaussianMixture(int components, CovarianceType covariance, double regCovariance, int maxIterations,
    double tolerance, int restarts, long seed) implements Trainer<GaussianMixtureModel> {
  /**
   * Validates the components.
   *
   * @param components number of mixture components k ≥ 1
   * @param covariance {@link CovarianceType#FULL} or {@link CovarianceType#DIAGONAL}
   * @param regCovariance ε ≥ 0 added to the diagonal of every Σ_k (default 1e-6)
   * @param maxIterations maximum EM iterations per restart ≥ 1 (default 100)
   * @param tolerance stop when |Δ(L/N)| &lt; tolerance (default 1e-3; 0 runs all iterations)
   * @param restarts number of initialisations ≥ 1 (scikit-learn's n_init; default 1)
   * @param seed seed of the k-means++ draws
   * @throws IllegalArgumentException when components, maxIterations or restarts is below 1, covariance is
   *     null, or regCovariance or tolerance is negative or not finite
   */
  public GaussianMixture {
    if (components < 1) {
      throw new IllegalArgumentException("The 'components' parameter of GaussianMixture must be an int >= 1. Got "
          + components + " instead.");
    }
    if (covariance == null) {
      throw new IllegalArgumentException("The 'covariance' parameter of GaussianMixture must be FULL or DIAGONAL. "
          + "Got null instead.");
    }
    if (!(regCovariance >= 0) || Double.isInfinite(regCovariance)) {
      throw new IllegalArgumentException("The 'regCovariance' parameter of GaussianMixture must be a finite float "
          + ">= 0. Got " + regCovariance + " instead.");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("The 'maxIterations' parameter of GaussianMixture must be an int >= 1. Got "
          + maxIterations + " instead.");
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("The 'tolerance' parameter of GaussianMixture must be a finite float >= 0. "
          + "Got " + tolerance + " instead.");
    }
    if (restarts < 1) {
      throw new IllegalArgumentException("The 'restarts' parameter of GaussianMixture must be an int >= 1. Got "
          + restarts + " instead.");
    }
  }

  /**
   * k components, full covariances, scikit-learn's defaults: ε = 1e-6, 100 iterations, tolerance 1e-3, 1
   * restart, seed 0.
   *
   * @param components k ≥ 1
   * @return the configuration
   * @throws IllegalArgumentException when {@code components < 1}
   */
  public static GaussianMixture of(int components) {
    return new GaussianMixture(components, CovarianceType.FULL, 1e-6, 100, 1e-3, 1, 0);
  }

  /**
   * A copy with another covariance form.
   *
   * @param c FULL or DIAGONAL
   * @return the copy
   * @throws IllegalArgumentException when {@code c} is null
   */
  public GaussianMixture withCovariance(CovarianceType c) {
    return new GaussianMixture(components, c, regCovariance, maxIterations, tolerance, restarts, seed);
  }

  /**
   * A copy with another covariance regularisation.
   *
   * @param eps ε ≥ 0 added to the diagonal of every Σ_k (scikit-learn's reg_covar)
   * @return the copy
   * @throws IllegalArgumentException when {@code eps} is negative or not finite
   */
  public GaussianMixture withRegCovariance(double eps) {
    return new GaussianMixture(components, covariance, eps, maxIterations, tolerance, restarts, seed);
  }

  /**
   * A copy with another limit on the EM iterations per restart.
   *
   * @param m iterations ≥ 1
   * @return the copy
   * @throws IllegalArgumentException when {@code m < 1}
   */
  public GaussianMixture withMaxIterations(int m) {
    return new GaussianMixture(components, covariance, regCovariance, m, tolerance, restarts, seed);
  }

  /**
   * A copy with another convergence tolerance.
   *
   * @param t stop when |Δ(L/N)| &lt; t (≥ 0; 0 runs all iterations)
   * @return the copy
   * @throws IllegalArgumentException when {@code t} is negative or not finite
   */
  public GaussianMixture withTolerance(double t) {
    return new GaussianMixture(components, covariance, regCovariance, maxIterations, t, restarts, seed);
  }

  /**
   * A copy with another number of initialisations (the best log-likelihood is kept).
   *
   * @param r restarts ≥ 1 (scikit-learn's n_init)
   * @return the copy
   * @throws IllegalArgumentException when {@code r < 1}
   */
  public GaussianMixture withRestarts(int r) {
    return new GaussianMixture(components, covariance, regCovariance, maxIterations, tolerance, r, seed);
  }

  /**
   * A copy with another seed.
   *
   * @param s seed of the k-means++ draws
   * @return the copy
   */
  public GaussianMixture withSeed(long s) {
    return new GaussianMixture(components, covariance, regCovariance, maxIterations, tolerance, restarts, s);
  }

  @Override
  public GaussianMixtureModel fit(Dataset data) {
    data.requireFinite();
    int n = data.nSamples();
    if (n < components) {
      throw new IllegalArgumentException("GaussianMixture needs at least as many samples as components: nSamples = "
          + n + " < components = " + components + ". Lower 'components' or provide more data.");
    }
    int d = data.nFeatures(), k = components;
    INDArray x = data.x().castTo(DataType.DOUBLE);
    double[] shift = x.mean(0).toDoubleVector(); // data centred on their mean: less round-off in the GEMMs
    INDArray xa = GaussianMixtureModel.augment(x, shift); // [x − shift, 1]
    INDArray xc = xa.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup('c');
    double[][] xs = Matrices.rows(xc);
    double[] xcf = Matrices.flat(xc);
    INDArray left = Distances.augmentLeft(xc);
    INDArray xq = covariance == CovarianceType.DIAGONAL // [xc², xc, 1] for the diagonal E step
        ? Nd4j.hstack(xc.mul(xc), xa) : null;
    Random rng = new Random(seed);
    GaussianMixtureModel best = null;
    double bestL = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < restarts; r++) {
      int[] seeds = KMeansPlusPlus.seedIndices(xs, left, k, rng);
      double[][] centres = new double[k][];
      for (int j = 0; j < k; j++) centres[j] = xs[seeds[j]];
      INDArray prod = Nd4j.createUninitialized(DataType.DOUBLE, n, k);
      Nd4j.gemm(left, Distances.augmentRight(Matrices.fromRows(centres)), prod, false, true, 1.0, 0.0);
      double[] dist = prod.data().asDouble();
      double[] hot = new double[n * k];
      for (int i = 0; i < n; i++) {
        int b = 0, o = i * k;
        for (int j = 1; j < k; j++) if (dist[o + j] < dist[o + b]) b = j;
        hot[o + b] = 1;
      }
      double[] history = new double[maxIterations + 1];
      GaussianMixtureModel model = mStep(xcf, xa, shift, hot);
      double[] resp = model.weightedLogProb(xa, xq, shift);
      history[0] = sum(GaussianMixtureModel.normalise(resp, k));
      int it = 0;
      boolean converged = false;
      while (it < maxIterations) {
        model = mStep(xcf, xa, shift, resp);
        resp = model.weightedLogProb(xa, xq, shift);
        it++;
        history[it] = sum(GaussianMixtureModel.normalise(resp, k));
        if (Math.abs(history[it] - history[it - 1]) / n < tolerance) {
          converged = true;
          break;
        }
      }
      double[] h = java.util.Arrays.copyOf(history, it + 1);
      GaussianMixtureModel fitted = model.withFitting(
          new GaussianMixtureModel.Fitting(this, converged, it, h));
      if (best == null || h[it] > bestL) {
        best = fitted;
        bestL = h[it];
      }
    }
    return best;
  }

  /** The M step on data x {@code [n, d]} (uncentred) and responsibilities {@code [n, k]} (for tests). */
  GaussianMixtureModel mStep(INDArray x, INDArray resp) {
    double[] shift = x.castTo(DataType.DOUBLE).mean(0).toDoubleVector();
    INDArray xa = GaussianMixtureModel.augment(x, shift);
    INDArray xc = xa.get(NDArrayIndex.all(), NDArrayIndex.interval(0, x.columns())).dup('c');
    return mStep(Matrices.flat(xc), xa, shift, Matrices.flat(resp));
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double e : v) s += e;
    return s;
  }

  /**
   * The M step: new parameters from flat responsibilities {@code resp [n * k]}, on centred data
   * {@code xcf = x − shift} (flat {@code [n * d]}) and {@code xa = [x − shift, 1]} {@code [n, d + 1]}. One
   * GEMM γᵀ·xa gives every N_k and Σ_j γ_jk x_j; with Z_j = γ_jk (x_j − μ_k) {@code [n, k d]} (a flat pass),
   * one GEMM Zᵀ·xa gives every Σ_j γ_jk (x_j − μ_k) x_jᵀ and Σ_j γ_jk (x_j − μ_k) (≈ 0), whose difference
   * with the latter times μ_kᵀ is N_k Σ_k.
   */
  private GaussianMixtureModel mStep(double[] xcf, INDArray xa, double[] shift, double[] resp) {
    int n = (int) xa.rows(), d = (int) xa.columns() - 1, k = components, width = k * d;
    INDArray sums = Nd4j.createUninitialized(DataType.DOUBLE, k, d + 1);
    Nd4j.gemm(Nd4j.createFromArray(resp).reshape(n, k), xa, sums, true, false, 1.0, 0.0);
    double[] sf = sums.data().asDouble();
    double[] nk = new double[k];
    double[][] mc = new double[k][d];
    double total = 0;
    for (int j = 0; j < k; j++) {
      nk[j] = sf[j * (d + 1) + d] + 10 * Math.ulp(1.0); // scikit-learn's guard against an empty component
      total += nk[j];
      for (int a = 0; a < d; a++) mc[j][a] = sf[j * (d + 1) + a] / nk[j];
    }
    double[] z = new double[n * width];
    for (int i = 0, o = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        double g = resp[i * k + j];
        double[] m = mc[j];
        for (int a = 0; a < d; a++, o++) z[o] = g * (xcf[i * d + a] - m[a]);
      }
    }
    INDArray cz = Nd4j.createUninitialized(DataType.DOUBLE, width, d + 1);
    Nd4j.gemm(Nd4j.createFromArray(z).reshape(n, width), xa, cz, true, false, 1.0, 0.0);
    double[] cf = cz.data().asDouble();
    double[] weights = new double[k];
    double[][] means = new double[k][d];
    double[][][] cov = new double[k][d][d];
    for (int j = 0; j < k; j++) {
      weights[j] = nk[j] / total;
      double[][] c = cov[j];
      for (int a = 0; a < d; a++) {
        int row = (j * d + a) * (d + 1);
        for (int b = 0; b <= a; b++) {
          if (b < a && covariance != CovarianceType.FULL) continue;
          c[a][b] = (cf[row + b] - cf[row + d] * mc[j][b]) / nk[j]; // lower triangle, mirrored
          c[b][a] = c[a][b];
        }
        c[a][a] += regCovariance;
        means[j][a] = mc[j][a] + shift[a];
      }
    }
    try {
      return new GaussianMixtureModel(covariance, weights, means, cov, GaussianMixtureModel.Fitting.NONE);
    } catch (GaussianMixtureModel.NotPositiveDefinite e) {
      throw new IllegalArgumentException("GaussianMixture could not be fitted: the covariance of component "
          + e.component + " became singular (the component collapsed onto fewer than nFeatures + 1 distinct "
          + "samples). Lower 'components' (now " + components + ") or raise 'regCovariance' (now " + regCovariance
          + "), or standardise the features.");
    }
  }
}
