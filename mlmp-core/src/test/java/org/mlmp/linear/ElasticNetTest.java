package org.mlmp.linear;

import org.mlmp.api.Precision;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlmp.api.Dataset;

class ElasticNetTest {
  /**
   * The largest violation of the elastic net's optimality conditions at (w, w0), recomputed here from
   * the raw data (no shared code), relative to ‖Xcᵀyc‖∞/N: with r = y − Xw − w0, g_j = −(1/N) Σ x_ij r_i +
   * 2λ(1−a) w_j must equal −λa sign(w_j) for w_j ≠ 0 and satisfy |g_j| ≤ λa for w_j = 0; and Σ r_i = 0
   * (the unpenalised intercept).
   */
  static double relativeKkt(Dataset data, LinearModel m, double lambda, double a) {
    double[][] x = data.x().toDoubleMatrix();
    double[] y = data.y().toDoubleVector(), w = m.coef();
    int n = x.length, d = w.length;
    double[] r = new double[n];
    double rsum = 0;
    for (int i = 0; i < n; i++) {
      double f = m.intercept();
      for (int j = 0; j < d; j++) f += w[j] * x[i][j];
      r[i] = y[i] - f;
      rsum += r[i];
    }
    double ymean = 0;
    for (double v : y) ymean += v / n;
    double scale = 0, worst = Math.abs(rsum / n);
    for (int j = 0; j < d; j++) {
      double xm = 0;
      for (int i = 0; i < n; i++) xm += x[i][j] / n;
      double g = 0, c = 0;
      for (int i = 0; i < n; i++) {
        g -= x[i][j] * r[i] / n;
        c += (x[i][j] - xm) * (y[i] - ymean) / n;
      }
      g += 2 * lambda * (1 - a) * w[j];
      scale = Math.max(scale, Math.abs(c));
      double v = w[j] != 0 ? Math.abs(g + lambda * a * Math.signum(w[j])) : Math.max(0, Math.abs(g) - lambda * a);
      worst = Math.max(worst, v);
    }
    return worst / scale;
  }

  @ParameterizedTest
  @CsvSource({"0.001, 1", "0.02, 1", "0.2, 1", "0.03, 0.6", "0.1, 0.3", "0.05, 0"})
  void solutionSatisfiesTheKktConditionsTo1e8(double lambda, double a) {
    Dataset d = Fixtures.reference();
    LinearModel m = a == 1 ? Lasso.of(lambda).fit(d) : ElasticNet.of(lambda, a).fit(d);
    double kkt = relativeKkt(d, m, lambda, a);
    assertTrue(kkt <= 1e-8, "relative KKT violation " + kkt);
  }

  @Test
  void kktHoldsAlongAWarmStartedPathOnPlantedData() {
    Dataset d = Fixtures.planted(200, 30, new int[] {3, 7, 20}, new double[] {2, -1.5, 0.8}, 0.5, 11);
    ElasticNet en = ElasticNet.of(0, 0.7);
    double[] lambdas = RegularizationPath.defaultLambdas(en, d, 30, 1e-3);
    List<LinearModel> path = en.path(d, lambdas);
    for (int i = 0; i < lambdas.length; i++) {
      double kkt = relativeKkt(d, path.get(i), lambdas[i], 0.7);
      assertTrue(kkt <= 1e-8, "lambda " + lambdas[i] + ": relative KKT violation " + kkt);
    }
    assertEquals(0, path.get(0).nonZeroCount(), "at lambda_max every weight is 0");
    assertTrue(path.get(lambdas.length - 1).nonZeroCount() > 3);
  }

  @Test
  void pathWithWarmStartsEqualsIndependentFits() {
    Dataset d = Fixtures.reference();
    double[] lambdas = {0.5, 0.1, 0.02, 0.004};
    List<LinearModel> path = Lasso.of(0).path(d, lambdas);
    for (int i = 0; i < lambdas.length; i++) {
      assertArrayEquals(Lasso.of(lambdas[i]).fit(d).coef(), path.get(i).coef(), 1e-8);
    }
  }

  /**
   * scikit-learn 1.2.1 (/usr/bin/python3, script in {@link Fixtures}):
   * {@code Lasso(alpha=0.02, tol=1e-14, max_iter=1000000).fit(X, y)}.
   */
  @Test
  void lassoMatchesScikitLearnWithAlphaEqualLambda() {
    LinearModel m = Lasso.of(0.02).fit(Fixtures.reference());
    assertArrayEquals(new double[] {1.4728756188317287, -1.9775246222347085, 0.0004919299663817271, 0.5275512480304704,
        0}, m.coef(), 1e-8);
    assertEquals(2.962014599923049, m.intercept(), 1e-8);
    assertEquals(0.0, m.coef()[4], 0.0, "exactly zero");
  }

  /**
   * scikit-learn 1.2.1: {@code ElasticNet(alpha=0.03*(2-0.6), l1_ratio=0.6/(2-0.6), tol=1e-14,
   * max_iter=1000000).fit(X, y)}, i.e. λ = 0.03, a = 0.6 under the documented mapping.
   */
  @Test
  void elasticNetMatchesScikitLearnUnderTheDocumentedMapping() {
    ElasticNet en = ElasticNet.of(0.03, 0.6);
    assertEquals(0.03 * 1.4, en.sklearnAlpha(), 1e-15);
    assertEquals(0.6 / 1.4, en.sklearnL1Ratio(), 1e-15);
    LinearModel m = en.fit(Fixtures.reference());
    assertArrayEquals(new double[] {1.4188710750723312, -1.9124998141702156, 0.0067217016264571805, 0.4855179725460082,
        0}, m.coef(), 1e-8);
    assertEquals(2.9411258907591167, m.intercept(), 1e-8);
  }

  @Test
  void elasticNetWithL1FractionZeroIsRidge() {
    Dataset d = Fixtures.reference();
    assertArrayEquals(Ridge.of(0.05).fit(d).coef(), ElasticNet.of(0.05, 0).withTolerance(1e-12).fit(d).coef(), 1e-9);
  }

  @Test
  void lambdaMaxZeroesEveryWeightAndSlightlyLessDoesNot() {
    Dataset d = Fixtures.reference();
    double lmax = RegularizationPath.defaultLambdas(Lasso.of(0), d, 2, 0.5)[0];
    assertEquals(0, Lasso.of(lmax).fit(d).nonZeroCount());
    assertEquals(1, Lasso.of(lmax * 0.999).fit(d).nonZeroCount());
  }

  @Test
  void badL1FractionIsRejectedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ElasticNet.of(0.1, 1.5));
    assertEquals("The 'l1Fraction' parameter of ElasticNet must be in the range [0, 1]. Got 1.5 instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Lasso.of(-0.5));
    assertEquals("The 'lambda' parameter of Lasso must be a finite number >= 0. Got -0.5 instead.", e.getMessage());
  }

  @Test
  void floatPrecisionAgreesWithDoubleToSinglePrecisionAccuracy() {
    Dataset d = Fixtures.reference();
    LinearModel dbl = Lasso.of(0.02).fit(d), flt = Lasso.of(0.02).withPrecision(Precision.FLOAT).fit(d);
    assertArrayEquals(dbl.coef(), flt.coef(), 1e-4);
    assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, flt.predict(d.x()).dataType());
  }
}
