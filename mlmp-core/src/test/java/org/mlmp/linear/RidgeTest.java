package org.mlmp.linear;

import org.mlmp.api.Precision;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlmp.api.Dataset;

class RidgeTest {
  /**
   * Independent closed form: the (d+1)×(d+1) normal equations of the augmented design [1, X] with the
   * intercept unpenalised, [[N, 1ᵀX], [Xᵀ1, XᵀX + 2Nλ I]] (w0, w) = (Σy, Xᵀy), solved by Gaussian
   * elimination with partial pivoting (no centring, no shared code).
   */
  static double[] augmentedNormalEquations(Dataset data, double lambda) {
    double[][] x = data.x().toDoubleMatrix();
    double[] y = data.y().toDoubleVector();
    int n = x.length, d = x[0].length, p = d + 1;
    double[][] a = new double[p][p + 1];
    for (int i = 0; i < n; i++) {
      double[] r = new double[p];
      r[0] = 1;
      System.arraycopy(x[i], 0, r, 1, d);
      for (int u = 0; u < p; u++) {
        for (int v = 0; v < p; v++) a[u][v] += r[u] * r[v];
        a[u][p] += r[u] * y[i];
      }
    }
    for (int j = 1; j < p; j++) a[j][j] += 2 * n * lambda;
    for (int c = 0; c < p; c++) {
      int piv = c;
      for (int r = c + 1; r < p; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      for (int r = c + 1; r < p; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k <= p; k++) a[r][k] -= f * a[c][k];
      }
    }
    double[] s = new double[p];
    for (int r = p - 1; r >= 0; r--) {
      double v = a[r][p];
      for (int k = r + 1; k < p; k++) v -= a[r][k] * s[k];
      s[r] = v / a[r][r];
    }
    return s; // (w0, w1..wd)
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1e-4, 0.05, 3})
  void ridgeEqualsTheIndependentClosedForm(double lambda) {
    Dataset d = Fixtures.reference();
    double[] s = augmentedNormalEquations(d, lambda);
    for (LeastSquaresSolver solver : LeastSquaresSolver.values()) {
      LinearModel m = Ridge.of(lambda).withSolver(solver).fit(d);
      assertEquals(s[0], m.intercept(), 1e-10 * Math.abs(s[0]), solver + " intercept");
      for (int j = 0; j < 5; j++) assertEquals(s[j + 1], m.coef()[j], 1e-10, solver + " coef " + j);
    }
  }

  /**
   * scikit-learn 1.2.1 (/usr/bin/python3; the script is in the comment of {@link Fixtures}):
   * {@code Ridge(alpha=2*N*0.05, solver="cholesky").fit(X, y)} with N = 40.
   */
  @Test
  void ridgeMatchesScikitLearnUnderAlphaEquals2NLambda() {
    LinearModel m = Ridge.of(0.05).fit(Fixtures.reference());
    assertArrayEquals(new double[] {1.294211816613259, -1.7519084456946359, 0.04238310211018606, 0.39947794752393784,
        -0.006780550027706151}, m.coef(), 1e-10);
    assertEquals(2.8735246504395615, m.intercept(), 1e-10);
  }

  /** scikit-learn 1.2.1 {@code LinearRegression().fit(X, y)} on the same data. */
  @Test
  void olsMatchesScikitLearn() {
    LinearModel m = OrdinaryLeastSquares.of().fit(Fixtures.reference());
    assertArrayEquals(new double[] {1.5133157207202195, -2.0109191142412817, 0.041549002790825164, 0.5700305855976255,
        0.0001127245565216803}, m.coef(), 1e-11);
    assertEquals(2.954724946578815, m.intercept(), 1e-11);
  }

  @Test
  void standardizedRidgeEqualsRidgeOnStandardizedColumnsMappedBack() {
    Dataset d = Fixtures.reference();
    var st = org.mlmp.data.Standardization.fit(d.x());
    LinearModel onZ = Ridge.of(0.05).fit(d.withX(st.transform(d.x())));
    LinearModel m = Ridge.of(0.05).withStandardize(true).fit(d);
    for (int j = 0; j < 5; j++) assertEquals(onZ.coef()[j] / st.scale()[j], m.coef()[j], 1e-12);
    assertArrayEquals(onZ.predict(st.transform(d.x())).toDoubleVector(), m.predict(d.x()).toDoubleVector(), 1e-11);
    assertArrayEquals(st.scale(), m.standardization().orElseThrow().scale(), 1e-14);
  }

  @Test
  void withoutInterceptTheFitGoesThroughTheOrigin() {
    Dataset d = Fixtures.reference();
    LinearModel m = Ridge.of(0.01).withFitIntercept(false).fit(d);
    assertEquals(0, m.intercept());
    // normal equations without intercept: (XᵀX + 2Nλ I) w = Xᵀy
    double[][] x = d.x().toDoubleMatrix();
    double[] y = d.y().toDoubleVector(), w = m.coef();
    for (int j = 0; j < 5; j++) {
      double lhs = 2 * 40 * 0.01 * w[j], rhs = 0;
      for (int i = 0; i < 40; i++) {
        double f = 0;
        for (int k = 0; k < 5; k++) f += x[i][k] * w[k];
        lhs += x[i][j] * f;
        rhs += x[i][j] * y[i];
      }
      assertEquals(rhs, lhs, 1e-10 * Math.abs(rhs) + 1e-12);
    }
  }

  @Test
  void floatPrecisionAgreesWithDoubleToSinglePrecisionAccuracy() {
    Dataset d = Fixtures.reference();
    LinearModel dbl = Ridge.of(0.05).fit(d), flt = Ridge.of(0.05).withPrecision(Precision.FLOAT).fit(d);
    assertArrayEquals(dbl.coef(), flt.coef(), 1e-4);
    assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, flt.predict(d.x()).dataType());
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
  void badLambdaIsRejectedWithTheValue(double lambda) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ridge.of(lambda));
    assertEquals("The 'lambda' parameter of Ridge must be a finite number >= 0. Got " + lambda + " instead.",
        e.getMessage());
  }

  @Test
  void twoTargetColumnsAreRefusedNamingTheShape() {
    Dataset d = Dataset.of(org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 6, 2),
        org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 6, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ridge.of(0.1).fit(d));
    assertEquals("Ridge fits one target; y has shape [6, 2]. Fit one model per target column.", e.getMessage());
  }

  @Test
  void choleskyOnCollinearColumnsSaysSoAndAutoFallsBackToQr() {
    double[][] x = new double[10][2];
    double[] y = new double[10];
    for (int i = 0; i < 10; i++) {
      x[i][0] = i;
      x[i][1] = 2 * i; // exactly collinear
      y[i] = 3 * i + 1;
    }
    Dataset d = Dataset.of(x, y);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OrdinaryLeastSquares.of().withSolver(LeastSquaresSolver.CHOLESKY).fit(d));
    assertEquals("OrdinaryLeastSquares: the normal equations ZᵀZ + 2Nλ I are singular to working precision (collinear"
        + " or constant features with lambda = 0.0). Use LeastSquaresSolver.QR or AUTO, or lambda > 0.", e.getMessage());
    LinearModel m = OrdinaryLeastSquares.of().fit(d);
    assertArrayEquals(new double[] {3, 0}, m.coef(), 1e-12); // QR gives the dependent column weight 0
    assertEquals(1, m.intercept(), 1e-12);
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void predictionsAreXwPlusW0(Precision p) {
    Dataset d = Fixtures.reference();
    LinearModel m = Ridge.of(0.1).withPrecision(p).fit(d);
    double[][] x = d.x().toDoubleMatrix();
    double[] pred = m.predict(d.x()).toDoubleVector();
    for (int i = 0; i < x.length; i++) {
      double f = m.intercept();
      for (int j = 0; j < 5; j++) f += m.coef()[j] * x[i][j];
      assertEquals(f, pred[i], p == Precision.DOUBLE ? 1e-12 : 1e-5);
    }
  }

  @Test
  void ridgePathEqualsIndependentFits() {
    Dataset d = Fixtures.reference();
    double[] lambdas = {10, 0.3, 1e-3, 0};
    var path = Ridge.of(0).path(d, lambdas);
    for (int i = 0; i < lambdas.length; i++) {
      assertArrayEquals(Ridge.of(lambdas[i]).fit(d).coef(), path.get(i).coef(), 1e-13);
      assertEquals(lambdas[i], path.get(i).toState().config().path("lambda").asDouble(), 0);
    }
  }
}
