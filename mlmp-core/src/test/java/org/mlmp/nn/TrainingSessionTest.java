package org.mlmp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlmp.nn.Activation.RELU;
import static org.mlmp.nn.Activation.SOFTMAX;
import static org.mlmp.nn.Activation.TANH;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The public training API: gradients, steps, state, and agreement with NeuralNet's own loop. */
class TrainingSessionTest {
  static final Network TINY = Network.of(Shape.vector(3), Loss.CROSS_ENTROPY, Dense.of(4, TANH), Dense.of(2, SOFTMAX))
      .withInit(WeightInit.XAVIER);

  static Stream<Optimizer> optimizers() {
    return Stream.of(Optimizer.Sgd.of(0.1), Optimizer.Momentum.of(0.05, 0.9).withNesterov(true),
        Optimizer.Adam.of(0.01));
  }

  /** A batch of 5 rows with one-hot targets, seeded. */
  static INDArray[] batch(long seed, DataType t) {
    Random r = new Random(seed);
    INDArray x = Nd4j.create(t, 5, 3), y = Nd4j.zeros(t, 5, 2);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 3; j++) x.putScalar(i, j, r.nextGaussian());
      y.putScalar(i, r.nextInt(2), 1);
    }
    return new INDArray[] {x, y};
  }

  static long[] bits(INDArray a) {
    return NeuralNetTest.bits(a.castTo(DataType.FLOAT).toFloatVector());
  }

  @Test
  void gradientIsTheCentralDifferenceOfTheCostAndLeavesParametersAlone() {
    // Double precision, ε = 1e-6: |analytic − numeric| ≤ 1e-7 + 1e-5·|numeric| for every parameter.
    TrainingSession s = TrainingSession.of(TINY, null, 4, DataType.DOUBLE);
    INDArray[] b = batch(1, DataType.DOUBLE);
    INDArray theta = s.parameters();
    double[] g = s.gradient(b[0], b[1], 0).toDoubleVector();
    assertArrayEquals(theta.toDoubleVector(), s.parameters().toDoubleVector(), "gradient must not move the parameters");
    assertEquals(TINY.parameterCount(), g.length);
    double eps = 1e-6;
    for (int i = 0; i < g.length; i++) {
      INDArray up = theta.dup(), down = theta.dup();
      up.putScalar(i, up.getDouble(i) + eps);
      down.putScalar(i, down.getDouble(i) - eps);
      s.setParameters(up);
      double cUp = s.cost(b[0], b[1], 0);
      s.setParameters(down);
      double cDown = s.cost(b[0], b[1], 0);
      double numeric = (cUp - cDown) / (2 * eps);
      assertTrue(Math.abs(g[i] - numeric) <= 1e-7 + 1e-5 * Math.abs(numeric),
          "parameter " + i + ": analytic " + g[i] + ", numeric " + numeric);
    }
    assertTrue(java.util.Arrays.stream(g).anyMatch(v -> Math.abs(v) > 1e-3), "a gradient that is all zeros");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void stepIsTheOptimiserAppliedToTheGradient(Optimizer opt) {
    TrainingSession stepped = TrainingSession.of(TINY, opt, 7), applied = TrainingSession.of(TINY, opt, 7);
    for (int t = 0; t < 3; t++) {
      INDArray[] b = batch(10 + t, DataType.FLOAT);
      double rate = opt.learningRate() * Math.pow(0.5, t);
      double cost = stepped.step(b[0], b[1], rate, t);
      assertEquals(applied.cost(b[0], b[1], t), cost);
      applied.applyGradient(applied.gradient(b[0], b[1], t), rate);
      assertArrayEquals(bits(stepped.parameters()), bits(applied.parameters()), "after step " + (t + 1));
    }
    assertEquals(3, stepped.steps());
    assertEquals(3, applied.steps());
    Map<String, INDArray> a = stepped.optimizerState(), b = applied.optimizerState();
    assertEquals(a.keySet(), b.keySet());
    for (String k : a.keySet()) assertArrayEquals(a.get(k).toDoubleVector(), b.get(k).toDoubleVector(), k);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void exportedStateContinuesBitwiseInAnotherSession(Optimizer opt) {
    TrainingSession first = TrainingSession.of(TINY, opt, 3);
    for (int t = 0; t < 2; t++) {
      INDArray[] b = batch(20 + t, DataType.FLOAT);
      first.step(b[0], b[1]);
    }
    TrainingSession second = TrainingSession.of(TINY, opt, 99);
    second.setParameters(first.parameters());
    second.setOptimizerState(first.optimizerState());
    assertEquals(2, second.steps());
    INDArray[] b = batch(30, DataType.FLOAT);
    first.step(b[0], b[1], opt.learningRate(), 5);
    second.step(b[0], b[1], opt.learningRate(), 5);
    assertArrayEquals(bits(first.parameters()), bits(second.parameters()));
  }

  /**
   * NeuralNet's loop runs on a session: the same batches (the epoch's shuffled order), learning rates
   * (α·decay^(e−1)) and dropout seeds give bitwise the parameters of {@link NeuralNet#fit}.
   */
  @Test
  void stepsInNeuralNetsOrderGiveBitwiseItsModel() {
    Network net = Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(16, RELU), Dropout.of(0.2),
        Dense.of(3, SOFTMAX));
    NeuralNet cfg = NeuralNet.of(net, Optimizer.Adam.of(0.01)).withEpochs(3).withBatchSize(16).withSeed(9)
        .withValidation(0, 0).withScaling(InputScaling.NONE).withLearningRateDecay(0.7);
    Dataset d = NeuralNetTest.blobs(90, 3);
    NeuralNetModel fitted = cfg.fit(d);

    INDArray x = Scaler.fit(InputScaling.NONE, d.x()).apply(d.x());
    INDArray t = Targets.of(net, d.y()).encode(d.y(), 3);
    TrainingSession s = TrainingSession.of(net, cfg.optimizer(), cfg.seed());
    int n = (int) x.rows();
    for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
      long epochSeed = TrainingSession.mix(cfg.seed(), epoch);
      int[] order = Partition.shuffled(n, epochSeed);
      double rate = 0.01 * Math.pow(0.7, epoch - 1);
      for (int b = 0, from = 0; from < n; b++, from += 16) {
        int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + 16));
        s.step(x.getRows(rows), t.getRows(rows), rate, TrainingSession.mix(epochSeed, b));
      }
    }
    assertArrayEquals(NeuralNetTest.bits(fitted.parameters()), bits(s.parameters()));
  }

  @Test
  void badBatchesAndMissingOptimiserAreNamed() {
    TrainingSession s = TrainingSession.of(TINY, null, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.gradient(Nd4j.zeros(DataType.FLOAT, 5, 4), Nd4j.zeros(DataType.FLOAT, 5, 2)));
    assertEquals("The 'x' batch of a TrainingSession must have shape [B ≥ 1, 3]. Got [5, 4] instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> s.gradient(Nd4j.zeros(DataType.FLOAT, 5, 3), Nd4j.zeros(DataType.FLOAT, 4, 2)));
    assertEquals("The 'y' batch of a TrainingSession must have shape [5, 2]. Got [4, 2] instead.", e.getMessage());
    IllegalStateException st = assertThrows(IllegalStateException.class,
        () -> s.step(Nd4j.zeros(DataType.FLOAT, 5, 3), Nd4j.zeros(DataType.FLOAT, 5, 2)));
    assertEquals("step needs an optimiser; this TrainingSession was made without one. Pass an Optimizer to"
        + " TrainingSession.of.", st.getMessage());
    TrainingSession adam = TrainingSession.of(TINY, Optimizer.Adam.of(0.1), 0);
    e = assertThrows(IllegalArgumentException.class,
        () -> adam.applyGradient(Nd4j.zeros(DataType.FLOAT, 7), 0.1));
    assertEquals("The gradient must be a flat vector of " + TINY.parameterCount() + " values (this network's parameters)."
        + " Got 7 values instead.", e.getMessage());
    st = assertThrows(IllegalStateException.class, adam::step);
    assertEquals("No batch is loaded in this TrainingSession. Call load(x, y) first.", st.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainingSession.of(TINY, null, 0, DataType.HALF));
    assertEquals("A TrainingSession computes in FLOAT or DOUBLE. Got HALF instead.", e.getMessage());
  }
}
