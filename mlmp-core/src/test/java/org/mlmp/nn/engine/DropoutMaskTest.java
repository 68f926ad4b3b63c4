package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Dropout;
import org.mlmp.nn.EngineAccess;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dropout masks are per example: a mask row is a function of (step seed, layer, example index) only. The network
 * starts with the dropout layer and its input is all ones, so layer 0's output is the mask itself.
 */
class DropoutMaskTest {
  static Network net(int units, double rate) {
    return Network.of(Shape.vector(units), Loss.CROSS_ENTROPY, Dropout.of(rate), Dense.of(2, Activation.SOFTMAX));
  }

  /** The masks of a batch whose rows are the examples {@code examples}: row r is example examples[r]'s mask. */
  static float[][] masks(Program p, int units, int[] examples, long seed) {
    Plan plan = p.plan(examples.length);
    plan.input().assign(1);
    plan.setExamples(examples);
    plan.forward(true, seed);
    float[][] rows = new float[examples.length][];
    float[] all = plan.activation(0).castTo(DataType.FLOAT).dup('c').data().asFloat();
    for (int r = 0; r < examples.length; r++) rows[r] = Arrays.copyOfRange(all, r * units, (r + 1) * units);
    return rows;
  }

  /**
   * An example's mask row is bitwise the same whichever batch it is in, at whichever position, next to whichever
   * other examples, in whatever batch size; and in FLOAT and DOUBLE the same units are kept. Another example, another
   * step seed give another row. 9 units (odd: the last unit takes the high half of a last hash).
   */
  @Test
  void aRowDependsOnItsExampleNotOnItsBatch() {
    int units = 9;
    Program f = EngineAccess.program(net(units, 0.5), DataType.FLOAT, 1);
    float[][] a = masks(f, units, new int[] {5, 17, 3, 42}, 77);
    float[][] b = masks(f, units, new int[] {42, 99, 5}, 77);
    float[][] c = masks(f, units, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}, 77);
    float[][] alone = masks(f, units, new int[] {42}, 77);
    assertArrayEquals(a[3], b[0]);
    assertArrayEquals(a[3], alone[0]);
    assertArrayEquals(a[0], b[2]);
    assertArrayEquals(a[0], c[4]);
    assertArrayEquals(a[1], c[16]);
    assertArrayEquals(a[2], c[2]);
    // The batch positions (no example indices set) are the examples 0..B−1.
    Plan plan = f.plan(17);
    plan.setExamples(null);
    plan.input().assign(1);
    plan.forward(true, 77);
    float[] firstRows = plan.activation(0).dup('c').data().asFloat();
    assertArrayEquals(masks(f, units, new int[] {3}, 77)[0], Arrays.copyOfRange(firstRows, 3 * units, 4 * units));

    assertFalse(Arrays.equals(a[0], a[1]), "two examples, one mask");
    assertFalse(Arrays.equals(a[0], masks(f, units, new int[] {5}, 78)[0]), "two step seeds, one mask");
    float scale = (float) (1 / 0.5);
    for (float[] row : c) for (float v : row) assertTrue(v == 0 || v == scale, "a mask value " + v);

    Program d = EngineAccess.program(net(units, 0.5), DataType.DOUBLE, 1);
    float[][] dm = masks(d, units, new int[] {42, 99, 5}, 77);
    for (int r = 0; r < 3; r++) assertArrayEquals(b[r], dm[r], "row " + r + " in DOUBLE");
  }

  /**
   * Layers draw independent masks: two dropout layers in a row (the second sees the first's output) keep each unit
   * of an example with probability keep² overall, not keep, so their masks are not the same.
   */
  @Test
  void twoLayersDrawTwoMasks() {
    int units = 2000;
    Network twice = Network.of(Shape.vector(units), Loss.CROSS_ENTROPY, Dropout.of(0.5), Dropout.of(0.5),
        Dense.of(2, Activation.SOFTMAX));
    Plan plan = EngineAccess.program(twice, DataType.FLOAT, 1).plan(1);
    plan.input().assign(1);
    plan.setExamples(new int[] {7});
    plan.forward(true, 5);
    double first = plan.activation(0).neq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue();
    double both = plan.activation(1).neq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue();
    // Binomial(2000, 1/2) and Binomial(2000, 1/4): 6σ = 134 and 116.
    assertEquals(1000, first, 134);
    assertEquals(500, both, 116);
  }

  /**
   * Keep rate: over a mask of 200 examples × 5 000 units = 10^6 units at rate 0.3, the kept count is
   * Binomial(10^6, 0.7): mean 700 000, σ = √(10^6·0.7·0.3) ≈ 458; asserted within 6σ = 2 750 (a fraction within
   * 0.00275). The same for the even and the odd units separately (the high and the low halves of the hashes,
   * 5·10^5 each: σ ≈ 324, 6σ = 1 944), and neighbours are independent: pairs (2k, 2k+1) both kept, Binomial(5·10^5,
   * 0.49): σ ≈ 353, within 6σ = 2 121 of 245 000.
   */
  @Test
  void keptFractionIsTheKeepRateWithinABinomialBound() {
    int rows = 200, units = 5000;
    Program f = EngineAccess.program(net(units, 0.3), DataType.FLOAT, 1);
    int[] examples = new int[rows];
    for (int r = 0; r < rows; r++) examples[r] = 1000 + 3 * r;
    float[][] m = masks(f, units, examples, 12345);
    long kept = 0, even = 0, odd = 0, pairs = 0;
    for (float[] row : m) {
      for (int u = 0; u < units; u += 2) {
        boolean k0 = row[u] != 0, k1 = row[u + 1] != 0;
        even += k0 ? 1 : 0;
        odd += k1 ? 1 : 0;
        pairs += k0 && k1 ? 1 : 0;
      }
    }
    kept = even + odd;
    assertEquals(700_000, kept, 2_750, "kept units of 10^6");
    assertEquals(350_000, even, 1_944, "kept even units of 5·10^5");
    assertEquals(350_000, odd, 1_944, "kept odd units of 5·10^5");
    assertEquals(245_000, pairs, 2_121, "kept neighbour pairs of 5·10^5");
  }

  /**
   * A rate-0 dropout layer is a view (Plan.identity): its output is its input array and its input gradient its output
   * gradient, in a network that flattens an image after a convolution and in its dense part; the loss and every
   * gradient are bitwise those of the same network without the three dropout layers, the parameters copied over.
   */
  @Test
  void aRateZeroLayerIsAViewWithTheSameLossAndGradients() {
    Network with = Network.of(Shape.image(2, 6, 6), Loss.CROSS_ENTROPY, Dropout.of(0.0),
        Conv2d.of(3, 3, Activation.RELU), Dropout.of(0.0), Flatten.of(), Dense.of(5, Activation.RELU), Dropout.of(0.0),
        Dense.of(2, Activation.SOFTMAX));
    Network without = Network.of(Shape.image(2, 6, 6), Loss.CROSS_ENTROPY, Conv2d.of(3, 3, Activation.RELU),
        Flatten.of(), Dense.of(5, Activation.RELU), Dense.of(2, Activation.SOFTMAX));
    Program a = EngineAccess.program(with, DataType.FLOAT, 3), b = EngineAccess.program(without, DataType.FLOAT, 3);
    assertEquals(a.params.length(), b.params.length());
    b.params.assign(a.params);
    Plan pa = a.plan(4), pb = b.plan(4);
    pa.input().assign(7);
    assertEquals(7f, pa.activation(0).getFloat(1, 1, 2, 3), "layer 0's output is the input's memory (no forward pass)");
    assertSame(pa.activation(1), pa.activation(2), "layer 2's output is layer 1's");
    assertSame(pa.activation(4), pa.activation(5), "layer 5's output is layer 4's");
    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 72).subi(0.5);
    for (Plan p : new Plan[] {pa, pb}) {
      p.input().assign(x);
      p.target().assign(Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}}));
      p.forward(true, 9);
      p.backward();
    }
    assertEquals(pb.loss(), pa.loss(), 0.0);
    assertArrayEquals(pb.output().data().asFloat(), pa.output().data().asFloat());
    assertArrayEquals(b.grads.data().asFloat(), a.grads.data().asFloat());
    assertTrue(b.grads.amaxNumber().doubleValue() > 0, "the gradients are not all 0");
  }

  /** A rate-0 dropout node given its own output array (not the plan's view of its input) refuses it and says why. */
  @Test
  void aRateZeroNodeWithoutThePlansViewsNamesWhatItNeeds() {
    Program p = EngineAccess.program(net(4, 0.0), DataType.FLOAT, 1);
    INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 4), a = Nd4j.zeros(DataType.FLOAT, 2, 4);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new Node.DropoutNode(p, new Op.Dropping(0.0), x, a, a, null, new int[] {0, 1}));
    assertEquals("A rate-0 dropout layer needs the plan's views of its input and output gradient as its output and"
        + " input gradient (Plan.identity).", e.getMessage());
  }

  /** The keep threshold on a 32-bit draw: keep·2^32 rounded, so the probability is keep to 2^-33. */
  @Test
  void keepThresholdIsKeepTimesTwoToThe32() {
    assertEquals(1L << 31, Node.DropoutNode.keepBits(0.5));
    assertEquals(1L << 32, Node.DropoutNode.keepBits(1.0));
    assertEquals(Math.round(0.7 * 4294967296.0), Node.DropoutNode.keepBits(0.7));
  }
}
