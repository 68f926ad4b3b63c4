package org.mlmp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.mlmp.io.ModelFile;
import org.mlmp.nn.Activation;
import org.mlmp.nn.BatchNorm;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Dropout;
import org.mlmp.nn.InputScaling;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.nn.TrainingData;
import org.mlmp.nn.TrainingSession;
import org.mlmp.testing.GaussianBlobs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The synchronous trainer's stated semantics, in local[2] (tiny MLPs on generated rows). */
class SparkNeuralNetTest {
  @RegisterExtension static final LocalSpark SPARK = LocalSpark.on("local[2]");

  /** Three Gaussian blobs in 4 dimensions, labels 0..2 ({@link GaussianBlobs}). */
  static Dataset blobs(int n, long seed) {
    return GaussianBlobs.of(n, seed);
  }

  static NeuralNet mlp(Optimizer optimizer, boolean dropout) {
    Network net = dropout
        ? Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(16, Activation.RELU), Dropout.of(0.2),
            Dense.of(3, Activation.SOFTMAX))
        : Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(16, Activation.TANH),
            Dense.of(3, Activation.SOFTMAX));
    return NeuralNet.of(net, optimizer).withEpochs(3).withBatchSize(16).withSeed(9).withValidation(0, 0)
        .withScaling(InputScaling.GLOBAL).withLearningRateDecay(0.7);
  }

  static long[] bits(float[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
    return b;
  }

  static Stream<Optimizer> optimizers() {
    return Stream.of(Optimizer.Adam.of(0.01), Optimizer.Sgd.of(0.1));
  }

  /** (a) One partition: bitwise NeuralNet.fit's model (same seed, mini-batches, rates and dropout masks). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void onePartitionGivesBitwiseTheSingleMachineModel(Optimizer optimizer) {
    NeuralNet cfg = mlp(optimizer, true);
    Dataset d = blobs(90, 3);
    NeuralNetModel single = cfg.fit(d);
    SparkTrainingResult r = SparkNeuralNet.of(cfg, 1).fit(SPARK.sc(), d, null);
    assertArrayEquals(bits(single.parameters()), bits(r.model().parameters()));
    assertEquals(3, r.epochs().size());
    assertTrue(r.epochs().get(2).record().trainLoss() < r.epochs().get(0).record().trainLoss(),
        "the loss falls: " + r.epochs());
  }

  /**
   * With a validation fraction and patience, one partition holds out the same rows, scores the same epochs and keeps
   * the same best epoch as NeuralNet (validation on the driver): bitwise the same model and learning curves.
   */
  @Test
  void validationAndEarlyStoppingPickTheSingleMachinesEpoch() {
    NeuralNet cfg = mlp(Optimizer.Adam.of(0.05), true).withEpochs(12).withLearningRateDecay(1).withValidation(0.3, 2);
    Dataset d = blobs(90, 7);
    NeuralNet.TrainingResult single;
    try {
      single = cfg.train(d, null, null, null);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    SparkTrainingResult r = SparkNeuralNet.of(cfg, 1).fit(SPARK.sc(), d, null);
    assertArrayEquals(bits(single.model().parameters()), bits(r.model().parameters()));
    assertEquals(single.bestEpoch(), r.result().bestEpoch());
    assertEquals(single.stoppedEarly(), r.result().stoppedEarly());
    assertTrue(single.stoppedEarly() && single.bestEpoch() < r.epochs().size(), "early stopping did not act: best epoch "
        + single.bestEpoch() + " of " + r.epochs().size());
    assertEquals(single.history().epochs().size(), r.epochs().size());
    for (int e = 0; e < r.epochs().size(); e++) {
      assertEquals(single.history().epochs().get(e).validationLoss(), r.epochs().get(e).record().validationLoss());
      assertEquals(single.history().epochs().get(e).validationAccuracy(),
          r.epochs().get(e).record().validationAccuracy());
    }
    assertTrue(r.epochs().get(0).record().validationAccuracy() > 0, r.epochs().toString());
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> partitionsAndDropout() {
    int[] mixed = Arrays.copyOf(Partition.shuffled(40, 11), 24);
    int[] firstBlockOnly = {5, 1}; // rows of partition 0 only: with P = 3, partitions 1 and 2 have no row of the step
    return Stream.of(org.junit.jupiter.params.provider.Arguments.of(2, false, mixed),
        org.junit.jupiter.params.provider.Arguments.of(3, false, mixed),
        org.junit.jupiter.params.provider.Arguments.of(2, true, mixed),
        org.junit.jupiter.params.provider.Arguments.of(3, true, mixed),
        org.junit.jupiter.params.provider.Arguments.of(3, true, firstBlockOnly));
  }

  /**
   * (b) Without BatchNorm, with or without dropout, the partitions' summed gradient is the single-process gradient of
   * the same mini-batch to float rounding: for P = 2 and 3, every component within 1e-6·max|g| + 1e-9 (measured here:
   * 1.2e-7·max|g|, two float ulps), the cost within 1e-6 relative (measured: 2e-16). With dropout the single process
   * passes the batch's row indices as its example indices, as NeuralNet does, and each partition draws the same masks
   * for its rows. A mini-batch that leaves some partitions without a row (the last case: 2 rows, both in partition 0,
   * P = 3) gives the same gradient: those partitions are skipped, the others weighted by their share of the batch.
   */
  @ParameterizedTest(name = "P = {0}, dropout {1}, batch {2}")
  @MethodSource("partitionsAndDropout")
  void summedGradientIsTheSingleProcessGradientOfTheBatch(int partitions, boolean dropout, int[] batch) {
    NeuralNet cfg = mlp(Optimizer.Adam.of(0.01), dropout);
    TrainingData data = TrainingData.prepare(cfg, blobs(40, 5), null);
    INDArray x = data.x().castTo(DataType.FLOAT), t = data.t().castTo(DataType.FLOAT);
    TrainingSession single = TrainingSession.of(cfg.network(), null, cfg.seed());
    long seed = 1234;
    float[] expected = single.gradient(x.getRows(batch), t.getRows(batch), batch, seed).toFloatVector();
    double expectedCost = single.cost(x.getRows(batch), t.getRows(batch), batch, seed);
    if (dropout) {
      float[] positions = single.gradient(x.getRows(batch), t.getRows(batch), seed).toFloatVector();
      assertFalse(Arrays.equals(expected, positions), "the masks do not depend on the example indices");
    }
    try (PartitionedRows rows = PartitionedRows.of(SPARK.sc(), x, t, partitions)) {
      PartitionedRows.BatchGradient step = rows.gradient(cfg.network(), single.parameters().toFloatVector(), batch,
          seed);
      double max = 0;
      for (float v : expected) max = Math.max(max, Math.abs(v));
      assertTrue(max > 1e-3, "a gradient that is all zeros");
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], step.gradient()[i], 1e-6 * max + 1e-9, "component " + i);
      }
      assertEquals(expectedCost, step.cost(), 1e-6 * expectedCost);
    }
  }

  /**
   * (c) A fixed (seed, P) gives bitwise the same model on every run, one process's model to rounding (dropout masks
   * per example); the model is an ordinary model file.
   */
  @Test
  void aRunIsReproducibleForFixedSeedAndPartitions(@TempDir Path dir) throws Exception {
    NeuralNet cfg = mlp(Optimizer.Adam.of(0.01), true).withEpochs(8).withLearningRateDecay(1);
    Dataset d = blobs(90, 4);
    NeuralNetModel first = SparkNeuralNet.of(cfg, 2).fit(SPARK.sc(), d, null).model();
    NeuralNetModel second = SparkNeuralNet.of(cfg, 2).fit(SPARK.sc(), d, null).model();
    assertArrayEquals(bits(first.parameters()), bits(second.parameters()));
    // With dropout (masks per example) two partitions train one process's model up to the gradient sums' rounding:
    // max|θ_2 − θ_1| ≤ 1e-6·max|θ_1| after 48 Adam steps (measured: 5.9e-8, half a float ulp of the largest weight).
    float[] single = cfg.fit(d).parameters();
    assertTrue(maxGap(first.parameters(), single) <= 1e-6 * maxAbs(single),
        "P = 2 vs one process: " + maxGap(first.parameters(), single) + " of " + maxAbs(single));
    Path file = dir.resolve("model.mlmp");
    ModelFile.save(first, file);
    NeuralNetModel read = ModelFile.load(file, NeuralNetModel.class);
    assertArrayEquals(first.predict(d.x()).toDoubleVector(), read.predict(d.x()).toDoubleVector());
    assertTrue(first.accuracy(d.x(), d.y()) > 0.8, "accuracy " + first.accuracy(d.x(), d.y()));
    assertTrue(Files.size(file) > 0);
  }

  static double maxAbs(float[] v) {
    double m = 0;
    for (float f : v) m = Math.max(m, Math.abs(f));
    return m;
  }

  static double maxGap(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
    return m;
  }

  /**
   * (d) Dropout masks per example: with dropout, the model trained on P = 2 and P = 3 partitions is the P = 1 model
   * (bitwise NeuralNet's) up to the rounding of the gradient sums, for Adam and SGD: after 3 epochs of 6 steps,
   * max|θ_P − θ_1| ≤ 1e-6·max|θ_1| (measured: 3.1e-8 for both optimisers and both P, a quarter of a float ulp of the
   * largest weight).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void withDropoutMorePartitionsTrainTheOnePartitionModelToRounding(Optimizer optimizer) {
    NeuralNet cfg = mlp(optimizer, true);
    Dataset d = blobs(90, 3);
    float[] one = SparkNeuralNet.of(cfg, 1).fit(SPARK.sc(), d, null).model().parameters();
    for (int p : new int[] {2, 3}) {
      float[] more = SparkNeuralNet.of(cfg, p).fit(SPARK.sc(), d, null).model().parameters();
      assertTrue(maxGap(more, one) <= 1e-6 * maxAbs(one), "P = " + p + " vs 1: " + maxGap(more, one) + " of "
          + maxAbs(one));
      assertTrue(maxAbs(one) > 0.1, "a model with no weights");
    }
  }

  @Test
  void unsupportedSettingsAndEmptyPartitionsAreNamed() {
    NeuralNet cfg = mlp(Optimizer.Sgd.of(0.1), false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkNeuralNet.of(cfg, 5).fit(SPARK.sc(), blobs(4, 1), null));
    assertEquals("--partitions 5 is more than the 4 training rows: a partition would hold no rows. Use at most 4"
        + " partitions.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SparkNeuralNet.of(cfg, 0));
    assertEquals("The 'partitions' parameter of SparkNeuralNet must be >= 1. Got 0 instead.", e.getMessage());
    Network image = Network.of(Shape.image(1, 2, 2), Loss.CROSS_ENTROPY, org.mlmp.nn.Flatten.of(),
        Dense.of(3, Activation.SOFTMAX));
    NeuralNet augmented = NeuralNet.of(image, Optimizer.Sgd.of(0.1)).withValidation(0, 0)
        .withAugmentation(org.mlmp.nn.AffineAugmentation.of(10, 0.1, 1));
    e = assertThrows(IllegalArgumentException.class, () -> SparkNeuralNet.of(augmented, 2));
    assertEquals("SparkNeuralNet does not apply augmentation yet; the trainer has " + augmented.augmentation()
        + ". Use withAugmentation(null).", e.getMessage());
  }

  /** A small MLP with a BatchNorm layer between its two dense layers (8 channels, 16 running statistics). */
  static NeuralNet batchNormMlp(Optimizer optimizer) {
    Network net = Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(8, Activation.IDENTITY),
        BatchNorm.of(Activation.RELU), Dense.of(3, Activation.SOFTMAX));
    return NeuralNet.of(net, optimizer).withEpochs(3).withBatchSize(16).withSeed(9).withValidation(0, 0)
        .withScaling(InputScaling.GLOBAL).withLearningRateDecay(0.7);
  }

  /**
   * (e) BatchNorm, one partition: bitwise NeuralNet.fit's model, its parameters and its running statistics (the
   * partition's batch statistics, pooled over one partition, are the batch's own, and the driver's update is the
   * layer's arithmetic).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void withBatchNormOnePartitionGivesBitwiseTheSingleMachineModel(Optimizer optimizer) {
    NeuralNet cfg = batchNormMlp(optimizer);
    Dataset d = blobs(90, 3);
    NeuralNetModel single = cfg.fit(d);
    NeuralNetModel spark = SparkNeuralNet.of(cfg, 1).fit(SPARK.sc(), d, null).model();
    assertArrayEquals(bits(single.parameters()), bits(spark.parameters()));
    assertArrayEquals(bits(single.runningStatistics()), bits(spark.runningStatistics()));
    assertEquals(16, spark.runningStatistics().length);
    assertTrue(maxGap(spark.runningStatistics(), new float[16]) > 0.01, "the running statistics did not move");
  }

  /**
   * (f) BatchNorm with P = 2 and 3, one step: each partition normalises its rows of the mini-batch with its own batch
   * statistics, so the summed gradient is Σ_p (B_p/B)·(the single-process gradient of partition p's rows alone) to
   * float rounding (every component within 1e-6·max|g| + 1e-9); the pooled statistics are the whole batch's (means
   * and biased variances within 1e-6 absolute: they are of order 1 and computed in double, but from the first dense
   * layer's float outputs, and a float GEMM's result for a row can depend on how many rows it multiplies — on an
   * AMD EPYC with ND4J's AVX2 build, the first 1, 2, 8, 13, 14, 19 or 20 rows of a [24, 4]·[4, 8] product differed
   * in 1 to 6 elements from the same rows multiplied alone, in the last bit), and the driver's running statistics
   * after the step equal those one process's step on the whole batch leaves, within 1e-6 (a few float ulps of
   * values of order 1).
   */
  @ParameterizedTest(name = "P = {0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3})
  void withBatchNormPartitionsNormaliseTheirOwnRowsAndPoolTheRunningStatistics(int partitions) {
    NeuralNet cfg = batchNormMlp(Optimizer.Sgd.of(0.1));
    TrainingData data = TrainingData.prepare(cfg, blobs(40, 5), null);
    INDArray x = data.x().castTo(DataType.FLOAT), t = data.t().castTo(DataType.FLOAT);
    TrainingSession single = TrainingSession.of(cfg.network(), null, cfg.seed());
    float[] theta = single.parameters().toFloatVector();
    int[] batch = Arrays.copyOf(Partition.shuffled(40, 11), 24);
    long seed = 77;
    double[] expected = new double[theta.length];
    for (int p = 0; p < partitions; p++) {
      int from = p * 40 / partitions, to = (p + 1) * 40 / partitions;
      int[] mine = Arrays.stream(batch).filter(i -> i >= from && i < to).toArray();
      float[] g = single.gradient(x.getRows(mine), t.getRows(mine), mine, seed).toFloatVector();
      for (int i = 0; i < g.length; i++) expected[i] += (double) mine.length / batch.length * g[i];
    }
    TrainingSession whole = TrainingSession.of(cfg.network(), null, cfg.seed());
    float[] wholeGradient = whole.gradient(x.getRows(batch), t.getRows(batch), batch, seed).toFloatVector();
    org.mlmp.nn.BatchStatistics wholeStats = whole.batchStatistics();
    try (PartitionedRows rows = PartitionedRows.of(SPARK.sc(), x, t, partitions)) {
      PartitionedRows.BatchGradient step = rows.gradient(cfg.network(), theta, batch, seed);
      double max = 0;
      for (double v : expected) max = Math.max(max, Math.abs(v));
      assertTrue(max > 1e-3, "a gradient that is all zeros");
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], step.gradient()[i], 1e-6 * max + 1e-9, "component " + i);
      }
      assertTrue(maxGap(step.gradient(), wholeGradient) > 1e-4 * max,
          "per-partition normalisation gave the whole batch's gradient: the partitions shared their statistics");
      assertEquals(24, step.statistics().rows());
      for (int c = 0; c < 8; c++) {
        assertEquals(wholeStats.means()[c], step.statistics().means()[c], 1e-6, "mean " + c);
        assertEquals(wholeStats.variances()[c], step.statistics().variances()[c], 1e-6, "variance " + c);
      }
      TrainingSession driver = TrainingSession.of(cfg.network(), null, cfg.seed());
      driver.moveStatistics(step.statistics());
      float[] running = driver.statistics().toFloatVector(), reference = whole.statistics().toFloatVector();
      assertTrue(maxGap(running, reference) <= 1e-6, "running statistics " + maxGap(running, reference) + " apart");
      assertTrue(maxGap(running, TrainingSession.of(cfg.network(), null, 0).statistics().toFloatVector()) > 1e-3,
          "the running statistics did not move");
    }
  }

  /**
   * (g) A BatchNorm network trained on two partitions is an ordinary NeuralNetModel: it predicts with its (pooled)
   * running statistics, learns the blobs, and its model file reads back to the same predictions.
   */
  @Test
  void aBatchNormNetworkTrainedOnPartitionsIsAnOrdinaryModel(@TempDir Path dir) throws Exception {
    NeuralNet cfg = batchNormMlp(Optimizer.Adam.of(0.02)).withEpochs(8).withLearningRateDecay(1);
    Dataset d = blobs(90, 4);
    NeuralNetModel model = SparkNeuralNet.of(cfg, 2).fit(SPARK.sc(), d, null).model();
    assertTrue(model.accuracy(d.x(), d.y()) > 0.8, "accuracy " + model.accuracy(d.x(), d.y()));
    Path file = dir.resolve("bn.mlmp");
    ModelFile.save(model, file);
    NeuralNetModel read = ModelFile.load(file, NeuralNetModel.class);
    assertArrayEquals(model.predict(d.x()).toDoubleVector(), read.predict(d.x()).toDoubleVector());
    assertArrayEquals(bits(model.runningStatistics()), bits(read.runningStatistics()));
  }
}
