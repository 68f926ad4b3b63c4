package org.mlmp.linear;

import java.util.Random;
import org.mlmp.api.Dataset;

/**
 * Small data sets shared by the linear-model tests.
 *
 * <p>The scikit-learn reference values in RidgeTest, ElasticNetTest and ClassifierTest were produced with
 * scikit-learn 1.2.1 (Debian's /usr/bin/python3) by this script, on the data of {@link #reference()}:
 * <pre>
 * import numpy as np, sklearn
 * from sklearn.linear_model import Ridge, Lasso, ElasticNet, LogisticRegression, LinearRegression
 * n, d = 40, 5
 * i = np.arange(n)[:, None]; j = np.arange(d)[None, :]
 * X = np.sin(0.3 * (j + 1) * (i + 1) + j) + 0.05 * i * (j % 2)
 * y = 1.5 * X[:, 0] - 2 * X[:, 1] + 0.5 * X[:, 3] + 3 + 0.3 * np.cos(1.3 * np.arange(n))
 * np.set_printoptions(precision=17)
 * def show(name, m):
 *     print(name, repr(list(m.coef_.ravel())), repr(np.ravel(m.intercept_).tolist()))
 * print(sklearn.__version__)
 * N = n
 * show("ols", LinearRegression().fit(X, y))
 * lam = 0.05; show("ridge lam=0.05 alpha=2N lam", Ridge(alpha=2 * N * lam, solver="cholesky").fit(X, y))
 * lam = 0.02; show("lasso lam=0.02", Lasso(alpha=lam, tol=1e-14, max_iter=1000000).fit(X, y))
 * lam, a = 0.03, 0.6; show("enet lam=0.03 a=0.6", ElasticNet(alpha=lam * (2 - a), l1_ratio=a / (2 - a), tol=1e-14, max_iter=1000000).fit(X, y))
 * t = (y > np.median(y)).astype(float)
 * lam = 0.01; show("logistic lam=0.01 labels y>median", LogisticRegression(C=1 / (2 * N * lam), tol=1e-12, max_iter=10000).fit(X, t))
 * for s in ["newton-cholesky", "newton-cg", "lbfgs"]:
 *     show("logistic " + s, LogisticRegression(C=1 / (2 * N * lam), tol=1e-14, max_iter=100000, solver=s).fit(X, t))
 * # three classes by y tertiles, one-vs-rest
 * c3 = np.digitize(y, np.quantile(y, [1/3, 2/3])).astype(float)
 * show("logistic ovr 3 classes lam=0.01", LogisticRegression(C=1 / (2 * N * lam), tol=1e-14, max_iter=100000, solver="newton-cholesky", multi_class="ovr").fit(X, c3))
 * print("c3", c3.tolist())
 * </pre>
 */
public final class Fixtures {
  private Fixtures() {}

  /**
   * The scikit-learn reference data (n = 40, d = 5), defined identically in the script above:
   * x_ij = sin(0.3 (j+1)(i+1) + j) + 0.05 i (j mod 2); y = 1.5 x0 − 2 x1 + 0.5 x3 + 3 + 0.3 cos(1.3 i).
   */
  public static Dataset reference() {
    int n = 40, d = 5;
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) x[i][j] = Math.sin(0.3 * (j + 1) * (i + 1) + j) + 0.05 * i * (j % 2);
      y[i] = 1.5 * x[i][0] - 2 * x[i][1] + 0.5 * x[i][3] + 3 + 0.3 * Math.cos(1.3 * i);
    }
    return Dataset.of(x, y);
  }

  /** Labels 1 where y &gt; median(y), else 0 (the median of 40 values: mean of the 20th and 21st). */
  static double[] aboveMedian(double[] y) {
    double[] s = y.clone();
    java.util.Arrays.sort(s);
    double med = (s[19] + s[20]) / 2;
    double[] t = new double[y.length];
    for (int i = 0; i < y.length; i++) t[i] = y[i] > med ? 1 : 0;
    return t;
  }

  /**
   * Gaussian features with a planted sparse truth: y = 2 + Σ_{j ∈ support} beta_j x_j + noise·ε.
   */
  static Dataset planted(int n, int d, int[] support, double[] beta, double noise, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) x[i][j] = r.nextGaussian();
      double v = 2;
      for (int k = 0; k < support.length; k++) v += beta[k] * x[i][support[k]];
      y[i] = v + noise * r.nextGaussian();
    }
    return Dataset.of(x, y);
  }

  static double[] y(Dataset d) {
    return d.y().toDoubleVector();
  }
}
