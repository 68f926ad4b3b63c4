package org.mlmp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DatasetTest {
  @Test
  void arraysAreCopiedInAndOut() {
    INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
    Dataset d = Dataset.of(x, Nd4j.createFromArray(new double[] {5, 6}));
    x.putScalar(0, 0, 100);
    assertEquals(1, d.x().getDouble(0, 0), 0);
    d.x().putScalar(0, 0, 100);
    assertEquals(1, d.x().getDouble(0, 0), 0);
  }

  /** targetValues: y's elements in c order as doubles, a new array, for DOUBLE, FLOAT, f-order and no targets. */
  @Test
  void targetValuesAreTheTargetsInCOrder() {
    INDArray x = Nd4j.zeros(3, 2);
    Dataset d = Dataset.of(x, Nd4j.createFromArray(new double[] {5, 6, 7.25}));
    double[] v = d.targetValues();
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {5, 6, 7.25}, v, 0.0);
    v[0] = 100;
    assertEquals(5, d.y().getDouble(0), 0, "a new array each time");
    assertEquals(5, d.targetValues()[0], 0);
    Dataset f = Dataset.of(x, Nd4j.createFromArray(new float[] {1.5f, -2, 3}));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1.5, -2, 3}, f.targetValues(), 0.0, "FLOAT y");
    INDArray two = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}}).dup('f');
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Dataset.of(x, two).targetValues(),
        0.0, "f-order [3, 2] y, read in c order");
    assertEquals(null, Dataset.of(x, null).targetValues(), "no targets");
  }

  @Test
  void shapeMismatchNamesBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(Nd4j.zeros(3, 2), Nd4j.zeros(4)));
    assertTrue(e.getMessage().contains("y must have shape [3] or [3, nTargets] to match x [3, 2]. Got [4] instead."), e.getMessage());
    IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> Dataset.of(Nd4j.zeros(5), null));
    assertTrue(v.getMessage().contains("Got shape [5] instead"), v.getMessage());
  }

  @Test
  void nanIsRejectedWithRowAndColumn() {
    INDArray x = Nd4j.zeros(4, 3);
    x.putScalar(2, 1, Double.NaN);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, null).requireFinite());
    assertTrue(e.getMessage().contains("x contains NaN at row 2, column 1"), e.getMessage());
  }

  @Test
  void rowsSelectsInOrder() {
    Dataset d = Dataset.of(new double[][] {{0}, {1}, {2}}, new double[] {10, 11, 12});
    Dataset r = d.rows(new int[] {2, 0});
    assertEquals(2, r.x().getDouble(0, 0), 0);
    assertEquals(10, r.y().getDouble(1), 0);
    assertThrows(IndexOutOfBoundsException.class, () -> d.rows(new int[] {3}));
  }

  @Test
  void copyRowsFillsTheCallersArrayInItsDataTypeAndChecksTheShape() {
    Dataset d = Dataset.of(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}}), null);
    INDArray dest = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 2);
    d.copyRows(1, dest);
    assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, dest.dataType());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[][] {{3, 4}, {5, 6}}, dest.toDoubleMatrix());
    dest.putScalar(0, 0, 100);
    assertEquals(3, d.x().getDouble(1, 0), 0, "a copy");
    INDArray same = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 2); // same type: the memcpy path
    d.copyRows(2, same);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {5, 6}, same.toDoubleVector());
    same.putScalar(0, 0, 100);
    assertEquals(5, d.x().getDouble(2, 0), 0, "a copy");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.copyRows(2, Nd4j.zeros(2, 2)));
    assertEquals("copyRows: rows [2, 4) into an array of shape [2, 2] do not fit x of shape [3, 2]; the destination"
        + " must be [m, 2] with from + m <= 3.", e.getMessage());
  }

  @Test
  void plainJavaArraysAreCopiedAndChecked() {
    double[][] x = {{1, 2}, {3, 4}};
    double[] y = {5, 6};
    Dataset d = Dataset.of(x, y);
    x[0][0] = 100;
    y[0] = 100;
    assertEquals(1, d.x().getDouble(0, 0), 0);
    assertEquals(5, d.y().getDouble(0), 0);
    Dataset u = Dataset.of(new double[][] {{1, 2}, {3, 4}});
    assertEquals(false, u.hasTargets());
    assertEquals(2, u.nFeatures());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(new double[][] {{1, 2}, {3}}));
    assertTrue(ragged.getMessage().contains("row 0 has 2 values but row 1 has 1"), ragged.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(new double[][] {{1}, {2}}, new double[] {1, 2, 3}));
    assertTrue(count.getMessage().contains("x has 2 rows, y has 3 values"), count.getMessage());
  }
}
