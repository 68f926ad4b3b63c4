package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlmp.backend.HostBlas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java backward pass of a hidden RELU layer ({@link HostDense#reluGradient}) gives libnd4j's {@code relu_bp} value
 * for value, on the values where a bit mask could go wrong (±0, the smallest subnormal, ±∞, NaN), and the bias
 * gradient as the column sums of dz.
 */
class HostDenseTest {
  @Test
  void reluGradientIsRelu_bpAndTheBiasGradientItsColumnSums() {
    org.junit.jupiter.api.Assumptions.assumeTrue(HostBlas.hostMemory(), "the Java pass runs on host memory only");
    float[] edge = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1f, -1f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE, -Float.MAX_VALUE, 3.5f};
    int rows = 3, units = 4;
    INDArray z = Nd4j.create(edge, new long[] {rows, units}, DataType.FLOAT);
    INDArray da = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12}, new long[] {rows, units},
        DataType.FLOAT);
    INDArray a = Nd4j.create(DataType.FLOAT, rows, units), dz = Nd4j.create(DataType.FLOAT, rows, units);
    INDArray b = Nd4j.zeros(DataType.FLOAT, 1, units), gb = Nd4j.create(DataType.FLOAT, 1, units);
    HostDense h = HostDense.of(Nonlinearity.RELU, z, a, da, dz, b, gb);
    assertTrue(h.reluGradient(), "RELU with a row-major ∂C/∂a takes the Java pass");
    INDArray ref = Nd4j.create(DataType.FLOAT, rows, units);
    Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(z, da).addOutputs(ref).addFloatingPointArguments(0.0)
        .build());
    for (int i = 0; i < edge.length; i++) {
      float want = ref.getFloat(i / units, i % units), got = dz.getFloat(i / units, i % units);
      assertEquals(want, got, 0f, "z = " + edge[i] + ": relu_bp " + want + ", Java pass " + got);
    }
    // By hand: z > 0 passes da at 0-based positions 2 (MIN_VALUE), 4 (1), 6 (+∞), 9 (MAX_VALUE), 11 (3.5).
    assertEquals(3f, dz.getFloat(0, 2));
    assertEquals(0f, dz.getFloat(0, 0), "z = +0 passes nothing");
    assertEquals(0f, dz.getFloat(2, 0), "z = NaN passes nothing");
    for (int j = 0; j < units; j++) {
      float sum = 0;
      for (int r = 0; r < rows; r++) sum += dz.getFloat(r, j);
      assertEquals(sum, gb.getFloat(0, j), 0f, "∂C/∂b[" + j + "]");
    }
    // Column 2 holds positions 2, 6 and 10: z = MIN_VALUE and +∞ pass da = 3 and 7, z = −MAX_VALUE passes nothing.
    assertEquals(3f + 7f, gb.getFloat(0, 2), 0f, "∂C/∂b[2]");
  }

  @Test
  void otherActivationsAndMissingGradientsLeaveItToTheOps() {
    org.junit.jupiter.api.Assumptions.assumeTrue(HostBlas.hostMemory(), "the Java pass runs on host memory only");
    INDArray z = Nd4j.rand(DataType.FLOAT, 2, 3), a = Nd4j.create(DataType.FLOAT, 2, 3);
    INDArray dz = Nd4j.create(DataType.FLOAT, 2, 3), b = Nd4j.zeros(DataType.FLOAT, 1, 3);
    INDArray gb = Nd4j.create(DataType.FLOAT, 1, 3), da = Nd4j.rand(DataType.FLOAT, 2, 3);
    assertFalse(HostDense.of(Nonlinearity.SOFTMAX, z, a, da, dz, b, gb).reluGradient(), "SOFTMAX");
    assertFalse(HostDense.of(Nonlinearity.RELU, z, a, null, dz, b, gb).reluGradient(), "no ∂C/∂a");
    assertEquals(0.0, dz.sumNumber().doubleValue(), "nothing written");
  }
}
