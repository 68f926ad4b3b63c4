package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlmp.backend.CpuFeatures;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostConvolution;
import org.mlmp.backend.HostPooling;
import org.mlmp.backend.Threads;
import org.mlmp.backend.VectorApi;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java max pool against oneDNN's pooling primitives on the same NHWC arrays, bit for bit, forward and backward,
 * on inputs with many ties (values drawn from five levels, so most windows hold their maximum more than once: both
 * must send ∂C/∂y to the first such cell in row order); and where it applies.
 */
class HostMaxPoolTest {

  @BeforeEach
  void needsTheVectorApi() {
    Assumptions.assumeTrue(HostBlas.hostMemory(), "the Java pool runs on host memory only");
    assertNotNull(HostMaxPool.VECTOR, "the test JVM has the Vector API: " + VectorApi.status());
  }

  @ParameterizedTest(name = "[{0}, {1}, {2}, {3}] size {4} stride {5}, {6} threads")
  @CsvSource({"3, 24, 24, 20, 2, 2, 2", "3, 24, 24, 20, 2, 2, 1", "2, 8, 8, 50, 2, 2, 2", "2, 7, 9, 8, 2, 2, 2",
      "2, 9, 9, 13, 3, 3, 2", "2, 8, 11, 16, 2, 3, 2", "1, 6, 6, 9, 3, 3, 1"})
  void matchesOneDnnBitForBit(int n, int h, int w, int c, int size, int stride, int threads) throws Exception {
    Assumptions.assumeTrue(HostConvolution.available(), "oneDNN is the reference");
    var g = HostPooling.PoolGeometry.of(n, c, h, w, size, stride, true, true);
    Nd4j.getRandom().setSeed(5);
    long[] in = {n, h, w, c};
    INDArray x = Nd4j.rand(DataType.FLOAT, in).muli(5).castTo(DataType.INT32).castTo(DataType.FLOAT).subi(2);
    INDArray dy = Nd4j.rand(DataType.FLOAT, new long[] {n, (h - size) / stride + 1, (w - size) / stride + 1, c});
    INDArray y = Nd4j.create(DataType.FLOAT, dy.shape()), dx = Nd4j.rand(DataType.FLOAT, in);
    INDArray yRef = y.dup(), dxRef = Nd4j.create(DataType.FLOAT, in);
    HostPooling oneDnn = HostPooling.of(g, x, yRef, dy, dxRef);
    oneDnn.forward();
    oneDnn.backward();
    HostMaxPool pool = HostMaxPool.of(new Op.Pooling(true, size, stride), x, y, dy, dx);
    assertNotNull(pool);
    Threads.capped(threads, () -> {
      pool.forward();
      pool.backward();
      return null;
    });
    assertArrayEquals(bits(yRef), bits(y), "y");
    assertArrayEquals(bits(dxRef), bits(dx), "dx (cells outside every window zero-filled over the random start)");
    assertTrue(dx.norm1Number().doubleValue() > 0, "gradient written");
  }

  /**
   * The definition the kernel is checked against ({@link HostMaxPool#selfCheck}), by hand on one 2 × 2 window of four
   * channels (NHWC, cells in row order): a NaN wins and stays, ties go to the first cell, the gradient goes to the
   * winning cell only.
   */
  @Test
  void theLoopsFollowTheRuleByHand() {
    float nan = Float.NaN;
    float[] x = {1, 0, 1, -0f, 3, 2, 1, 0, nan, 5, 1, 0, 4, 7, 1, 0};
    float[] y = new float[4], cell = new float[4], dx = new float[16];
    var s = new HostMaxPool.PoolShape(2, 2, 4, 2, 2);
    HostMaxPool.forwardLoop(x, y, cell, s, 1);
    HostMaxPool.backwardLoop(new float[] {1, 2, 3, 4}, dx, cell, s, 1);
    assertArrayEquals(new float[] {nan, 7, 1, -0f}, y);
    assertArrayEquals(new float[] {2, 3, 0, 0}, cell);
    assertArrayEquals(new float[] {0, 0, 3, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0}, dx);
  }

  @Test
  void selfCheckPassesAndCatchesAWrongKernel() {
    assertNull(HostMaxPool.selfCheck(HostMaxPool.VECTOR));
    HostMaxPool.PoolPass lastCellWins = new HostMaxPool.PoolPass() {
      @Override
      public void forward(java.nio.ByteBuffer x, java.nio.ByteBuffer y, float[] cell, HostMaxPool.PoolShape s, int from,
          int to) {
        HostMaxPool.VECTOR.forward(x, y, cell, s, from, to);
        cell[0] = 3;
      }

      @Override
      public void backward(java.nio.ByteBuffer dy, java.nio.ByteBuffer dx, float[] cell, HostMaxPool.PoolShape s,
          int from, int to) {
        HostMaxPool.VECTOR.backward(dy, dx, cell, s, from, to);
      }
    };
    assertEquals("gave cell[0] = 3.0 where the Java loop gives 2.0", HostMaxPool.selfCheck(lastCellWins));
  }

  @Test
  void appliesToNonOverlappingMaxPoolsOfEightChannelsOrMore() {
    INDArray x = Nd4j.create(DataType.FLOAT, 2, 8, 8, 8), y = Nd4j.create(DataType.FLOAT, 2, 4, 4, 8);
    assertNotNull(HostMaxPool.of(new Op.Pooling(true, 2, 2), x, y, null, null));
    assertNull(HostMaxPool.of(new Op.Pooling(false, 2, 2), x, y, null, null), "average pooling");
    INDArray y3 = Nd4j.create(DataType.FLOAT, 2, 3, 3, 8);
    assertNull(HostMaxPool.of(new Op.Pooling(true, 3, 2), x, y3, null, null), "overlapping windows");
    INDArray x7 = Nd4j.create(DataType.FLOAT, 2, 8, 8, 7), y7 = Nd4j.create(DataType.FLOAT, 2, 4, 4, 7);
    assertNull(HostMaxPool.of(new Op.Pooling(true, 2, 2), x7, y7, null, null), "7 channels");
    assertNull(HostMaxPool.of(new Op.Pooling(true, 2, 2), x.castTo(DataType.DOUBLE), y.castTo(DataType.DOUBLE), null,
        null), "doubles");
    assertNull(HostMaxPool.of(new Op.Pooling(true, 2, 2), x, y, null, null, null), "no Vector API");
  }

  /**
   * In a network: a LeNet-like float network on the ONEDNN path takes the Java pool for both its pools (10 and 9
   * channels, channels-last) when chosen ({@code -Dmlmp.nn.javaMaxPool=true}) and gives the double engine's gradient
   * and output to float rounding (as {@code FloatPathTest} checks the other layers).
   */
  @Test
  void aLeNetLikeNetworkTakesItAndMatchesTheDoubleEngine() {
    Assumptions.assumeTrue(HostConvolution.available(), "the ONEDNN path");
    org.mlmp.nn.Network net = leNetLike();
    Program d = org.mlmp.nn.EngineAccess.program(net, DataType.DOUBLE, Program.ConvBackward.AUTO, 3);
    Program f = org.mlmp.nn.EngineAccess.program(net, DataType.FLOAT, Program.ConvBackward.ONEDNN, 3);
    Plan pd = d.plan(4), pf = withChoice("true", () -> f.plan(4));
    GradientCheckTest.fill(pd, net, 9);
    GradientCheckTest.fill(pf, net, 9);
    pd.forward(true, 1);
    pd.backward();
    pf.forward(true, 1);
    pf.backward();
    assertEquals(2, inJava(pf), "both pools in Java");
    double r = FloatPathTest.relMax(f.grads(), d.grads());
    assertTrue(r <= 1e-4, "float with the Java pools vs double, relative " + r);
    assertTrue(FloatPathTest.relMax(pf.activation(pf.nodes.length - 1).dup('c'), pd.activation(pd.nodes.length - 1))
        <= 1e-4, "outputs");
  }

  /**
   * Which pool a plan takes: {@code -Dmlmp.nn.javaMaxPool=auto} (the default) the Java pool only where oneDNN runs
   * below AVX-512, {@code false} oneDNN's, {@code true} the Java pool; any other value is refused, named.
   */
  @Test
  void thePlanTakesThePoolThePropertyAndTheProcessorChoose() {
    Assumptions.assumeTrue(HostConvolution.available(), "the ONEDNN path");
    // a program keeps its plans: a new one for each
    java.util.function.Supplier<Plan> f = () -> org.mlmp.nn.EngineAccess.program(leNetLike(), DataType.FLOAT,
        Program.ConvBackward.ONEDNN, 3).plan(4);
    assertEquals(2, inJava(withChoice("true", f)), "true");
    assertEquals(0, inJava(withChoice("false", f)), "false");
    // oneDNN's avx512_core needs AVX-512 F, BW, VL and DQ: the kernel's flags, where Linux shows them
    CpuFeatures cpu = CpuFeatures.current();
    if (!cpu.flags().isEmpty()) {
      boolean core = Stream.of("avx512f", "avx512bw", "avx512vl", "avx512dq").allMatch(cpu::has);
      assertEquals(core, HostPooling.avx512(), "AVX-512 F, BW, VL and DQ in " + cpu.flags());
    }
    long auto = HostPooling.avx512() ? 0 : 2;
    assertEquals(auto, inJava(withChoice("auto", f)), "auto, AVX-512 " + HostPooling.avx512());
    assertEquals(auto, inJava(f.get()), "unset");
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> withChoice("java", f));
    assertEquals("-Dmlmp.nn.javaMaxPool must be auto, true or false. Got 'java' instead.", e.getMessage());
  }

  /** Conv 3×3 1→10, max pool 2, conv 2×2 10→9 RELU, max pool 2, dense 3 softmax, on 12 × 12 images. */
  private static org.mlmp.nn.Network leNetLike() {
    return org.mlmp.nn.Network.of(org.mlmp.nn.Shape.image(1, 12, 12), org.mlmp.nn.Loss.CROSS_ENTROPY,
        org.mlmp.nn.Conv2d.of(10, 3, org.mlmp.nn.Activation.IDENTITY), org.mlmp.nn.MaxPool.of(2),
        org.mlmp.nn.Conv2d.of(9, 2, org.mlmp.nn.Activation.RELU), org.mlmp.nn.MaxPool.of(2), org.mlmp.nn.Flatten.of(),
        org.mlmp.nn.Dense.of(3, org.mlmp.nn.Activation.SOFTMAX));
  }

  private static long inJava(Plan p) {
    return Arrays.stream(p.nodes).filter(n -> n instanceof Node.PoolNode pool && pool.java != null).count();
  }

  /** {@code build} run with {@code -Dmlmp.nn.javaMaxPool} set to {@code value}, the property restored after. */
  private static <T> T withChoice(String value, java.util.function.Supplier<T> build) {
    return PropertyScope.with(HostMaxPool.CHOICE, value, build);
  }

  private static int[] bits(INDArray a) {
    float[] f = a.reshape(a.length()).toFloatVector();
    int[] b = new int[f.length];
    for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
    return b;
  }
}
