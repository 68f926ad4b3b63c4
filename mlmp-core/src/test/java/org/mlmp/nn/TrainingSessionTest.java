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
  /** A convolution network: identity dropout, 3 filters of 3 × 3 on 2 channels of 5 × 5 (padding 1), linear head. */
  static final Network CONV = Network.of(Shape.image(2, 5, 5), Loss.SQUARED_ERROR, Dropout.of(0.0),
      Conv2d.of(3, 3, TANH).withPadding(1), Flatten.of(), Dense.of(3, Activation.IDENTITY)).withInit(WeightInit.XAVIER);

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

  /**
   * Back-propagating a given ∂C/∂a equals back-propagating the network's own cost when that gradient is the
   * cost's: for softmax + cross-entropy ∂C/∂a = −y/(B·a) (through softmax's derivative, not the fused (a − y)/B
   * path), and for a convolution network (identity dropout, conv, linear head) with squared error (a − y)/B; double
   * precision, to 1e-12 relative.
   */
  @Test
  void backpropagatingTheCostsOwnOutputGradientGivesTheCostsGradient() {
    TrainingSession s = TrainingSession.of(TINY, null, 4, DataType.DOUBLE);
    INDArray[] b = batch(1, DataType.DOUBLE);
    INDArray expected = s.gradient(b[0], b[1], 0);
    s.load(b[0], b[1]);
    s.forward();
    INDArray a = s.program().plan(5).output().dup();
    s.backpropagate(b[1].neg().div(a).div(5));
    assertGradientsAgree(expected, s, "softmax + cross-entropy");
    TrainingSession c = TrainingSession.of(CONV, null, 7, DataType.DOUBLE);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 50), y = Nd4j.rand(DataType.DOUBLE, 4, 3);
    INDArray expectedConv = c.gradient(x, y, 0);
    c.load(x, y);
    c.forward();
    INDArray out = c.program().plan(4).output().dup();
    c.backpropagate(out.sub(y).div(4));
    assertGradientsAgree(expectedConv, c, "conv output + squared error");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.backpropagate(Nd4j.ones(DataType.DOUBLE, 4, 2)));
    assertEquals("The 'outputGradient' batch of a TrainingSession must have shape [4, 3]. Got [4, 2] instead.",
        e.getMessage());
  }

  /**
   * A cost defined on a hidden layer's output, C = Σ G ⊙ a (a the convolution's activated output): the gradient of
   * {@code backpropagate(1, G)} agrees with central differences of C over every convolution parameter (double
   * precision, C evaluated with {@code forward(1)}: h = 1e-5, to 1e-7 of the largest entry); the head's parameters
   * get exactly 0 (after a full pass had left them non-zero); the Flatten after the convolution gives bitwise the
   * same gradient (its output is the convolution's, C·H·W order); and the last layer's index is
   * {@code backpropagate(G)}, bitwise.
   */
  @Test
  void backpropagatingAHiddenLayersGradientGivesThatCostsGradient() {
    TrainingSession c = TrainingSession.of(CONV, null, 7, DataType.DOUBLE);
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 50), y = Nd4j.rand(DataType.DOUBLE, 4, 3);
    INDArray g = Nd4j.rand(DataType.DOUBLE, 4, 75).subi(0.5);
    c.load(x, y);
    c.backpropagate();
    int convParams = 3 * 2 * 9 + 3;
    assertTrue(grads(c)[convParams + 5] != 0, "the head's gradient after a full pass");
    c.backpropagate(1, g);
    double[] got = grads(c);
    double[] theta = c.parameters().toDoubleVector();
    double scale = 0;
    for (int i = 0; i < convParams; i++) scale = Math.max(scale, Math.abs(got[i]));
    assertTrue(scale > 0);
    double h = 1e-5;
    for (int i = 0; i < convParams; i++) {
      double[] up = theta.clone(), down = theta.clone();
      up[i] += h;
      down[i] -= h;
      double fd = (hiddenCost(c, up, g) - hiddenCost(c, down, g)) / (2 * h);
      assertEquals(fd, got[i], 1e-7 * scale, "convolution parameter " + i);
    }
    c.setParameters(Nd4j.createFromArray(theta));
    for (int i = convParams; i < got.length; i++) assertEquals(0.0, got[i], "head parameter " + i);
    c.backpropagate(2, g);
    assertArrayEquals(got, grads(c), "the Flatten's output gradient");
    INDArray last = Nd4j.rand(DataType.DOUBLE, 4, 3);
    c.backpropagate(last);
    double[] whole = grads(c);
    c.backpropagate(3, last);
    assertArrayEquals(whole, grads(c), "the last layer's index");
  }

  /**
   * The same cost on a single-channel float network, whose convolutions and pooling run channels-last inside the plan
   * (the gradient G still in C·H·W order): its gradient agrees with the double session's to float rounding.
   */
  @Test
  void aHiddenLayersGradientInCHWOrderReachesAChannelsLastRun() {
    Network lenetLike = Network.of(Shape.image(1, 8, 8), Loss.SQUARED_ERROR, Conv2d.of(4, 3, TANH), MaxPool.of(2),
        Flatten.of(), Dense.of(2, Activation.IDENTITY)).withInit(WeightInit.XAVIER);
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 64), g = Nd4j.rand(DataType.DOUBLE, 3, 36).subi(0.5);
    double[][] out = new double[2][];
    DataType[] types = {DataType.DOUBLE, DataType.FLOAT};
    for (int k = 0; k < 2; k++) {
      TrainingSession s = TrainingSession.of(lenetLike, null, 11, types[k]);
      s.load(x.castTo(types[k]), null);
      s.backpropagate(1, g.castTo(types[k]));
      out[k] = grads(s);
    }
    double scale = 0;
    for (double v : out[0]) scale = Math.max(scale, Math.abs(v));
    assertTrue(scale > 0);
    for (int i = 0; i < out[0].length; i++) assertEquals(out[0][i], out[1][i], 1e-5 * scale, "parameter " + i);
  }

  @Test
  void aHiddenLayerPassNamesTheLayerRangeAndTheGradientShape() {
    TrainingSession c = TrainingSession.of(CONV, null, 7, DataType.DOUBLE);
    c.load(Nd4j.rand(DataType.DOUBLE, 4, 50), null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.backpropagate(4, Nd4j.ones(DataType.DOUBLE, 4, 3)));
    assertEquals("The layer index of a TrainingSession's pass must be in 0..3 (the network has 4 layers). Got 4"
        + " instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.forward(-1));
    assertEquals("The layer index of a TrainingSession's pass must be in 0..3 (the network has 4 layers). Got -1"
        + " instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.backpropagate(1, Nd4j.ones(DataType.DOUBLE, 4, 74)));
    assertEquals("The 'layerGradient' batch of a TrainingSession must have shape [4, 75]. Got [4, 74] instead.",
        e.getMessage());
  }

  /** C = Σ G ⊙ a of the first two layers' output (layer 1) with parameters θ. */
  private static double hiddenCost(TrainingSession s, double[] theta, INDArray g) {
    s.setParameters(Nd4j.createFromArray(theta));
    s.forward(1);
    return s.program().plan(4).activation(1).reshape('c', 4, 75).mul(g).sumNumber().doubleValue();
  }

  private static double[] grads(TrainingSession s) {
    return s.program().grads().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, s.size())).toDoubleVector();
  }

  private static void assertGradientsAgree(INDArray expected, TrainingSession s, String what) {
    double[] want = expected.toDoubleVector();
    double[] got = s.program().grads().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, s.size())).toDoubleVector();
    double scale = 0;
    for (double v : want) scale = Math.max(scale, Math.abs(v));
    assertTrue(scale > 0, what);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], 1e-12 * scale, what + ": parameter " + i);
    }
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
   * (α·decay^(e−1)), dropout seeds and example indices (the rows' indices in the data) give bitwise the parameters of
   * {@link NeuralNet#fit}.
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
        s.step(x.getRows(rows), t.getRows(rows), rows, rate, TrainingSession.mix(epochSeed, b));
      }
    }
    assertArrayEquals(NeuralNetTest.bits(fitted.parameters()), bits(s.parameters()));
  }

  /** loadRows + step(α, s) is the step on the same rows given as views, bitwise, for every optimiser. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void loadedRowsStepLikeTheirViews(Optimizer opt) {
    INDArray[] data = batch(41, DataType.FLOAT);
    TrainingSession views = TrainingSession.of(TINY, opt, 4), rows = TrainingSession.of(TINY, opt, 4);
    for (int step = 0; step < 3; step++) {
      int from = step % 3;
      var r = org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + 2);
      double a = views.step(data[0].get(r, org.nd4j.linalg.indexing.NDArrayIndex.all()),
          data[1].get(r, org.nd4j.linalg.indexing.NDArrayIndex.all()), opt.learningRate() / (step + 1), step);
      rows.loadRows(data[0], data[1], from, 2);
      double b = rows.step(opt.learningRate() / (step + 1), step);
      assertEquals(Double.doubleToLongBits(a), Double.doubleToLongBits(b));
      assertArrayEquals(bits(views.parameters()), bits(rows.parameters()));
    }
    assertEquals(3, rows.steps());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rows.loadRows(data[0], data[1], 4, 2));
    assertEquals("TrainingSession.loadRows needs rows >= 1 and 0 <= from <= from + rows <= 5 (the data's rows)."
        + " Got from 4, rows 2 instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rows.loadRows(data[0], data[1].get(
        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4), org.nd4j.linalg.indexing.NDArrayIndex.all()), 0, 2));
    assertEquals("The 'y' batch of a TrainingSession must have shape [5, 2]. Got [4, 2] instead.", e.getMessage());
  }

  /**
   * With dropout, a batch's cost and gradient depend on which examples it holds, not on their order or company: in
   * double precision, the cost (and the gradient) of 6 rows with example indices e equals the mean of the 6 one-row
   * costs (gradients) with the same indices to 1e-12 relative, and a permutation of the rows with their indices gives
   * the same gradient to 1e-12 relative; loadRows uses the data's row numbers as the indices (bitwise the same step as
   * load with them). Without the indices the rows are the examples 0..B−1, so the masks differ.
   */
  @Test
  void examplesNotBatchPositionsChooseTheDropoutMasks() {
    Network net = Network.of(Shape.vector(3), Loss.CROSS_ENTROPY, Dense.of(32, TANH), Dropout.of(0.5),
        Dense.of(2, SOFTMAX));
    TrainingSession s = TrainingSession.of(net, null, 4, DataType.DOUBLE);
    INDArray[] data = new INDArray[] {Nd4j.concat(0, batch(1, DataType.DOUBLE)[0], batch(2, DataType.DOUBLE)[0]),
        Nd4j.concat(0, batch(1, DataType.DOUBLE)[1], batch(2, DataType.DOUBLE)[1])};
    int[] rows = {7, 2, 9, 0, 4, 5}, perm = {3, 5, 0, 1, 4, 2};
    INDArray x = data[0].getRows(rows), y = data[1].getRows(rows);
    double cost = s.cost(x, y, rows, 11);
    INDArray g = s.gradient(x, y, rows, 11);
    double meanCost = 0;
    INDArray meanGrad = Nd4j.zeros(DataType.DOUBLE, g.length());
    for (int r = 0; r < rows.length; r++) {
      INDArray xr = data[0].getRows(rows[r]), yr = data[1].getRows(rows[r]);
      meanCost += s.cost(xr, yr, new int[] {rows[r]}, 11) / rows.length;
      meanGrad.addi(s.gradient(xr, yr, new int[] {rows[r]}, 11).div(rows.length));
    }
    assertEquals(meanCost, cost, 1e-12 * cost);
    double scale = g.amaxNumber().doubleValue();
    assertTrue(g.sub(meanGrad).amaxNumber().doubleValue() <= 1e-12 * scale, "one row at a time");
    int[] permuted = new int[rows.length];
    for (int i = 0; i < rows.length; i++) permuted[i] = rows[perm[i]];
    INDArray gp = s.gradient(data[0].getRows(permuted), data[1].getRows(permuted), permuted, 11);
    assertTrue(g.sub(gp).amaxNumber().doubleValue() <= 1e-12 * scale, "permuted rows");
    assertTrue(g.sub(s.gradient(x, y, 11)).amaxNumber().doubleValue() > 1e-6 * scale,
        "positions 0..5 as examples draw other masks than examples " + java.util.Arrays.toString(rows));

    TrainingSession a = TrainingSession.of(net, Optimizer.Adam.of(0.01), 4),
        b = TrainingSession.of(net, Optimizer.Adam.of(0.01), 4);
    INDArray xf = data[0].castTo(DataType.FLOAT), yf = data[1].castTo(DataType.FLOAT);
    a.loadRows(xf, yf, 3, 4);
    double ca = a.step(0.01, 21);
    double cb = b.step(xf.getRows(3, 4, 5, 6), yf.getRows(3, 4, 5, 6), new int[] {3, 4, 5, 6}, 0.01, 21);
    assertEquals(Double.doubleToLongBits(cb), Double.doubleToLongBits(ca));
    assertArrayEquals(bits(b.parameters()), bits(a.parameters()));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.cost(x, y, new int[] {1, 2}, 11));
    assertEquals("The 'examples' of a TrainingSession batch must hold one example index per row: 6 values. Got 2 values"
        + " instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.gradient(x, y, new int[] {1, 2, 3, -4, 5, 6}, 11));
    assertEquals("The 'examples' of a TrainingSession batch must be example indices >= 0 (rows of the training set)."
        + " Got -4 for row 3 instead.", e.getMessage());
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
