package org.mlmp.linear;

import org.mlmp.api.Precision;
import java.util.List;
import org.mlmp.api.Dataset;

/**
 * The coefficients of one penalised regression over a sequence of λ ("regularisation path"), fitted
 * with warm starts where the trainer supports them ({@link PenalizedRegression#path}).
 *
 * @param lambdas the λ values, as given (usually decreasing)
 * @param coef coefficients for the raw columns, [nLambdas][nFeatures]
 * @param intercepts intercepts, [nLambdas]
 * @param featureNames the feature names
 */
public record RegularizationPath(double[] lambdas, double[][] coef, double[] intercepts, List<String> featureNames) {
  /**
   * Copies the arrays and the names, so the path cannot change.
   *
   * @param lambdas the λ values, as given (usually decreasing)
   * @param coef coefficients for the raw columns, [nLambdas][nFeatures]
   * @param intercepts intercepts, [nLambdas]
   * @param featureNames the feature names
   */
  public RegularizationPath {
    lambdas = lambdas.clone();
    coef = deepCopy(coef);
    intercepts = intercepts.clone();
    featureNames = List.copyOf(featureNames);
  }

  /**
   * The λ values.
   *
   * @return a copy, as given
   */
  @Override
  public double[] lambdas() {
    return lambdas.clone();
  }

  /**
   * The coefficients for the raw columns.
   *
   * @return a deep copy, [nLambdas][nFeatures]
   */
  @Override
  public double[][] coef() {
    return deepCopy(coef);
  }

  /**
   * The intercepts.
   *
   * @return a copy, one per λ
   */
  @Override
  public double[] intercepts() {
    return intercepts.clone();
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }

  /**
   * Fits {@code trainer} at every λ of {@code lambdas}.
   *
   * @param trainer the penalty and options (its own λ is ignored)
   * @param data the training rows
   * @param lambdas the λ values, each ≥ 0 (usually decreasing, for warm starts)
   * @return the path, with the data's feature names
   */
  public static RegularizationPath fit(PenalizedRegression trainer, Dataset data, double[] lambdas) {
    List<LinearModel> models = trainer.path(data, lambdas);
    double[][] coef = new double[models.size()][];
    double[] b = new double[models.size()];
    for (int i = 0; i < b.length; i++) {
      coef[i] = models.get(i).coef();
      b[i] = models.get(i).intercept();
    }
    return new RegularizationPath(lambdas, coef, b, data.featureNames());
  }

  /**
   * A decreasing, log-spaced grid of {@code count} values from λ_max down to {@code ratio}·λ_max, as
   * scikit-learn's {@code lasso_path} (eps = ratio) and glmnet do. λ_max depends on the penalty, for
   * the centred (and, if the trainer asks, standardised) data Z, t:
   * <ul>
   *   <li>LASSO and elastic net (a &gt; 0): ‖Zᵀt‖∞/(N a), the smallest λ with all weights 0;
   *   <li>L0 ({@link BestSubset}, {@link ForwardSelection}): tᵀt/(2N), above which no feature pays for itself;
   *   <li>ridge, elastic net with a = 0: 10³ · tr(ZᵀZ)/(2Nd), where the weights are shrunk about a
   *       thousandfold.
   * </ul>
   *
   * @param trainer the penalty (its kind, intercept and standardisation; its own λ is ignored)
   * @param data the training rows
   * @param count the number of values, ≥ 2
   * @param ratio λ_min/λ_max, in (0, 1)
   * @return the λ values, decreasing from λ_max
   * @throws IllegalArgumentException when {@code count < 2} or {@code ratio} is outside (0, 1)
   */
  public static double[] defaultLambdas(PenalizedRegression trainer, Dataset data, int count, double ratio) {
    if (count < 2) {
      throw new IllegalArgumentException("The 'count' parameter of RegularizationPath.defaultLambdas must be >= 2. Got "
          + count + " instead.");
    }
    if (!(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException("The 'ratio' parameter of RegularizationPath.defaultLambdas must be in the"
          + " range (0, 1). Got " + ratio + " instead.");
    }
    Design des = Design.of(data, "RegularizationPath", trainer.fitIntercept(), trainer.standardize(), true,
        Precision.DOUBLE);
    Design.NormalEquations gram = des.gram();
    int n = gram.n(), d = des.d;
    double a = trainer instanceof Lasso ? 1 : trainer instanceof ElasticNet e ? e.l1Fraction() : 0;
    double max;
    if (a > 0) {
      double m = 0;
      for (double v : gram.c()) m = Math.max(m, Math.abs(v));
      max = m / (n * a);
    } else if (trainer instanceof BestSubset || trainer instanceof ForwardSelection) {
      max = gram.tt() / (2.0 * n);
    } else {
      double tr = 0;
      for (int j = 0; j < d; j++) tr += gram.g()[j][j];
      max = 1e3 * tr / (2.0 * n * d);
    }
    if (!(max > 0)) {
      throw new IllegalArgumentException("RegularizationPath: the data give lambda_max = " + max
          + " (constant target or features); there is nothing to regularise.");
    }
    double[] l = new double[count];
    for (int i = 0; i < count; i++) l[i] = max * Math.pow(ratio, i / (double) (count - 1));
    return l;
  }
}
