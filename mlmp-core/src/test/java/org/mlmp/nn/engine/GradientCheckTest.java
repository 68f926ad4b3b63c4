package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlmp.nn.Activation.*;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.nn.Activation;
import org.mlmp.nn.AvgPool;
import org.mlmp.nn.BatchNorm;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Dropout;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Layer;
import org.mlmp.nn.Loss;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.Shape;
import org.mlmp.nn.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient checks on the double-precision path: every parameter's back-propagated ∂C/∂w against the
 * central difference (C(w + ε) − C(w − ε)) / 2ε with ε = 1e-6, relative error
 * |a − n| / max(|a|, |n|) ≤ 1e-3 (DL4J's GradientCheckUtil and torch.autograd.gradcheck use the same
 * method); pairs with both |a|, |n| below 1e-8 count as equal, and a difference within the central difference's own
 * rounding error passes too: each cost is computed to a few units in the last place (ulp) of C, and the difference of
 * two such values divided by 2ε is off by up to about {@value #ROUNDING_ULPS} ulp(C) / 2ε (3.5e-9 at C ≈ 1). That
 * bound only matters for gradients below a few 1e-6, where 1e-3 relative is finer than the difference can resolve: on
 * a 5th-generation Xeon (2026-12-06) one of 2.077e-7 (the LEAKY_RELU network's output weight 29, no kink on its path)
 * came out 2.2e-10 from its central difference, 1.04e-3 relative. Every layer type, activation and loss appears in at
 * least one network.
 */
class GradientCheckTest {
  static final double EPS = 1e-6, MAX_REL = 1e-3, MIN_ABS = 1e-8;
  /** The central difference's rounding error, in units in the last place of the cost (see the class comment). */
  static final int ROUNDING_ULPS = 32;

  record Case(String name, Network net) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Network vec(int in, Loss loss, Layer... layers) {
    return Network.of(Shape.vector(in), loss, layers).withInit(WeightInit.XAVIER);
  }

  static Stream<Case> cases() {
    Stream<Case> hidden = Stream.of(SIGMOID, TANH, RELU, LEAKY_RELU, IDENTITY, BINARY_STEP)
        .map(f -> new Case("hidden " + f + ", softmax + cross-entropy",
            vec(4, Loss.CROSS_ENTROPY, Dense.of(5, f), Dense.of(3, SOFTMAX))));
    Stream<Case> outputs = Stream.of(IDENTITY, SIGMOID, TANH, SOFTMAX, RELU, LEAKY_RELU)
        .map(f -> new Case("tanh hidden, " + f + " output + squared error",
            vec(4, Loss.SQUARED_ERROR, Dense.of(6, TANH), Dense.of(3, f))));
    Stream<Case> others = Stream.of(
        new Case("sigmoid output + binary cross-entropy",
            vec(3, Loss.CROSS_ENTROPY, Dense.of(4, RELU), Dense.of(1, SIGMOID))),
        new Case("dropout between dense layers",
            vec(5, Loss.CROSS_ENTROPY, Dense.of(8, RELU), Dropout.of(0.3), Dense.of(3, SOFTMAX))),
        new Case("a wide hidden layer (40 units: at batch 4 its float input gradient is (W·dz^T)^T)",
            vec(3, Loss.CROSS_ENTROPY, Dense.of(6, TANH), Dense.of(40, RELU), Dense.of(3, SOFTMAX))),
        new Case("conv stride 2 padding 1 relu, max pool, conv, avg pool, dense",
            Network.of(Shape.image(2, 9, 9), Loss.CROSS_ENTROPY, Conv2d.of(3, 3, RELU).withStride(2)
                .withPadding(1), MaxPool.of(2), Conv2d.of(4, 2, TANH).withPadding(1), AvgPool.of(2)
                .withStride(1), Flatten.of(), Dense.of(3, SOFTMAX)).withInit(WeightInit.XAVIER)),
        new Case("LeNet-like: conv identity, max pool (overlapping), conv sigmoid, dense, squared error",
            Network.of(Shape.image(1, 10, 10), Loss.SQUARED_ERROR, Conv2d.of(3, 3, IDENTITY), MaxPool.of(3)
                .withStride(2), Conv2d.of(2, 2, SIGMOID), Flatten.of(), Dense.of(4, LEAKY_RELU), Dense.of(2, IDENTITY))),
        new Case("channels-last run (float host path): conv relu pad 1, avg pool, conv tanh pad 1, max pool, dense",
            Network.of(Shape.image(1, 8, 8), Loss.CROSS_ENTROPY, Conv2d.of(4, 3, RELU).withPadding(1), AvgPool.of(2),
                Conv2d.of(3, 3, TANH).withPadding(1), MaxPool.of(2), Flatten.of(), Dense.of(3, SOFTMAX))
                .withInit(WeightInit.XAVIER)),
        new Case("strided convs with input gradients: 3x3 stride 2 (last row and column unread), 5x5 stride 4 pad 2",
            Network.of(Shape.image(2, 10, 10), Loss.SQUARED_ERROR, Conv2d.of(3, 3, TANH).withPadding(1),
                Conv2d.of(4, 3, RELU).withStride(2), Conv2d.of(3, 1, IDENTITY), Conv2d.of(3, 5, TANH).withStride(4)
                .withPadding(2), Flatten.of(), Dense.of(2, IDENTITY)).withInit(WeightInit.XAVIER)),
        new Case("strided conv with an input gradient reading x's last row and column: 3x3 stride 2 pad 1 on 9x9",
            Network.of(Shape.image(2, 10, 10), Loss.SQUARED_ERROR, Conv2d.of(3, 2, TANH), Conv2d.of(4, 3, RELU)
                .withStride(2).withPadding(1), Flatten.of(), Dense.of(2, IDENTITY)).withInit(WeightInit.XAVIER)),
        new Case("dropout of rate 0 (a view of the input) in front of a strided conv, which returns its input gradient",
            Network.of(Shape.image(2, 9, 9), Loss.SQUARED_ERROR, Dropout.of(0.0), Conv2d.of(3, 3, TANH).withStride(2)
                .withPadding(1), Flatten.of(), Dense.of(2, IDENTITY)).withInit(WeightInit.XAVIER)),
        new Case("batch norm (relu) after dense, batch norm (identity) before the output",
            vec(4, Loss.CROSS_ENTROPY, Dense.of(5, IDENTITY), BatchNorm.of(RELU), Dense.of(4, TANH),
                BatchNorm.of(IDENTITY).withMomentum(0.3).withEpsilon(1e-3), Dense.of(3, SOFTMAX))),
        new Case("batch norm first (image input), conv, batch norm per channel (tanh), max pool, dense",
            Network.of(Shape.image(2, 6, 6), Loss.CROSS_ENTROPY, BatchNorm.of(IDENTITY), Conv2d.of(3, 3, IDENTITY)
                .withPadding(1), BatchNorm.of(TANH), MaxPool.of(2), Flatten.of(), Dense.of(3, SOFTMAX))
                .withInit(WeightInit.XAVIER)));
    return Stream.concat(Stream.concat(hidden, outputs), others);
  }

  /** Fills input and target of a plan with seeded values (one-hot targets for cross-entropy). */
  static void fill(Plan plan, Network net, long seed) {
    Random r = new Random(seed);
    INDArray x = plan.input(), y = plan.target();
    for (long i = 0; i < x.length(); i++) x.putScalar(i, r.nextGaussian());
    int k = (int) y.size(1);
    for (int n = 0; n < y.size(0); n++) {
      int c = r.nextInt(Math.max(2, k));
      for (int j = 0; j < k; j++) {
        double v = net.loss() == Loss.SQUARED_ERROR ? r.nextDouble()
            : k == 1 ? c : (j == c ? 1 : 0);
        y.putScalar(new long[] {n, j}, v);
      }
    }
  }

  static double loss(Plan plan) {
    plan.forward(true, 42);
    return plan.loss();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void backPropagationMatchesCentralDifferences(Case c) {
    Program p = org.mlmp.nn.EngineAccess.program(c.net(), DataType.DOUBLE, 11);
    Plan plan = p.plan(3);
    fill(plan, c.net(), 5);
    plan.forward(true, 42);
    plan.backward();
    double[] analytic = p.grads().data().asDouble();
    int checked = 0;
    double worst = 0;
    for (int i = 0; i < p.size(); i++) {
      double w = p.params().getDouble(i);
      p.params().putScalar(i, w + EPS);
      double up = loss(plan);
      p.params().putScalar(i, w - EPS);
      double down = loss(plan);
      p.params().putScalar(i, w);
      double numeric = (up - down) / (2 * EPS), a = analytic[i];
      if (Math.abs(a) < MIN_ABS && Math.abs(numeric) < MIN_ABS) continue;
      double rel = Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric));
      double rounding = ROUNDING_ULPS * Math.ulp(Math.max(Math.abs(up), Math.abs(down))) / (2 * EPS);
      worst = Math.max(worst, rel);
      assertTrue(rel <= MAX_REL || Math.abs(a - numeric) <= rounding, c + ": parameter " + i + " analytic " + a
          + " numeric " + numeric + " rel " + rel + " (the central difference's rounding error " + rounding + ")");
      checked++;
    }
    boolean step = c.net().layers().stream().anyMatch(l -> l instanceof Dense d && d.activation() == BINARY_STEP);
    assertTrue(checked > (step ? p.size() / 4 : p.size() / 2),
        c + ": only " + checked + " of " + p.size() + " gradients were non-zero");
  }
}
