package org.mlmp.kernelmethods;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Gram;
import org.mlmp.kernel.Kernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chooses the kernel (typically σ) and λ of {@link KernelRidge} by k-fold cross-validation
 * ({@link Partition#kFold}): for every kernel and fold the training Gram matrix and the validation
 * cross Gram matrix are computed once and reused for every λ. The score is the validation mean squared
 * error (averaged over targets), reported as mean ± standard deviation over the folds (population
 * standard deviation, as scikit-learn's {@code GridSearchCV} {@code std_test_score}).
 *
 * <p>scikit-learn: {@code GridSearchCV(KernelRidge(), {"alpha": λs, "gamma": 1/(2σ²)},
 * cv=KFold(k, shuffle=True), scoring="neg_mean_squared_error")} — the folds differ (different shuffles).
 */
public final class KernelRidgeSearch {
  private KernelRidgeSearch() {}

  /**
   * One grid point.
   *
   * @param kernel the kernel of this grid point
   * @param lambda the λ of this grid point
   * @param meanMse mean over folds of the validation MSE (+∞ if K + λI was not positive definite in a fold)
   * @param stdMse standard deviation over folds
   * @param foldMse per-fold validation MSE
   */
  public record KrrScore(Kernel kernel, double lambda, double meanMse, double stdMse, double[] foldMse) {
    /**
     * Copies the per-fold array.
     *
     * @param kernel the kernel of this grid point
     * @param lambda the λ of this grid point
     * @param meanMse mean over folds of the validation MSE (+∞ if K + λI was not positive definite in a fold)
     * @param stdMse standard deviation over folds
     * @param foldMse per-fold validation MSE
     */
    public KrrScore {
      foldMse = foldMse.clone();
    }

    /**
     * The per-fold validation MSE.
     *
     * @return a copy, one value per fold
     */
    @Override
    public double[] foldMse() {
      return foldMse.clone();
    }

    /**
     * The configuration of this grid point.
     *
     * @return a {@link KernelRidge} with this kernel and λ, in double precision
     */
    public KernelRidge trainer() {
      return KernelRidge.of(kernel, lambda);
    }
  }

  /**
   * All grid points, in the order kernels × lambdas, and the best (smallest mean MSE; first on ties).
   *
   * @param scores every grid point
   * @param best the grid point with the smallest mean validation MSE
   * @param folds k
   * @param seed the seed of the fold shuffle
   */
  public record KrrSearchResult(List<KrrScore> scores, KrrScore best, int folds, long seed) {
    /**
     * Copies the scores into an unmodifiable list.
     *
     * @param scores every grid point
     * @param best the grid point with the smallest mean validation MSE
     * @param folds k
     * @param seed the seed of the fold shuffle
     */
    public KrrSearchResult {
      scores = List.copyOf(scores);
    }

    /**
     * A plain-text table of the search.
     *
     * @return one line per grid point: kernel, λ, validation MSE mean ± std, the best row marked with '*'
     */
    public String toTable() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-36s %12s %14s %12s%n", "kernel", "lambda",
          "cv mse (" + folds + "-fold)", "± std"));
      for (KrrScore s : scores) {
        sb.append(String.format(Locale.ROOT, "%-36s %12.4g %14.6g %12.4g%s%n", s.kernel(), s.lambda(), s.meanMse(),
            s.stdMse(), s == best ? "  *" : ""));
      }
      return sb.toString();
    }
  }

  /**
   * Gaussian kernels for each σ.
   *
   * @param sigmas the widths σ &gt; 0
   * @return one {@link org.mlmp.kernel.Gaussian} per σ, in order
   * @throws IllegalArgumentException when a σ is not a positive finite number
   */
  public static List<Kernel> gaussians(double... sigmas) {
    List<Kernel> out = new ArrayList<>();
    for (double s : sigmas) out.add(Gaussian.of(s));
    return out;
  }

  /**
   * @param data x {@code [n, d]}, y {@code [n]} or {@code [n, t]}
   * @param kernels candidate kernels (e.g. {@link #gaussians})
   * @param lambdas candidate λ >= 0
   * @param k number of folds, 2 ≤ k ≤ n
   * @param seed seed of the fold shuffle
   * @return every grid point's scores and the best
   * @throws IllegalArgumentException when no kernel or no λ is given, a λ is negative, the data has no targets
   *     or holds NaN or ±∞, or k is outside [2, n]
   */
  public static KrrSearchResult crossValidate(Dataset data, List<Kernel> kernels, double[] lambdas, int k, long seed) {
    if (kernels == null || kernels.isEmpty()) {
      throw new IllegalArgumentException("crossValidate: give at least one kernel.");
    }
    if (lambdas == null || lambdas.length == 0) {
      throw new IllegalArgumentException("crossValidate: give at least one lambda.");
    }
    for (double l : lambdas) KernelRidge.of(kernels.get(0), l); // validates each λ with its message
    if (!data.hasTargets()) throw new IllegalArgumentException("crossValidate needs targets y; the data set has none.");
    data.requireFinite();
    List<Partition.Fold> folds = Partition.kFold(data.nSamples(), k, seed);
    List<KrrScore> scores = new ArrayList<>();
    KrrScore best = null;
    for (Kernel kernel : kernels) {
      double[][] mse = new double[lambdas.length][folds.size()];
      for (int f = 0; f < folds.size(); f++) {
        Dataset tr = data.rows(folds.get(f).train()), va = data.rows(folds.get(f).validation());
        INDArray xtr = tr.x();
        INDArray ktr = org.mlmp.backend.HostBlas.hostMemory() ? Gram.upperTriangle(kernel, xtr) : kernel.gram(xtr);
        INDArray kva = kernel.gram(va.x(), xtr);
        INDArray ytr = asMatrix(tr.y()), yva = asMatrix(va.y());
        for (int l = 0; l < lambdas.length; l++) {
          INDArray work = l == lambdas.length - 1 ? ktr : ktr.dup('c');
          INDArray a;
          try {
            a = RegularizedCholesky.solveInPlace(work, ytr, lambdas[l], "KernelRidge(" + kernel + ")");
          } catch (IllegalArgumentException notPd) {
            mse[l][f] = Double.POSITIVE_INFINITY;
            continue;
          }
          INDArray pred = Nd4j.createUninitialized(DataType.DOUBLE, kva.rows(), a.columns());
          Nd4j.gemm(kva, a, pred, false, false, 1.0, 0.0);
          mse[l][f] = pred.sub(yva).norm2Number().doubleValue();
          mse[l][f] = mse[l][f] * mse[l][f] / pred.length();
        }
      }
      for (int l = 0; l < lambdas.length; l++) {
        double mean = Arrays.stream(mse[l]).average().orElse(Double.NaN);
        double var = 0;
        for (double v : mse[l]) var += (v - mean) * (v - mean);
        double std = Double.isInfinite(mean) ? Double.NaN : Math.sqrt(var / mse[l].length);
        KrrScore s = new KrrScore(kernel, lambdas[l], mean, std, mse[l]);
        scores.add(s);
        if (best == null || s.meanMse() < best.meanMse()) best = s;
      }
    }
    return new KrrSearchResult(scores, best, folds.size(), seed);
  }

  private static INDArray asMatrix(INDArray y) {
    return (y.rank() == 1 ? y.reshape(y.length(), 1) : y).castTo(DataType.DOUBLE);
  }
}
