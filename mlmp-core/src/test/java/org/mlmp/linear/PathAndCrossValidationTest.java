package org.mlmp.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;

class PathAndCrossValidationTest {
  static Dataset planted() {
    return Fixtures.planted(120, 12, new int[] {1, 5, 8}, new double[] {1.5, -1, 0.6}, 0.5, 17);
  }

  @Test
  void defaultLambdasAreLogSpacedFromLambdaMax() {
    Dataset d = planted();
    double[] l = RegularizationPath.defaultLambdas(Lasso.of(0), d, 11, 1e-2);
    assertEquals(11, l.length);
    assertEquals(l[0] * 1e-2, l[10], 1e-12 * l[0]);
    for (int i = 1; i < l.length; i++) assertEquals(Math.pow(1e-2, 0.1), l[i] / l[i - 1], 1e-12);
    assertEquals(0, Lasso.of(l[0]).fit(d).nonZeroCount());
  }

  @Test
  void crossValidationMeanIsTheAverageOfTheFoldMses() {
    Dataset d = planted();
    double[] lambdas = {0.3, 0.05, 0.01};
    CrossValidation cv = CrossValidation.run(Lasso.of(0), d, lambdas, 4, 9);
    double manual = 0;
    for (Partition.Fold f : Partition.kFold(d.nSamples(), 4, 9)) {
      Dataset tr = d.rows(f.train()), va = d.rows(f.validation());
      manual += Lasso.of(0.05).fit(tr).mse(va.x(), va.y()) / 4;
    }
    assertEquals(manual, cv.meanMse()[1], 1e-9);
    double[] m = cv.meanMse();
    int best = m[0] <= m[1] && m[0] <= m[2] ? 0 : m[1] <= m[2] ? 1 : 2;
    assertEquals(lambdas[best], cv.bestLambda(), 0);
  }

  @Test
  void crossValidationPicksAnInteriorLambdaForRidgeOnNoisyData() {
    Dataset d = Fixtures.planted(40, 30, new int[] {0, 1}, new double[] {1, -1}, 2.0, 3);
    Ridge r = Ridge.of(0);
    double[] lambdas = RegularizationPath.defaultLambdas(r, d, 25, 1e-6);
    CrossValidation cv = CrossValidation.run(r, d, lambdas, 5, 1);
    assertTrue(cv.bestLambda() < lambdas[0] && cv.bestLambda() > lambdas[24], "best " + cv.bestLambda());
  }

  /** The path's rows are the Lasso fits at each λ (its PNG: org.mlmp.cli.plots.PlotsTest in mlmp-examples). */
  @Test
  void pathRowsAreTheFitsAtEachLambda() {
    Dataset d = planted();
    Lasso lasso = Lasso.of(0);
    double[] lambdas = RegularizationPath.defaultLambdas(lasso, d, 20, 1e-3);
    RegularizationPath path = RegularizationPath.fit(lasso, d, lambdas);
    assertArrayEquals(lasso.path(d, lambdas).get(7).coef(), path.coef()[7], 0);
  }

  @Test
  void badGridArgumentsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RegularizationPath.defaultLambdas(Lasso.of(0), planted(), 1, 0.1));
    assertEquals("The 'count' parameter of RegularizationPath.defaultLambdas must be >= 2. Got 1 instead.",
        e.getMessage());
  }

  @Test
  void oneStandardErrorLambdaIsTheLargestWithinOneSeOfTheMinimum() {
    CrossValidation cv = new CrossValidation(new double[] {10, 1, 0.1, 0.01}, new double[] {5, 2.05, 2.0, 2.2},
        new double[] {0.5, 0.1, 0.1, 0.1}, 0.1, 5);
    assertEquals(1, cv.oneStandardErrorLambda(), 0);
    CrossValidation tight = new CrossValidation(new double[] {10, 1, 0.1}, new double[] {5, 2.5, 2.0},
        new double[] {0.5, 0.1, 0.1}, 0.1, 5);
    assertEquals(0.1, tight.oneStandardErrorLambda(), 0);
  }
}
