package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.VectorApi;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java backward pass of a hidden RELU layer ({@link HostDense#reluGradient}) gives libnd4j's {@code relu_bp} value
 * for value, on the values where a bit mask could go wrong (±0, the smallest subnormal, ±∞, NaN), and the bias
 * gradient as the column sums of dz; on the copying path and on the Vector API passes ({@code VectorDense}), which
 * give the copying path's results bit for bit.
 */
class HostDenseTest {
  @Test
  void reluGradientIsRelu_bpAndTheBiasGradientItsColumnSums() {
    org.junit.jupiter.api.Assumptions.assumeTrue(HostBlas.hostMemory(), "the Java pass runs on host memory only");
    assertNotNull(HostDense.VECTOR, "the test JVM has the Vector API: " + VectorApi.status());
    reluGradientIsRelu_bp(null);
    reluGradientIsRelu_bp(HostDense.VECTOR);
  }

  /**
   * Any layer's RELU, LEAKY_RELU and SIGMOID backward pass ({@link Activations}, a convolution's {@code [2, 3, 5, 7]}
   * output here: 210 elements, a tail after the whole vectors) in Java gives libnd4j's {@code relu_bp},
   * {@code lrelu_bp} and {@code sigmoid_bp} bit for bit, edge values included (SIGMOID from the forward op's a);
   * doubles keep libnd4j's ops.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Nonlinearity.class, names = {"RELU", "LEAKY_RELU", "SIGMOID"})
  void anyLayersBackwardInJavaIsLibnd4jsBitForBit(Nonlinearity f) {
    org.junit.jupiter.api.Assumptions.assumeTrue(HostBlas.hostMemory(), "the Java pass runs on host memory only");
    assertNotNull(HostDense.VECTOR, "the test JVM has the Vector API: " + VectorApi.status());
    float[] edge = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1f, -1f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE, -Float.MAX_VALUE, 3.5f, 1e-30f, 30f, -30f, 90f};
    long[] shape = {2, 3, 5, 7};
    int n = 210;
    float[] zv = new float[n], dav = new float[n];
    for (int i = 0; i < n; i++) {
      zv[i] = i % 19 < edge.length ? edge[i % 19] : (float) Math.sin(0.7 * i) * 4;
      dav[i] = i % 11 == 0 ? Float.NaN : (float) Math.cos(0.3 * i) * (i % 3 == 0 ? -1 : 1);
    }
    INDArray z = Nd4j.create(zv, shape, DataType.FLOAT), da = Nd4j.create(dav, shape, DataType.FLOAT);
    INDArray a = Nd4j.create(DataType.FLOAT, shape), dz = Nd4j.create(DataType.FLOAT, shape);
    Activations java = new Activations(f, z, a, da, dz);
    Activations ops = new Activations(f, z, a, da, dz.dup(), null);
    assertTrue(java.javaGradient());
    assertFalse(ops.javaGradient(), "no kernel: libnd4j's op");
    java.forward();
    java.backward();
    INDArray ref = Nd4j.create(DataType.FLOAT, shape);
    var op = DynamicCustomOp.builder(Map.of(Nonlinearity.RELU, "relu_bp", Nonlinearity.LEAKY_RELU, "lrelu_bp",
        Nonlinearity.SIGMOID, "sigmoid_bp").get(f)).addInputs(z, da).addOutputs(ref);
    if (f != Nonlinearity.SIGMOID) {
      op.addFloatingPointArguments(f == Nonlinearity.RELU ? 0.0 : Nonlinearity.LEAKY_SLOPE);
    }
    Nd4j.exec(op.build());
    float[] got = dz.data().asFloat(), want = ref.data().asFloat();
    for (int i = 0; i < n; i++) {
      assertTrue(Float.floatToRawIntBits(want[i]) == Float.floatToRawIntBits(got[i])
          || Float.isNaN(want[i]) && Float.isNaN(got[i]),
          f + " element " + i + ": z = " + zv[i] + ", da = " + dav[i] + ", libnd4j " + want[i] + ", Java " + got[i]);
    }
    INDArray zd = z.castTo(DataType.DOUBLE), dad = da.castTo(DataType.DOUBLE);
    assertFalse(new Activations(f, zd, zd.ulike(), dad, dad.ulike()).javaGradient(), "doubles");
  }

  /** An activation without an element-wise pass is refused by name, with the ones that have one. */
  @Test
  void anActivationWithoutAnElementWisePassIsNamed() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> HostDense.activationGradient(Nonlinearity.TANH, 0.5f, 1f));
    assertEquals("HostDense.activationGradient: no element-wise pass for TANH; it has one for [SIGMOID, RELU,"
        + " LEAKY_RELU].", e.getMessage());
    org.junit.jupiter.api.Assumptions.assumeTrue(HostDense.VECTOR != null, "the Vector API kernel");
    ByteBuffer b = VectorKernels.direct(new float[16]);
    var v = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> HostDense.VECTOR.activationGradient(Nonlinearity.TANH, b, b, b, 0, 16));
    assertEquals("VectorDense: no element-wise pass for TANH; it has one for [SIGMOID, RELU, LEAKY_RELU].",
        v.getMessage());
  }

  private static void reluGradientIsRelu_bp(HostDense.VectorPass vector) {
    float[] edge = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1f, -1f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE, -Float.MAX_VALUE, 3.5f};
    int rows = 3, units = 4;
    INDArray z = Nd4j.create(edge, new long[] {rows, units}, DataType.FLOAT);
    INDArray da = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12}, new long[] {rows, units},
        DataType.FLOAT);
    INDArray a = Nd4j.create(DataType.FLOAT, rows, units), dz = Nd4j.create(DataType.FLOAT, rows, units);
    INDArray b = Nd4j.zeros(DataType.FLOAT, 1, units), gb = Nd4j.create(DataType.FLOAT, 1, units);
    HostDense h = HostDense.of(Nonlinearity.RELU, z, a, da, dz, b, gb, vector);
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

  @Test
  void vectorPassesGiveTheCopyingPathsBits() {
    org.junit.jupiter.api.Assumptions.assumeTrue(HostBlas.hostMemory(), "the Java pass runs on host memory only");
    assertNotNull(HostDense.VECTOR, "the test JVM has the Vector API: " + VectorApi.status());
    assertNull(HostDense.selfCheck(HostDense.VECTOR));
    // 53 units: three 16-float vectors and a tail of 5 (or six 8-float vectors and a tail on AVX2).
    int rows = 7, units = 53;
    Nd4j.getRandom().setSeed(3);
    INDArray z0 = Nd4j.randn(DataType.FLOAT, rows, units), da = Nd4j.randn(DataType.FLOAT, rows, units);
    INDArray b = Nd4j.randn(DataType.FLOAT, 1, units), y = Nd4j.rand(DataType.FLOAT, rows, units);
    for (Nonlinearity f : new Nonlinearity[] {Nonlinearity.RELU, Nonlinearity.IDENTITY, Nonlinearity.SOFTMAX}) {
      INDArray[][] out = new INDArray[2][];
      for (int k = 0; k < 2; k++) {
        INDArray z = z0.dup(), a = f == Nonlinearity.IDENTITY ? z : Nd4j.create(DataType.FLOAT, rows, units);
        INDArray dz = Nd4j.create(DataType.FLOAT, rows, units), gb = Nd4j.create(DataType.FLOAT, 1, units);
        HostDense h = HostDense.of(f, z, a, da, dz, b, gb, k == 0 ? null : HostDense.VECTOR);
        h.forward();
        INDArray zF = z.dup(), aF = a.dup();
        if (f == Nonlinearity.RELU) assertTrue(h.reluGradient(), f.toString());
        INDArray dzR = dz.dup(), gbR = gb.dup();
        assertTrue(h.outputGradient(y), f.toString());
        out[k] = new INDArray[] {zF, aF, dzR, gbR, dz, gb};
      }
      String[] names = {"z + b", "f(z)", "RELU dz", "RELU ∂C/∂b", "output dz", "output ∂C/∂b"};
      for (int i = 0; i < names.length; i++) {
        float[] copying = out[0][i].data().asFloat(), vector = out[1][i].data().asFloat();
        for (int e = 0; e < copying.length; e++) {
          assertEquals(Float.floatToRawIntBits(copying[e]), Float.floatToRawIntBits(vector[e]),
              f + " " + names[i] + "[" + e + "]: copying " + copying[e] + ", vector " + vector[e]);
        }
      }
    }
  }

  /** VectorDense with one RELU pass's element 40 moved up by one ulp. */
  private static final class NudgedRelu implements HostDense.VectorPass {
    private final HostDense.VectorPass right = new VectorDense();
    private final boolean layer;

    /** {@code layer}: the dense layer's pass (with the bias sums), else the element-wise one. */
    NudgedRelu(boolean layer) {
      this.layer = layer;
    }

    @Override
    public void biasActivation(ByteBuffer z, ByteBuffer a, ByteBuffer b, int rows, int units) {
      right.biasActivation(z, a, b, rows, units);
    }

    @Override
    public void reluGradient(ByteBuffer z, ByteBuffer da, ByteBuffer dz, ByteBuffer gb, int rows, int units) {
      right.reluGradient(z, da, dz, gb, rows, units);
      if (layer) nudge(dz);
    }

    @Override
    public void activationGradient(Nonlinearity f, ByteBuffer in, ByteBuffer da, ByteBuffer dz, int from, int to) {
      right.activationGradient(f, in, da, dz, from, to);
      if (!layer && f == Nonlinearity.RELU && from <= 40 && 40 < to) nudge(dz);
    }

    private static void nudge(ByteBuffer dz) {
      dz.putFloat(40 * Float.BYTES, Math.nextUp(dz.getFloat(40 * Float.BYTES)));
    }

    @Override
    public void outputGradient(ByteBuffer a, ByteBuffer y, ByteBuffer dz, ByteBuffer gb, int rows, int units,
        float inv) {
      right.outputGradient(a, y, dz, gb, rows, units, inv);
    }
  }

  @ParameterizedTest(name = "the layer's pass: {0}")
  @ValueSource(booleans = {true, false})
  void selfCheckNamesThePassAndElementThatDiffer(boolean layer) {
    String wrong = HostDense.selfCheck(new NudgedRelu(layer));
    assertNotNull(wrong);
    String pass = layer ? "the RELU gradient" : "the element-wise RELU gradient";
    assertTrue(wrong.startsWith("gave " + pass + "[40] = "), wrong);
    assertTrue(wrong.contains("where the Java loop gives"), wrong);
  }
}
