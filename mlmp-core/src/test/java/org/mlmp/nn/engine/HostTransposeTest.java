package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The Java transpose against ND4J's transposed copy, bitwise, over shapes with and without partial tiles. */
class HostTransposeTest {
  @ParameterizedTest(name = "{0} x {1}")
  @CsvSource({"1, 1", "16, 16", "37, 5", "5, 37", "9216, 8", "8, 9216", "33, 17"})
  void transposesBitwise(int rows, int cols) {
    Nd4j.getRandom().setSeed(rows * 31L + cols);
    var src = Nd4j.randn(DataType.FLOAT, rows, cols);
    var dst = Nd4j.create(DataType.FLOAT, cols, rows);
    HostTranspose t = HostTranspose.into(dst);
    assertArrayEquals(new long[] {rows, cols}, t.source().shape());
    t.source().assign(src);
    t.run();
    assertArrayEquals(src.transpose().dup('c').data().asFloat(), dst.data().asFloat(), 0f);
  }

  @Test
  void refusesANonMatrixAndLeavesOtherTypesToNd4j() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HostTranspose.into(Nd4j.create(DataType.FLOAT, 2, 3, 4)));
    assertEquals("HostTranspose: needs a matrix [C, R] to write. Got shape [2, 3, 4].", e.getMessage());
    assertNull(HostTranspose.into(Nd4j.create(DataType.DOUBLE, 4, 3)));
  }
}
