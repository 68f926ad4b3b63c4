package org.mlmp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.linear.LeastSquaresClassifier;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.Perceptron;

/** Every classifier trainer refuses a likely real-valued target unless asked to accept it. */
class ClassLabelsTest {
  @Test
  void integerLabelsComeBackSortedAndDistinct() {
    assertArrayEquals(new double[] {-1, 1}, ClassLabels.distinct(new double[] {1, -1, 1, -1}, "T", false), 0);
    double[] fifty = new double[ClassLabels.MAX_CLASSES];
    for (int i = 0; i < fifty.length; i++) fifty[i] = 49 - i;
    assertEquals(50, ClassLabels.distinct(fifty, "T", false).length);
  }

  @Test
  void aNonIntegerLabelIsRefusedWithItsRowAndTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClassLabels.distinct(new double[] {0, 1, 0.25}, "Svm", false));
    assertEquals("Svm is a classifier, but y holds the non-integer label 0.25 at row 2 (0-based); class labels are"
        + " integers such as 0, 1, 2 or ±1. For a real-valued target use a regressor; to treat these values as"
        + " classes anyway, set allowManyClasses = true.", e.getMessage());
  }

  @Test
  void moreThanFiftyDistinctLabelsAreRefusedWithTheCount() {
    double[] y = new double[51];
    for (int i = 0; i < y.length; i++) y[i] = i;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClassLabels.distinct(y, "Perceptron", false));
    assertEquals("Perceptron is a classifier, but y has 51 distinct labels (more than 50; smallest 0.0, largest 50.0),"
        + " which looks like a real-valued target. For a regression target use a regressor; for that many classes,"
        + " set allowManyClasses = true.", e.getMessage());
    assertEquals(51, ClassLabels.distinct(y, "Perceptron", true).length);
    assertArrayEquals(new double[] {0.25, 1}, ClassLabels.distinct(new double[] {1, 0.25}, "T", true), 0);
  }

  /** A real-valued target: 12 rows, 12 distinct non-integer values. */
  static Dataset continuous() {
    double[][] x = new double[12][2];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i][0] = Math.sin(i);
      x[i][1] = Math.cos(0.7 * i);
      y[i] = 0.5 + 0.37 * i;
    }
    return Dataset.of(x, y);
  }

  static Stream<Arguments> trainers() {
    return Stream.of(
        Arguments.of("Svm", Svm.of(Gaussian.of(1.0), 1.0), Svm.of(Gaussian.of(1.0), 1.0).withAllowManyClasses(true)),
        Arguments.of("LogisticRegression", LogisticRegression.of(0.1), LogisticRegression.of(0.1).withAllowManyClasses(true)),
        Arguments.of("Perceptron", Perceptron.of(1), Perceptron.of(1).withAllowManyClasses(true)),
        Arguments.of("LeastSquaresClassifier", LeastSquaresClassifier.of(),
            LeastSquaresClassifier.of().withAllowManyClasses(true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void everyClassifierRefusesAContinuousTargetUnlessAllowed(String owner, Trainer<? extends Classifier> strict,
      Trainer<? extends Classifier> allowing) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.fit(continuous()));
    assertEquals(owner + " is a classifier, but y holds the non-integer label 0.5 at row 0 (0-based); class labels are"
        + " integers such as 0, 1, 2 or ±1. For a real-valued target use a regressor; to treat these values as"
        + " classes anyway, set allowManyClasses = true.", e.getMessage());
    assertEquals(12, allowing.fit(continuous()).classes().length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void everyClassifierRefusesMoreThanFiftyIntegerLabels(String owner, Trainer<? extends Classifier> strict,
      Trainer<? extends Classifier> allowing) {
    double[][] x = new double[60][1];
    double[] y = new double[60];
    for (int i = 0; i < 60; i++) {
      x[i][0] = i;
      y[i] = 100 + i;
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.fit(Dataset.of(x, y)));
    assertEquals(owner + " is a classifier, but y has 60 distinct labels (more than 50; smallest 100.0, largest"
        + " 159.0), which looks like a real-valued target. For a regression target use a regressor; for that many"
        + " classes, set allowManyClasses = true.", e.getMessage());
  }
}
