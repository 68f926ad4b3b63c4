package org.mlmp.kernelmethods;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.mlmp.kernel.Kernel;

/**
 * Chooses the kernel (typically σ) and C of an {@link Svm} by k-fold cross-validation
 * ({@link Partition#kFold}), scoring the validation accuracy, reported as mean ± standard deviation
 * over the folds (population standard deviation, as scikit-learn's {@code GridSearchCV}).
 *
 * <p>scikit-learn: {@code GridSearchCV(SVC(), {"C": Cs, "gamma": 1/(2σ²)}, cv=KFold(k, shuffle=True))}.
 */
public final class SvmSearch {
  private SvmSearch() {}

  /**
   * One grid point: per-fold validation accuracies and their mean and standard deviation.
   *
   * @param kernel the kernel of this grid point
   * @param c the C of this grid point
   * @param meanAccuracy mean over folds of the validation accuracy
   * @param stdAccuracy standard deviation over folds
   * @param foldAccuracy per-fold validation accuracy
   */
  public record SvmScore(Kernel kernel, double c, double meanAccuracy, double stdAccuracy, double[] foldAccuracy) {
    /**
     * Copies the per-fold array.
     *
     * @param kernel the kernel of this grid point
     * @param c the C of this grid point
     * @param meanAccuracy mean over folds of the validation accuracy
     * @param stdAccuracy standard deviation over folds
     * @param foldAccuracy per-fold validation accuracy
     */
    public SvmScore {
      foldAccuracy = foldAccuracy.clone();
    }

    /**
     * The per-fold validation accuracy.
     *
     * @return a copy, one value per fold
     */
    @Override
    public double[] foldAccuracy() {
      return foldAccuracy.clone();
    }
  }

  /**
   * All grid points (kernels × Cs) and the best (highest mean accuracy; first on ties).
   *
   * @param scores every grid point, in the order kernels × Cs
   * @param best the grid point with the highest mean accuracy
   * @param folds k
   */
  public record SvmSearchResult(List<SvmScore> scores, SvmScore best, int folds) {
    /**
     * Copies the scores into an unmodifiable list.
     *
     * @param scores every grid point, in the order kernels × Cs
     * @param best the grid point with the highest mean accuracy
     * @param folds k
     */
    public SvmSearchResult {
      scores = List.copyOf(scores);
    }

    /**
     * A plain-text table of the search.
     *
     * @return one line per grid point: kernel, C, accuracy mean ± std, the best row marked with '*'
     */
    public String toTable() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-28s %10s %22s%n", "kernel", "C",
          "accuracy (" + folds + "-fold)"));
      for (SvmScore s : scores) {
        sb.append(String.format(Locale.ROOT, "%-28s %10.4g %12.4f ± %.4f%s%n", s.kernel(), s.c(), s.meanAccuracy(),
            s.stdAccuracy(), s == best ? "  *" : ""));
      }
      return sb.toString();
    }
  }

  /**
   * Grid search of kernel and C by k-fold cross-validation of the validation accuracy.
   *
   * @param data x {@code [n, d]}, labels y {@code [n]}
   * @param kernels candidate kernels
   * @param cs candidate C > 0
   * @param k folds, 2 ≤ k ≤ n
   * @param tolerance SMO tolerance (1e-3 as LIBSVM's default)
   * @param seed seeds the fold shuffle
   * @return every grid point's scores and the best
   * @throws IllegalArgumentException when no kernel or no C is given, a C is not positive, or k is outside
   *     [2, n]
   */
  public static SvmSearchResult crossValidate(Dataset data, List<Kernel> kernels, double[] cs, int k, double tolerance,
      long seed) {
    if (kernels == null || kernels.isEmpty()) throw new IllegalArgumentException("SvmSearch: give at least one kernel.");
    if (cs == null || cs.length == 0) throw new IllegalArgumentException("SvmSearch: give at least one C.");
    for (double c : cs) Svm.of(kernels.get(0), c); // validates C with its message
    List<Partition.Fold> folds = Partition.kFold(data.nSamples(), k, seed);
    List<SvmScore> scores = new ArrayList<>();
    SvmScore best = null;
    for (Kernel kernel : kernels) {
      for (double c : cs) {
        double[] acc = new double[folds.size()];
        Svm svm = Svm.of(kernel, c).withTolerance(tolerance);
        for (int f = 0; f < folds.size(); f++) {
          Dataset va = data.rows(folds.get(f).validation());
          acc[f] = svm.fit(data.rows(folds.get(f).train())).accuracy(va.x(), va.y());
        }
        double mean = Arrays.stream(acc).average().orElse(Double.NaN), var = 0;
        for (double a : acc) var += (a - mean) * (a - mean);
        SvmScore s = new SvmScore(kernel, c, mean, Math.sqrt(var / acc.length), acc);
        scores.add(s);
        if (best == null || s.meanAccuracy() > best.meanAccuracy()) best = s;
      }
    }
    return new SvmSearchResult(scores, best, folds.size());
  }
}
