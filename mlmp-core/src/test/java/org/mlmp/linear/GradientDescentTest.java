package org.mlmp.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlmp.api.Dataset;

class GradientDescentTest {
  /** x = 0, 1, 2, 3; y = 1 + 2x + small wiggle. */
  static Dataset line() {
    return Dataset.of(new double[][] {{0}, {1}, {2}, {3}}, new double[] {1.1, 2.9, 5.2, 6.8});
  }

  /**
   * By hand: X̃ = [x, 1], H = (1/4) X̃ᵀX̃ = [[14/4, 6/4], [6/4, 1]] = [[3.5, 1.5], [1.5, 1]];
   * λ_max = (4.5 + √(4.5² − 4·1.25))/2.
   */
  static final double LAMBDA_MAX = (4.5 + Math.sqrt(4.5 * 4.5 - 4 * 1.25)) / 2;

  @Test
  void divergenceStopsWithTheStableBoundInTheMessage() {
    DivergenceException e = assertThrows(DivergenceException.class, () -> GradientDescent.of(0.6).fit(line()));
    assertEquals(2 / LAMBDA_MAX, e.maxStableLearningRate(), 1e-9);
    String bound = String.format(Locale.ROOT, "%.6g", 2 / LAMBDA_MAX);
    String lmax = String.format(Locale.ROOT, "%.6g", LAMBDA_MAX);
    assertTrue(e.getMessage().startsWith("GradientDescent diverged at iteration "), e.getMessage());
    assertTrue(e.getMessage().contains("with learningRate = 0.6. The Hessian of the cost, H = (1/N) X̃ᵀX̃ with"
        + " X̃ = [X, 1], has largest eigenvalue λ_max = " + lmax + ", so gradient descent is stable only for"
        + " learningRate < 2/λ_max = " + bound + ". Try learningRate = "), e.getMessage());
  }

  @Test
  void justBelowTheBoundConvergesToTheLeastSquaresSolution() {
    double alpha = 0.99 * 2 / LAMBDA_MAX;
    LinearModel gd = GradientDescent.of(alpha).fit(line());
    LinearModel ols = OrdinaryLeastSquares.of().fit(line());
    assertArrayEquals(ols.coef(), gd.coef(), 1e-6);
    assertEquals(ols.intercept(), gd.intercept(), 1e-6);
  }

  @Test
  void costHistoryStartsAtC0AndFallsMonotonically() {
    LinearModel m = GradientDescent.of(0.1).fit(line());
    double[] h = m.costHistory();
    double c0 = (1.1 * 1.1 + 2.9 * 2.9 + 5.2 * 5.2 + 6.8 * 6.8) / 8; // C(0) = Σy²/(2N)
    assertEquals(c0, h[0], 1e-14);
    for (int k = 1; k < h.length; k++) assertTrue(h[k] <= h[k - 1] + 1e-15, "cost rose at iteration " + k);
    // the final cost is the least-squares minimum
    LinearModel ols = OrdinaryLeastSquares.of().fit(line());
    assertEquals(ols.mse(line().x(), line().y()) / 2, h[h.length - 1], 1e-10);
  }

  @Test
  void batchGradientDescentWithStandardizationMatchesOlsOnTheReferenceData() {
    Dataset d = Fixtures.reference();
    LinearModel gd = GradientDescent.of(0.3).withStandardize(true).fit(d);
    LinearModel ols = OrdinaryLeastSquares.of().fit(d);
    assertArrayEquals(ols.coef(), gd.coef(), 1e-6);
    assertEquals(ols.intercept(), gd.intercept(), 1e-6);
  }

  @Test
  void ridgeByGradientDescentEqualsClosedFormRidge() {
    Dataset d = Fixtures.reference();
    LinearModel gd = GradientDescent.of(0.3).withStandardize(true).withLambda(0.05).fit(d);
    LinearModel ridge = Ridge.of(0.05).withStandardize(true).fit(d);
    assertArrayEquals(ridge.coef(), gd.coef(), 1e-6);
  }

  @Test
  void miniBatchIsSeededAndApproachesTheSolution() {
    Dataset d = Fixtures.reference();
    GradientDescent mb = GradientDescent.of(0.05).withStandardize(true).withBatchSize(8, 42).withMaxIterations(400)
        .withTolerance(0);
    LinearModel a = mb.fit(d), b = mb.fit(d), c = mb.withBatchSize(8, 43).fit(d);
    assertArrayEquals(a.coef(), b.coef(), 0);
    assertFalse(java.util.Arrays.equals(a.coef(), c.coef()), "another seed should visit another order");
    assertArrayEquals(OrdinaryLeastSquares.of().fit(d).coef(), a.coef(), 0.05);
    assertEquals(401, a.costHistory().length);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.1, Double.NaN})
  void badLearningRateIsRejectedWithTheValue(double alpha) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientDescent.of(alpha));
    assertEquals("The 'learningRate' parameter of GradientDescent must be a finite number > 0. Got " + alpha
        + " instead.", e.getMessage());
  }

  @Test
  void saveLoadKeepsTheCostHistoryAndTheStandardization(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    LinearModel m = GradientDescent.of(0.3).withStandardize(true).fit(Fixtures.reference());
    java.nio.file.Path f = dir.resolve("gd.mlmp");
    org.mlmp.io.ModelFile.save(m, f);
    LinearModel back = org.mlmp.io.ModelFile.load(f, LinearModel.class);
    assertArrayEquals(m.costHistory(), back.costHistory(), 0);
    assertArrayEquals(m.standardization().orElseThrow().scale(), back.standardization().orElseThrow().scale(), 0);
    assertArrayEquals(m.coef(), back.coef(), 0);
    assertEquals("linear.gd", back.type());
  }

  @Test
  void miniBatchDivergenceIsReportedToo() {
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> GradientDescent.of(5).withBatchSize(2, 0).fit(line()));
    assertEquals(2 / LAMBDA_MAX, e.maxStableLearningRate(), 1e-9);
  }
}
