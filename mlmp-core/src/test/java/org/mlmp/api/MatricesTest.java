package org.mlmp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The float copies between ND4J and Java arrays give ND4J's own element-by-element values. */
class MatricesTest {
  private static final INDArray M = Nd4j.linspace(DataType.FLOAT, 1, 24, 1).reshape(6, 4);

  @Test
  void floatsOfDenseViewsAndOtherTypes() {
    assertArrayEquals(M.dup().data().asFloat(), Matrices.floats(M));
    INDArray rowsView = M.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
    assertArrayEquals(rowsView.dup('c').data().asFloat(), Matrices.floats(rowsView));
    INDArray transposed = M.transpose();
    assertArrayEquals(transposed.dup('c').data().asFloat(), Matrices.floats(transposed));
    assertArrayEquals(M.dup().data().asFloat(), Matrices.floats(M.castTo(DataType.DOUBLE)));
    assertEquals(0, Matrices.floats(Nd4j.create(DataType.FLOAT, 0)).length);
  }

  /**
   * flat: ND4J's row-order values for dense DOUBLE arrays (the bulk copy), views, transposes and other types; a copy.
   */
  @Test
  void flatOfDenseViewsAndOtherTypes() {
    INDArray d = M.castTo(DataType.DOUBLE).dup('c');
    double[] values = Matrices.flat(d);
    assertArrayEquals(d.dup().data().asDouble(), values);
    values[0] = -7;
    assertEquals(1.0, d.getDouble(0, 0), 0.0, "flat copies, it does not alias the buffer");
    INDArray rowsView = d.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
    assertArrayEquals(rowsView.dup('c').data().asDouble(), Matrices.flat(rowsView));
    assertArrayEquals(d.transpose().dup('c').data().asDouble(), Matrices.flat(d.transpose()));
    assertArrayEquals(d.dup().data().asDouble(), Matrices.flat(M));
    assertEquals(0, Matrices.flat(Nd4j.create(DataType.DOUBLE, 0)).length);
  }

  /** contiguous: the whole buffer in row order; a row range (a view), a transpose and a column-order copy are not. */
  @Test
  void contiguousMeansTheWholeBufferInRowOrder() {
    INDArray fresh = M.dup('c');
    assertTrue(Matrices.contiguous(fresh));
    assertTrue(Matrices.contiguous(fresh.castTo(DataType.DOUBLE)));
    assertFalse(Matrices.contiguous(fresh.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all())));
    assertFalse(Matrices.contiguous(fresh.transpose()));
    assertFalse(Matrices.contiguous(fresh.dup('f')));
  }

  @Test
  void readRowsOfDenseAndViewMatrices() {
    float[] dest = new float[3 * 4 + 2];
    Matrices.readRows(M, 2, 3, dest);
    float[] expected = M.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all()).dup('c').data().asFloat();
    assertArrayEquals(expected, java.util.Arrays.copyOf(dest, 12));
    assertEquals(0f, dest[12], "values past rows x d are left alone");
    INDArray view = M.get(NDArrayIndex.interval(1, 6), NDArrayIndex.all()); // rows 1..5: row 1 of the view is row 2
    float[] fromView = new float[12];
    Matrices.readRows(view, 1, 3, fromView);
    assertArrayEquals(expected, fromView);
    float[] fromDouble = new float[12];
    Matrices.readRows(M.castTo(DataType.DOUBLE), 2, 3, fromDouble);
    assertArrayEquals(expected, fromDouble);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Matrices.readRows(M, 4, 3, dest));
    assertEquals("Matrices.readRows needs 0 <= from <= from + rows <= 6 (the matrix's rows) and room for rows x 4"
        + " values. Got from 4, rows 3 and 14 values of room instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Matrices.readRows(M, 0, 4, new float[15]));
    assertEquals("Matrices.readRows needs 0 <= from <= from + rows <= 6 (the matrix's rows) and room for rows x 4"
        + " values. Got from 0, rows 4 and 15 values of room instead.", e.getMessage());
  }

  @Test
  void floatVectorAndMatrixHoldTheValues() {
    float[] v = {1.5f, -2f, 3.25f, 0f, 7f, 8f};
    INDArray vector = Matrices.floatVector(v);
    assertArrayEquals(new long[] {6}, vector.shape());
    assertEquals(DataType.FLOAT, vector.dataType());
    assertArrayEquals(Nd4j.createFromArray(v).toFloatVector(), vector.toFloatVector());
    INDArray matrix = Matrices.floatMatrix(new float[] {1, 2, 3, 4, 5, 6, 99}, 2, 3);
    assertArrayEquals(new long[] {2, 3}, matrix.shape());
    assertEquals(Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}), matrix);
    assertEquals(0, Matrices.floatVector(new float[0]).length());
  }
}
