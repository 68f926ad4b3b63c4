package org.mlmp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reference values: by hand where the comment says so, else from scikit-learn 1.2.1 (numpy 1.24.2,
 * Debian 12's /usr/bin/python3 + python3-sklearn), script {@code src/test/resources/org/mlmp/api/metrics_reference.py}.
 */
class MetricsTest {
  private static final INDArray Y = Nd4j.createFromArray(3.0, -0.5, 2.0, 7.0);
  private static final INDArray P = Nd4j.createFromArray(2.5, 0.0, 2.0, 8.0);
  private static final INDArray YC = Nd4j.createFromArray(0.0, 0, 1, 1, 1, 2, 2, 2, 2);
  private static final INDArray PC = Nd4j.createFromArray(0.0, 0, 1, 1, 2, 2, 2, 0, 2);

  @Test
  void regressionMetricsByHandAndScikitLearn() {
    // by hand: |errors| 0.5 0.5 0 1 -> MAE 2/4; squares 0.25 0.25 0 1 -> MSE 0.375
    assertEquals(0.5, Metrics.mae(P, Y), 0);
    assertEquals(0.375, Metrics.mse(P, Y), 1e-16);
    assertEquals(Math.sqrt(0.375), Metrics.rmse(P, Y), 1e-16);
    assertEquals(0.6123724356957945, Metrics.rmse(P, Y), 1e-15); // mean_squared_error(squared=False)
    assertEquals(0.9486081370449679, Metrics.r2(P, Y), 1e-15); // r2_score
  }

  @Test
  void accuracyAndConfusionMatrix() {
    assertEquals(7.0 / 9, Metrics.accuracy(PC, YC), 1e-15); // accuracy_score 0.7777777777777778
    ConfusionMatrix m = Metrics.confusionMatrix(PC, YC);
    assertArrayEquals(new double[] {0, 1, 2}, m.classes(), 0);
    assertArrayEquals(new long[][] {{2, 0, 0}, {0, 2, 1}, {1, 0, 3}}, m.counts()); // confusion_matrix(y, p)
  }

  @Test
  void precisionRecallF1PerClass() {
    // by hand: class 0 predicted 3 times, 2 right, occurs 2 times: P 2/3, R 1, F1 2·2/(3+2) = 0.8
    assertArrayEquals(new double[] {0.6666666666666666, 1.0, 0.75}, Metrics.precision(PC, YC), 1e-15);
    assertArrayEquals(new double[] {1.0, 0.6666666666666666, 0.75}, Metrics.recall(PC, YC), 1e-15);
    assertArrayEquals(new double[] {0.8, 0.8, 0.75}, Metrics.f1(PC, YC), 1e-15);
  }

  @Test
  void classNeverPredictedOrNeverPresentScoresZeroAsZeroDivisionZero() {
    INDArray y = Nd4j.createFromArray(0.0, 1, 2, 2), p = Nd4j.createFromArray(0.0, 0, 2, 3);
    assertArrayEquals(new double[] {0.5, 0.0, 1.0, 0.0}, Metrics.precision(p, y), 1e-15);
    assertArrayEquals(new double[] {1.0, 0.0, 0.5, 0.0}, Metrics.recall(p, y), 1e-15);
    assertArrayEquals(new double[] {0.6666666666666666, 0.0, 0.6666666666666666, 0.0}, Metrics.f1(p, y), 1e-15);
  }

  @Test
  void logLossMatchesScikitLearn() {
    INDArray probs = Nd4j.createFromArray(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}, {0.2, 0.5, 0.3},
        {0.25, 0.25, 0.5}});
    double[] classes = {0, 1, 2};
    INDArray y = Nd4j.createFromArray(0.0, 2, 1, 2);
    // by hand: −(ln 0.7 + ln 0.6 + ln 0.5 + ln 0.5)/4
    double hand = -(Math.log(0.7) + Math.log(0.6) + 2 * Math.log(0.5)) / 4;
    assertEquals(hand, Metrics.logLoss(probs, y, classes), 1e-15);
    assertEquals(0.5634487322061534, Metrics.logLoss(probs, y, classes), 1e-15);
    // probability 0 for the true class: clipped to eps = 2.22e-16 and the row renormalised
    INDArray zero = Nd4j.createFromArray(new double[][] {{1.0, 0.0, 0.0}, {0.1, 0.3, 0.6}});
    assertEquals(18.27723950644157, Metrics.logLoss(zero, Nd4j.createFromArray(1.0, 2), classes), 1e-12);
    // two classes given as the probability of the larger label
    assertEquals(0.2797765635793423, Metrics.logLoss(Nd4j.createFromArray(0.9, 0.2, 0.6),
        Nd4j.createFromArray(1.0, 0, 1), new double[] {0, 1}), 1e-15);
  }

  @Test
  void logLossNamesAnUnknownLabelAndAWrongShape() {
    INDArray probs = Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {0.1, 0.9}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.logLoss(probs, Nd4j.createFromArray(0.0, 7), new double[] {0, 1}));
    assertEquals("logLoss: the label 7.0 in row 1 is not one of the classes [0.0, 1.0].", e.getMessage());
    IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
        () -> Metrics.logLoss(probs, Nd4j.createFromArray(0.0, 1, 2), new double[] {0, 1, 2}));
    assertEquals("logLoss: probabilities have shape [2, 2] but y has 3 labels and there are 3 classes; expected [3, 3].",
        s.getMessage());
  }

  @Test
  void lengthMismatchNamesBothCounts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.mae(Nd4j.createFromArray(1.0, 2), Y));
    assertEquals("mae: 2 predictions but 4 targets.", e.getMessage());
  }
}
