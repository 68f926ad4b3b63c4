package org.mlmp.linear;

import org.mlmp.api.ClassLabels;
import org.mlmp.api.Precision;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;

/**
 * The least-squares classifier of the course: labels encoded as t = ±1 (+1 for class A), f(x) = w·x + w0
 * fitted by (ridge) least squares, min 1/(2N) Σ_j (f(x_j) − t_j)² + λ‖w‖², and f(x) &gt; 0 ⇒ class A.
 * Two classes give one problem (A = the larger label); K &gt; 2 classes give K one-vs-rest problems
 * (see {@link LinearClassifierModel}). Solved in closed form as {@link Ridge} (λ = 0: {@link OrdinaryLeastSquares}).
 *
 * <p>scikit-learn: {@code RidgeClassifier(alpha = 2Nλ)} (which also encodes the labels as ±1).
 * Reference: Hastie et al., ESL §4.2; C. M. Bishop, Pattern Recognition and Machine Learning, §4.1.3.
 *
 * @param lambda ridge penalty λ ≥ 0 (default 0)
 * @param fitIntercept fit an unpenalised w0 (default true)
 * @param standardize standardise the columns first
 * @param precision of the Gram products, as for {@link Ridge} (default DOUBLE; FLOAT: single-precision
 *     products, double solves)
 * @param allowManyClasses accept labels a classifier would otherwise refuse as a likely real-valued
 *     target: non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} distinct ones
 *     (default false; see {@link org.mlmp.api.ClassLabels})
 */
public record LeastSquaresClassifier(double lambda, boolean fitIntercept, boolean standardize, Precision precision,
    boolean allowManyClasses)
    implements Trainer<LinearClassifierModel> {
  /**
   * Validates the components.
   *
   * @param lambda ridge penalty λ ≥ 0 (default 0)
   * @param fitIntercept fit an unpenalised w0 (default true)
   * @param standardize standardise the columns first
   * @param precision of the Gram products, as for {@link Ridge} (default DOUBLE; FLOAT: single-precision
   *     products, double solves)
   * @param allowManyClasses accept labels a classifier would otherwise refuse as a likely real-valued
   *     target: non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} distinct ones
   *     (default false; see {@link org.mlmp.api.ClassLabels})
   * @throws IllegalArgumentException when {@code lambda} is negative or not finite
   * @throws NullPointerException when {@code precision} is null
   */
  public LeastSquaresClassifier {
    ElasticNet.check("LeastSquaresClassifier", lambda, 1, 1, precision);
  }

  /**
   * A copy with another precision of the Gram products.
   *
   * @param p DOUBLE or FLOAT
   * @return the copy
   * @throws NullPointerException when {@code p} is null
   */
  public LeastSquaresClassifier withPrecision(Precision p) {
    return new LeastSquaresClassifier(lambda, fitIntercept, standardize, p, allowManyClasses);
  }

  /**
   * This configuration with {@code allowManyClasses} set (see {@link org.mlmp.api.ClassLabels}).
   *
   * @param allow accept non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} classes
   * @return the copy
   */
  public LeastSquaresClassifier withAllowManyClasses(boolean allow) {
    return new LeastSquaresClassifier(lambda, fitIntercept, standardize, precision, allow);
  }

  @Override
  public LinearClassifierModel fit(Dataset data) {
    double[] y = Labels.y(data, "LeastSquaresClassifier");
    double[] classes = Labels.classes(y, "LeastSquaresClassifier", allowManyClasses);
    double[] pos = Labels.positives(classes);
    double[][] w = new double[pos.length][];
    double[] b = new double[pos.length];
    Design des = null;
    for (int k = 0; k < pos.length; k++) {
      des = Design.of(data, Labels.signs(y, pos[k]), fitIntercept, standardize, true, precision);
      w[k] = des.rawCoef(LeastSquares.solve(des, lambda, LeastSquaresSolver.AUTO, "LeastSquaresClassifier").w());
      b[k] = des.rawIntercept(w[k]);
    }
    return new LinearClassifierModel("linear.least-squares-classifier", this, LinearFiles.facts(), ClassLabels.forClasses(classes, data), w, b, des.standardization(), -1);
  }

  /**
   * OLS on ±1 targets: λ = 0, with intercept, raw columns, double precision, refusing a likely real-valued
   * target.
   *
   * @return the configuration with every default
   */
  public static LeastSquaresClassifier of() {
    return new LeastSquaresClassifier(0, true, false, Precision.DOUBLE, false);
  }

  /**
   * This configuration with another ridge penalty.
   *
   * @param l λ ≥ 0
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public LeastSquaresClassifier withLambda(double l) {
    return new LeastSquaresClassifier(l, fitIntercept, standardize, precision, allowManyClasses);
  }

  /**
   * This configuration with {@code fitIntercept} set.
   *
   * @param f fit an unpenalised w0
   * @return a copy with the new value
   */
  public LeastSquaresClassifier withFitIntercept(boolean f) {
    return new LeastSquaresClassifier(lambda, f, standardize, precision, allowManyClasses);
  }

  /**
   * This configuration with {@code standardize} set.
   *
   * @param s standardise the columns first
   * @return a copy with the new value
   */
  public LeastSquaresClassifier withStandardize(boolean s) {
    return new LeastSquaresClassifier(lambda, fitIntercept, s, precision, allowManyClasses);
  }
}
