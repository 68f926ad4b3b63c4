package org.mlmp.linear;

import org.mlmp.api.Precision;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.factory.Nd4j;

public class ClassifierTest {
  public static Dataset binary() {
    Dataset d = Fixtures.reference();
    return Dataset.of(d.x(), Nd4j.createFromArray(Fixtures.aboveMedian(Fixtures.y(d))));
  }

  /** The three-class labels (tertiles of y) printed by the script in {@link Fixtures}. */
  public static final double[] C3 = {1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 0, 0, 0, 1, 2, 2, 1, 1, 1, 1, 0, 0, 0, 1, 2, 2, 2, 2, 2, 1,
      0, 0, 0, 0, 0, 1, 1, 0, 1, 0};

  /**
   * scikit-learn 1.2.1 (script in {@link Fixtures}): {@code LogisticRegression(C=1/(2*40*0.01), tol=1e-14,
   * max_iter=100000, solver="newton-cholesky").fit(X, y > median)}; newton-cg agrees to 1e-9.
   */
  @Test
  void logisticMatchesScikitLearnUnderCEquals1Over2NLambda() {
    LinearClassifierModel m = LogisticRegression.of(0.01).fit(binary());
    assertArrayEquals(new double[] {1.7768341570420656, -2.221249815127325, -0.5911381776056891, 0.5167813006874407,
        0.2974872914014373}, m.coef().getRow(0).toDoubleVector(), 1e-8);
    assertEquals(1.648161836243704, m.intercept()[0], 1e-8);
    assertEquals(1 / (2 * 40 * 0.01), LogisticRegression.of(0.01).sklearnC(40), 1e-15);
  }

  /** scikit-learn 1.2.1: the same with {@code multi_class="ovr"} on the labels {@link #C3}. */
  @Test
  void oneVsRestLogisticMatchesScikitLearn() {
    Dataset d = Dataset.of(Fixtures.reference().x(), Nd4j.createFromArray(C3));
    LinearClassifierModel m = LogisticRegression.of(0.01).fit(d);
    double[] expected = {-0.9127224969685712, 2.583710100642056, 0.18378453825100202, -0.5574656807344831,
        -0.224781339849723, -0.7981748233857887, -0.22002688791619798, -0.6704191181880012, 0.15119325676921586,
        0.13143994322627714, 1.5293450919337679, -2.371079130997455, 0.3220429191756851, 0.5625515513697743,
        0.1421810155127539};
    double[][] c = m.coef().toDoubleMatrix();
    assertEquals(3, c.length);
    for (int k = 0; k < 3; k++) for (int j = 0; j < 5; j++) assertEquals(expected[5 * k + j], c[k][j], 1e-7);
    assertArrayEquals(new double[] {-3.2742305314390054, -0.7827571732455522, 0.6814032060064924}, m.intercept(), 1e-7);
    assertArrayEquals(new double[] {0, 1, 2}, m.classes(), 0);
  }

  @Test
  void leastSquaresClassifierIsOlsOnPlusMinusOneTargets() {
    Dataset d = binary();
    double[] y = Fixtures.y(d), t = new double[y.length];
    for (int i = 0; i < y.length; i++) t[i] = y[i] == 1 ? 1 : -1;
    LinearModel ols = OrdinaryLeastSquares.of().fit(Dataset.of(d.x(), Nd4j.createFromArray(t)));
    LinearClassifierModel m = LeastSquaresClassifier.of().fit(d);
    assertArrayEquals(ols.coef(), m.coef().getRow(0).toDoubleVector(), 1e-12);
    assertEquals(ols.intercept(), m.intercept()[0], 1e-12);
    double[] f = m.decisionFunction(d.x()).toDoubleVector(), p = m.predict(d.x()).toDoubleVector();
    for (int i = 0; i < f.length; i++) assertEquals(f[i] > 0 ? 1.0 : 0.0, p[i], "row " + i);
  }

  @Test
  void perceptronSeparatesSeparableDataAndKeepsTheOriginalLabels() {
    double[][] x = new double[30][2];
    double[] y = new double[30];
    java.util.Random r = new java.util.Random(4);
    for (int i = 0; i < 30; i++) {
      x[i][0] = r.nextGaussian();
      x[i][1] = r.nextGaussian();
      double s = x[i][0] + 0.5 * x[i][1] - 0.2;
      if (Math.abs(s) < 0.1) x[i][0] += 0.3 * Math.signum(s); // margin
      y[i] = x[i][0] + 0.5 * x[i][1] - 0.2 > 0 ? 7 : 3;
    }
    Dataset d = Dataset.of(x, y);
    LinearClassifierModel m = Perceptron.of(1).fit(d);
    assertEquals(1.0, m.accuracy(d.x(), d.y()));
    assertArrayEquals(new double[] {3, 7}, m.classes(), 0);
  }

  @Test
  void oneVsRestPredictsTheArgmaxOfTheDecisionFunctions() {
    Dataset d = Dataset.of(Fixtures.reference().x(), Nd4j.createFromArray(C3));
    LinearClassifierModel m = LeastSquaresClassifier.of().withLambda(0.01).fit(d);
    double[][] f = m.decisionFunction(d.x()).toDoubleMatrix();
    double[] p = m.predict(d.x()).toDoubleVector();
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int k = 1; k < 3; k++) if (f[i][k] > f[i][best]) best = k;
      assertEquals(best, p[i], 0);
    }
  }

  @Test
  void unpenalisedLogisticOnSeparableDataAsksForLambda() {
    Dataset d = Dataset.of(new double[][] {{0}, {1}, {2}, {3}}, new double[] {0, 0, 1, 1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogisticRegression.of(0).fit(d));
    assertEquals("LogisticRegression with lambda = 0.0 did not converge for class 1.0 against the rest of [0.0, 1.0]:"
        + " the classes look linearly separable, so the unpenalised cost has no minimum (the weights grow without"
        + " bound). Set lambda > 0.", e.getMessage());
  }

  @Test
  void oneClassIsRejected() {
    Dataset d = Dataset.of(new double[][] {{0}, {1}, {2}}, new double[] {5, 5, 5});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Perceptron.of(0).fit(d));
    assertEquals("Perceptron needs at least 2 classes in y; it has only the label 5.0.", e.getMessage());
  }

  /** 2000 × 100 Gaussian features, labels 1 where x0 + … + x4 + noise > 0: N·p² = 2.04e7, above the gemm threshold. */
  static Dataset gemmSized(long seed) {
    java.util.Random r = new java.util.Random(seed);
    int n = 2000, d = 100;
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double f = 0;
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextGaussian();
        if (j < 5) f += x[i][j];
      }
      y[i] = f + r.nextGaussian() > 0 ? 1 : 0;
    }
    return Dataset.of(x, y);
  }

  /** Above N·p² = 2e7 the Newton Hessian is one gemm; the fit must still satisfy the optimality conditions. */
  @Test
  void largeLogisticFitUsesTheGemmHessianAndAgreesWithTheSmallPath() {
    int n = 2000, d = 100; // n p² = 2.04e7 > 2e7: the gemm path
    Dataset big = gemmSized(12);
    double[][] x = big.x().toDoubleMatrix();
    double[] y = big.y().toDoubleVector();
    LinearClassifierModel m = LogisticRegression.of(0.01).fit(big);
    // check the optimality conditions directly, recomputed here from the raw data:
    // ∇L = (1/N) Σ −t σ(−t f) x + 2λw = 0 for the weights, Σ −t σ(−t f) = 0 for the intercept
    double[] w = m.coef().getRow(0).toDoubleVector();
    double b = m.intercept()[0];
    double[] g = new double[d + 1];
    for (int i = 0; i < n; i++) {
      double f = b, t = y[i] == 1 ? 1 : -1;
      for (int j = 0; j < d; j++) f += w[j] * x[i][j];
      double q = -t / (1 + Math.exp(t * f));
      for (int j = 0; j < d; j++) g[j] += q * x[i][j] / n;
      g[d] += q / n;
    }
    for (int j = 0; j < d; j++) assertEquals(0, g[j] + 2 * 0.01 * w[j], 1e-9, "weight " + j);
    assertEquals(0, g[d], 1e-9, "intercept");
  }

  /**
   * Precision.FLOAT: the least-squares classifier (single-precision Gram) and logistic regression (float
   * rows; the gemm Hessian in float) against the same fits in double, and against scikit-learn 1.2.1
   * (script in {@link Fixtures}) to the digits float allows.
   */
  @Test
  void floatClassifiersAgreeWithDoubleToSingleDigits() {
    Dataset d = binary();
    LinearClassifierModel lsD = LeastSquaresClassifier.of().withLambda(0.01).fit(d);
    LinearClassifierModel lsF = LeastSquaresClassifier.of().withLambda(0.01).withPrecision(Precision.FLOAT).fit(d);
    assertArrayEquals(lsD.coef().getRow(0).toDoubleVector(), lsF.coef().getRow(0).toDoubleVector(), 1e-5);
    assertEquals(lsD.intercept()[0], lsF.intercept()[0], 1e-5);
    assertEquals("FLOAT", lsF.toState().config().path("precision").asText());
    LinearClassifierModel lr = LogisticRegression.of(0.01).withPrecision(Precision.FLOAT).fit(d);
    assertArrayEquals(new double[] {1.7768341570420656, -2.221249815127325, -0.5911381776056891, 0.5167813006874407,
        0.2974872914014373}, lr.coef().getRow(0).toDoubleVector(), 1e-5);
    assertEquals(1.648161836243704, lr.intercept()[0], 1e-5);
    assertEquals("FLOAT", lr.toState().config().path("precision").asText());
  }

  /** N·p² above 2e7: the Hessian is one gemm, in float for FLOAT; the fits agree to 1e-5. */
  @Test
  void floatLogisticOnTheGemmPathAgreesWithDouble() {
    Dataset big = gemmSized(13);
    LinearClassifierModel md = LogisticRegression.of(0.01).fit(big);
    LinearClassifierModel mf = LogisticRegression.of(0.01).withPrecision(Precision.FLOAT).fit(big);
    assertArrayEquals(md.coef().getRow(0).toDoubleVector(), mf.coef().getRow(0).toDoubleVector(), 1e-5);
    assertEquals(md.intercept()[0], mf.intercept()[0], 1e-5);
  }

  /**
   * The perceptron's updates add ±rows: with small integer features every sum is exact in float, so the
   * FLOAT fit equals the DOUBLE fit exactly (same seeded order), and both separate the data.
   */
  @Test
  void floatPerceptronEqualsDoubleOnIntegerFeatures() {
    java.util.Random r = new java.util.Random(5);
    int n = 200;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s;
      do {
        for (int j = 0; j < 3; j++) x[i][j] = r.nextInt(21) - 10;
        s = 2 * x[i][0] - x[i][1] + x[i][2] - 1;
      } while (s == 0);
      y[i] = s > 0 ? 1 : -1;
    }
    Dataset d = Dataset.of(x, y);
    LinearClassifierModel pd = Perceptron.of(3).fit(d);
    LinearClassifierModel pf = Perceptron.of(3).withPrecision(Precision.FLOAT).fit(d);
    assertEquals(1.0, pd.accuracy(d.x(), d.y()));
    assertArrayEquals(pd.coef().getRow(0).toDoubleVector(), pf.coef().getRow(0).toDoubleVector(), 0.0);
    assertEquals(pd.intercept()[0], pf.intercept()[0], 0.0);
    assertEquals(pd.toState().config().path("epochs").asInt(), pf.toState().config().path("epochs").asInt());
    assertEquals("FLOAT", pf.toState().config().path("precision").asText());
  }

  @Test
  void nullPrecisionIsRejectedWithTheParameterName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Perceptron.of(0).withMaxEpochs(10)
        .withPrecision(null));
    assertEquals("The 'precision' parameter of Perceptron must not be null; use DOUBLE.", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> LogisticRegression.of(0.1).withPrecision(null));
    assertEquals("The 'precision' parameter of LogisticRegression must not be null; use DOUBLE.", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> LeastSquaresClassifier.of().withPrecision(null));
    assertEquals("The 'precision' parameter of LeastSquaresClassifier must not be null; use DOUBLE.", e.getMessage());
  }
}
