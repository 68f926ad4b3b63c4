package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostBlocked;
import org.mlmp.backend.HostConvolution;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.EngineAccess;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Loss;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A plan that holds the activations between oneDNN's convolutions and pools in oneDNN's blocked layout
 * ({@link Plan#blocked}) gives bitwise the outputs, activations and gradients of the same plan on NCHW arrays
 * ({@code -Dmlmp.nn.blocked=false}), and the double engine's to float rounding.
 */
class BlockedPlanTest {
  private static final String PROPERTY = "mlmp.nn.blocked";

  @BeforeEach
  void needsOneDnn() {
    Assumptions.assumeTrue(HostBlas.hostMemory() && HostConvolution.available(), "oneDNN on host memory only");
  }

  /**
   * AlexNet's feature layers in small: a strided first convolution, overlapping max pools, stride-1 convolutions with
   * RELU, channels a whole number of blocks on every processor (16); a pool into the Flatten.
   */
  static Network net() {
    int c = 16;
    return Network.of(Shape.image(3, 19, 19), Loss.CROSS_ENTROPY,
        Conv2d.of(c, 5, Activation.RELU).withStride(2).withPadding(1), MaxPool.of(3).withStride(2),
        Conv2d.of(c, 3, Activation.RELU).withPadding(1), Conv2d.of(c, 3, Activation.TANH).withPadding(1),
        MaxPool.of(2), Flatten.of(), Dense.of(5, Activation.SOFTMAX));
  }

  /** {@code build} run with {@code -Dmlmp.nn.blocked} set to {@code value}, the property restored after. */
  private static <T> T with(String value, Supplier<T> build) {
    return PropertyScope.with(PROPERTY, value, build);
  }

  private static Plan plan(String blocked) {
    return with(blocked, () -> EngineAccess.program(net(), DataType.FLOAT, 3).plan(4));
  }

  private static void assertSameBits(INDArray expected, INDArray actual, String what) {
    assertArrayEquals(expected.dup('c').data().asFloat(), actual.dup('c').data().asFloat(), what);
  }

  @Test
  void blockedActivationsGiveTheBitsOfNchw() {
    Plan on = plan("true"), off = plan("false");
    // the activations between the convolutions and pools: layers 1..4's inputs; not the image, nor the last pool's
    // output (the Flatten reads NCHW)
    assertArrayEquals(new boolean[] {false, true, true, true, true, false, false, false}, on.blocked);
    assertArrayEquals(new boolean[8], off.blocked);
    for (Plan p : new Plan[] {on, off}) {
      GradientCheckTest.fill(p, net(), 9);
      p.forward(true, 1);
      p.backward();
    }
    assertSameBits(off.output(), on.output(), "output");
    assertSameBits(off.program.grads(), on.program.grads(), "gradients");
    // and both are the double engine's, whose gradients GradientCheckTest checks against central differences
    Plan d = EngineAccess.program(net(), DataType.DOUBLE, 3).plan(4);
    GradientCheckTest.fill(d, net(), 9);
    d.forward(true, 1);
    d.backward();
    double r = FloatPathTest.relMax(on.program.grads(), d.program.grads());
    assertTrue(r <= 1e-4, "blocked float vs double, relative " + r);
    for (int i = 0; i < on.nodes.length; i++) assertSameBits(off.activation(i), on.activation(i), "layer " + i);
    // the blocked arrays themselves are not in NCHW order
    assertTrue(!on.acts[2].equals(off.acts[2]), "layer 1's output is held blocked");
    // a cost defined on a blocked layer's output (layer 2, a convolution between two blocked activations)
    INDArray g = Nd4j.rand(DataType.FLOAT, 4, 16 * 4 * 4).subi(0.5);
    for (Plan p : new Plan[] {on, off}) {
      p.forward(true, 1, 2);
      p.backward(2, g);
    }
    assertSameBits(off.program.grads(), on.program.grads(), "gradients of a cost on layer 2");
  }

  @Test
  void notWithChannelsThatAreNoWholeBlocksNorWhereItIsTurnedOff() {
    int c = HostBlocked.block() + 4;
    Network odd = Network.of(Shape.image(3, 12, 12), Loss.CROSS_ENTROPY, Conv2d.of(c, 3, Activation.RELU),
        MaxPool.of(2), Conv2d.of(c, 3, Activation.RELU), Flatten.of(), Dense.of(3, Activation.SOFTMAX));
    Plan p = with("true", () -> EngineAccess.program(odd, DataType.FLOAT, 3).plan(2));
    assertArrayEquals(new boolean[6], p.blocked);
    Plan d = with("true", () -> EngineAccess.program(net(), DataType.DOUBLE, 3).plan(2));
    assertArrayEquals(new boolean[8], d.blocked, "double");
    var e = assertThrows(IllegalArgumentException.class, () -> plan("yes"));
    assertEquals("-Dmlmp.nn.blocked must be true or false. Got 'yes' instead.", e.getMessage());
    // "auto" belongs to switches with an automatic choice (-Dmlmp.nn.javaMaxPool), not to this one
    var auto = assertThrows(IllegalArgumentException.class, () -> plan("auto"));
    assertEquals("-Dmlmp.nn.blocked must be true or false. Got 'auto' instead.", auto.getMessage());
  }
}
