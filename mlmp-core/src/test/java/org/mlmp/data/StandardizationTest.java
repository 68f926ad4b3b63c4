package org.mlmp.data;

import org.mlmp.api.Dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StandardizationTest {
  @Test
  void populationMeanAndStdByHand() {
    // column 0: 1,2,3,6 -> mean 3, 1/N variance (4+1+0+9)/4 = 3.5; column 1 constant -> scale 1
    INDArray x = Nd4j.createFromArray(new double[][] {{1, 5}, {2, 5}, {3, 5}, {6, 5}});
    Standardization s = Standardization.fit(x);
    assertArrayEquals(new double[] {3, 5}, s.mean(), 0);
    assertArrayEquals(new double[] {Math.sqrt(3.5), 1}, s.scale(), 1e-15);
    INDArray z = s.transform(x);
    assertEquals(-2 / Math.sqrt(3.5), z.getDouble(0, 0), 1e-15);
    assertEquals(0, z.getDouble(2, 1), 0);
    assertEquals(x, s.inverseTransform(z));
  }

  @Test
  void fittedOnTrainOnlyAppliedToTestUnchanged() {
    INDArray all = Nd4j.createFromArray(new double[][] {{0}, {2}, {100}});
    Dataset d = Dataset.of(all, null);
    Partition.Split split = new Partition.Split(new int[] {0, 1}, new int[0], new int[] {2});
    Standardization s = Standardization.fit(d.rows(split.train()).x());
    assertArrayEquals(new double[] {1}, s.mean(), 0); // the test row (100) does not leak into the mean
    assertEquals(99, s.transform(d.rows(split.test()).x()).getDouble(0, 0), 1e-12);
  }

  @Test
  void wrongFeatureCountNamesBoth() {
    Standardization s = Standardization.identity(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.transform(Nd4j.zeros(2, 4)));
    assertTrue(e.getMessage().contains("x has 4 features, but Standardization was fitted with 3 features."), e.getMessage());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void fitRefusesNonFiniteNamingRowAndColumn(double bad) {
    INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, bad}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Standardization.fit(x));
    assertEquals("x contains " + bad + " at row 2, column 1 (0-based). Remove or impute missing values before fitting.",
        e.getMessage());
  }

  @Test
  void toStringPrintsTheValues() {
    Standardization s = Standardization.fit(Nd4j.createFromArray(new double[][] {{1, 5}, {3, 5}}));
    assertEquals("Standardization[mean=[2.0, 5.0], scale=[1.0, 1.0]]", s.toString());
  }
}
