package org.mlmp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.linear.Ridge;
import org.nd4j.linalg.factory.Nd4j;

/** predict(double[][]) and predict(double[]) on Regressor and Classifier, beside predict(INDArray). */
class PlainJavaPredictTest {
  static final double[][] X = PredictInputContractTest.rows(20, 3);
  static final double[][] NEW = {{0.1, -0.2, 0.3}, {1.5, 0.5, -1.0}};

  @Test
  void regressorPredictsFromJavaArraysAsFromAnINDArray() {
    Regressor m = Ridge.of(0.01).fit(PredictInputContractTest.regression());
    double[] viaNd4j = m.predict(Nd4j.createFromArray(NEW)).toDoubleVector();
    assertArrayEquals(viaNd4j, m.predict(NEW), 0);
    assertEquals(viaNd4j[1], m.predict(NEW[1]), 0);
  }

  @Test
  void classifierReturnsLabelsFromItsClasses() {
    Classifier m = Svm.of(Gaussian.of(1.0), 1.0).fit(PredictInputContractTest.classes());
    double[] viaNd4j = m.predict(Nd4j.createFromArray(X)).toDoubleVector();
    assertArrayEquals(viaNd4j, m.predict(X), 0);
    for (int i = 0; i < X.length; i++) assertEquals(viaNd4j[i], m.predict(X[i]), 0);
    for (double label : m.predict(X)) assertEquals(true, label == 0 || label == 1, "label " + label);
  }

  @Test
  void shapeErrorsNameTheRowAndBothCounts() {
    Regressor m = Ridge.of(0.01).fit(PredictInputContractTest.regression());
    double[][] ragged = {{1, 2, 3}, {1, 2}};
    assertEquals("x[1] has 2 features, but LinearModel was fitted with 3 features.",
        assertThrows(IllegalArgumentException.class, () -> m.predict(ragged)).getMessage());
    assertEquals("x has no rows; expected double[nSamples][3] for LinearModel.",
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[0][])).getMessage());
    assertEquals("x[0] has no array (null), but LinearModel was fitted with 3 features.",
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[][] {null})).getMessage());
    assertEquals("The sample has 4 features, but LinearModel was fitted with 3 features.",
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {1, 2, 3, 4})).getMessage());
    Classifier c = Svm.of(Gaussian.of(1.0), 1.0).fit(PredictInputContractTest.classes());
    assertEquals("The sample has 2 features, but SvmModel was fitted with 3 features.",
        assertThrows(IllegalArgumentException.class, () -> c.predict(new double[] {1, 2})).getMessage());
  }

  @Test
  void severalTargetsAreReferredToTheINDArrayForm() {
    double[][] y2 = new double[X.length][2];
    for (int i = 0; i < X.length; i++) y2[i] = new double[] {X[i][0], X[i][1] * X[i][2]};
    Regressor m = KernelRidge.of(Gaussian.of(1.0), 0.1).fit(Dataset.of(Nd4j.createFromArray(X), Nd4j.createFromArray(y2)));
    assertEquals("KernelRidgeModel predicts 2 targets per sample; the double[] forms of predict return one. Use"
        + " predict(INDArray), which returns [nSamples, nTargets].",
        assertThrows(IllegalArgumentException.class, () -> m.predict(NEW)).getMessage());
  }
}
