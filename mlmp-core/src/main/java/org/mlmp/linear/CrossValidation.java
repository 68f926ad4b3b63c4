package org.mlmp.linear;

import java.util.List;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;

/**
 * k-fold cross-validation of λ over a path: for each fold ({@link Partition#kFold}), the path is fitted
 * on the other folds (warm-started) and the mean squared error measured on the held-out fold. The chosen
 * λ minimises the mean over folds (scikit-learn's {@code LassoCV} / {@code ElasticNetCV} rule);
 * {@link #oneStandardErrorLambda()} is the sparser choice of glmnet's {@code lambda.1se}.
 *
 * @param lambdas the λ values
 * @param meanMse the validation MSE averaged over folds, per λ
 * @param stdError the standard error of that mean over the k folds, per λ
 * @param bestLambda the λ with the smallest mean validation MSE (the first on ties)
 * @param folds k
 */
public record CrossValidation(double[] lambdas, double[] meanMse, double[] stdError, double bestLambda, int folds) {
  /**
   * Copies the arrays, so the result cannot change.
   *
   * @param lambdas the λ values
   * @param meanMse the validation MSE averaged over folds, per λ
   * @param stdError the standard error of that mean over the k folds, per λ
   * @param bestLambda the λ with the smallest mean validation MSE (the first on ties)
   * @param folds k
   */
  public CrossValidation {
    lambdas = lambdas.clone();
    meanMse = meanMse.clone();
    stdError = stdError.clone();
  }

  /**
   * The λ compared.
   *
   * @return a copy, in the order given to {@link #run}
   */
  @Override
  public double[] lambdas() {
    return lambdas.clone();
  }

  /**
   * The mean validation MSE over the k folds.
   *
   * @return a copy, one value per λ of {@link #lambdas()}
   */
  @Override
  public double[] meanMse() {
    return meanMse.clone();
  }

  /**
   * The standard error of the mean validation MSE over the k folds.
   *
   * @return a copy, one value per λ of {@link #lambdas()}
   */
  @Override
  public double[] stdError() {
    return stdError.clone();
  }

  /**
   * The one-standard-error rule (Hastie et al., ESL §7.10): the largest λ whose mean validation MSE is
   * within one standard error of the minimum's — the most regularised model statistically as good as
   * the best.
   *
   * @return that λ (at least {@link #bestLambda()})
   */
  public double oneStandardErrorLambda() {
    int best = 0;
    for (int i = 0; i < lambdas.length; i++) if (lambdas[i] == bestLambda) best = i;
    double limit = meanMse[best] + stdError[best];
    double chosen = bestLambda;
    for (int i = 0; i < lambdas.length; i++) if (meanMse[i] <= limit && lambdas[i] > chosen) chosen = lambdas[i];
    return chosen;
  }

  /**
   * Runs k-fold cross-validation.
   *
   * @param trainer the penalty and options (its own λ is ignored)
   * @param data training data, at least k rows
   * @param lambdas the λ to compare
   * @param k number of folds, 2 ≤ k ≤ nSamples
   * @param seed seeds the fold assignment
   * @return the mean validation MSE and its standard error per λ, and the best λ
   * @throws IllegalArgumentException when {@code lambdas} is empty or k is outside [2, nSamples]
   */
  public static CrossValidation run(PenalizedRegression trainer, Dataset data, double[] lambdas, int k, long seed) {
    if (lambdas.length == 0) {
      throw new IllegalArgumentException("CrossValidation needs at least one lambda; got none.");
    }
    List<Partition.Fold> folds = Partition.kFold(data.nSamples(), k, seed);
    double[][] mse = new double[k][lambdas.length];
    for (int f = 0; f < k; f++) {
      Partition.Fold fold = folds.get(f);
      Dataset train = data.rows(fold.train()), val = data.rows(fold.validation());
      List<LinearModel> models = trainer.path(train, lambdas);
      for (int i = 0; i < lambdas.length; i++) mse[f][i] = models.get(i).mse(val.x(), val.y());
    }
    double[] mean = new double[lambdas.length], se = new double[lambdas.length];
    int best = 0;
    for (int i = 0; i < lambdas.length; i++) {
      for (int f = 0; f < k; f++) mean[i] += mse[f][i] / k;
      double v = 0;
      for (int f = 0; f < k; f++) v += (mse[f][i] - mean[i]) * (mse[f][i] - mean[i]);
      se[i] = Math.sqrt(v / (k - 1) / k);
      if (mean[i] < mean[best]) best = i;
    }
    return new CrossValidation(lambdas, mean, se, lambdas[best], k);
  }
}
