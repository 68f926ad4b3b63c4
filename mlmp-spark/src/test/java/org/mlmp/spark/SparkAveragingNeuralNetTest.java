package org.mlmp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.mlmp.io.ConfigJson;
import org.mlmp.nn.EpochSchedule;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.TrainingData;
import org.mlmp.nn.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The k-local-steps averaging trainer's stated semantics, and both trainers under task failures: in
 * {@code local[2,2]} (two task threads, a failed task is retried once).
 */
class SparkAveragingNeuralNetTest {
  @RegisterExtension static final LocalSpark SPARK = LocalSpark.on("local[2,2]");

  /** With one partition, averaging is the identity: bitwise NeuralNet.fit's model for any k (Adam's state travels). */
  @ParameterizedTest(name = "k = {0}")
  @ValueSource(ints = {1, 4})
  void onePartitionGivesBitwiseTheSingleMachineModel(int k) {
    NeuralNet cfg = SparkNeuralNetTest.mlp(Optimizer.Adam.of(0.01), true);
    Dataset d = SparkNeuralNetTest.blobs(90, 3);
    NeuralNetModel single = cfg.fit(d);
    SparkTrainingResult r = SparkAveragingNeuralNet.of(cfg, 1, k).fit(SPARK.sc(), d, null);
    assertArrayEquals(SparkNeuralNetTest.bits(single.parameters()), SparkNeuralNetTest.bits(r.model().parameters()));
    assertEquals(3, r.epochs().size());
  }

  /**
   * P = 2, k = 1, SGD: one round is one SGD step on the mean of the two partitions' local gradients, each the mean
   * over the partition's first local mini-batch (rows in its own shuffled order): θ₁ = θ₀ − α (g₀ + g₁)/2, to float
   * rounding (every component within 1e-6; the parameters are of order 1).
   */
  @Test
  void oneRoundOfSgdIsAStepOnTheMeanLocalGradient() {
    NeuralNet cfg = SparkNeuralNetTest.mlp(Optimizer.Sgd.of(0.1), false);
    TrainingData data = TrainingData.prepare(cfg, SparkNeuralNetTest.blobs(40, 6), null);
    INDArray x = data.x().castTo(DataType.FLOAT), t = data.t().castTo(DataType.FLOAT);
    EpochSchedule schedule = EpochSchedule.of(cfg);
    TrainingSession driver = TrainingSession.of(cfg.network(), cfg.optimizer(), cfg.seed());
    float[] theta0 = driver.parameters().toFloatVector();
    long epochSeed = schedule.epochSeed(1);
    double[] expected = new double[theta0.length];
    for (int i = 0; i < theta0.length; i++) expected[i] = theta0[i];
    TrainingSession single = TrainingSession.of(cfg.network(), null, 0);
    single.setParameters(driver.parameters());
    for (int p = 0; p < 2; p++) {
      int[] order = Partition.shuffled(20, PartitionedRows.partitionSeed(epochSeed, p));
      int[] rows = new int[16];
      for (int i = 0; i < 16; i++) rows[i] = 20 * p + order[i];
      float[] g = single.gradient(x.getRows(rows), t.getRows(rows), 0).toFloatVector();
      for (int i = 0; i < g.length; i++) expected[i] -= 0.1 * g[i] / 2;
    }
    try (PartitionedRows blocks = PartitionedRows.of(SPARK.sc(), x, t, 2)) {
      List<PartitionedRows.LocalShare> shares = blocks.localSteps(new PartitionedRows.LocalRound(
          ConfigJson.write(cfg.network()).toString(), ConfigJson.writeAny(cfg.optimizer()).toString(), theta0, Map.of(),
          new float[0], 0, epochSeed, 16, 0, 1, 0.1, new long[] {0, 0}));
      SparkAveragingNeuralNet.average(shares, driver, 0);
    }
    float[] theta1 = driver.parameters().toFloatVector();
    double moved = 0;
    for (int i = 0; i < theta1.length; i++) {
      assertEquals(expected[i], theta1[i], 1e-6, "component " + i);
      moved = Math.max(moved, Math.abs(theta1[i] - theta0[i]));
    }
    assertTrue(moved > 1e-3, "the step moved nothing");
    assertEquals(1, driver.steps());
  }

  @Test
  void aRunIsReproducibleForFixedSeedPartitionsAndK() {
    NeuralNet cfg = SparkNeuralNetTest.mlp(Optimizer.Adam.of(0.01), true).withEpochs(8).withLearningRateDecay(1);
    Dataset d = SparkNeuralNetTest.blobs(90, 4);
    NeuralNetModel first = SparkAveragingNeuralNet.of(cfg, 2, 3).fit(SPARK.sc(), d, null).model();
    NeuralNetModel second = SparkAveragingNeuralNet.of(cfg, 2, 3).fit(SPARK.sc(), d, null).model();
    assertArrayEquals(SparkNeuralNetTest.bits(first.parameters()), SparkNeuralNetTest.bits(second.parameters()));
    assertTrue(first.accuracy(d.x(), d.y()) > 0.8, "accuracy " + first.accuracy(d.x(), d.y()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkAveragingNeuralNet.of(cfg, 2, 0));
    assertEquals("The 'averagingFrequency' parameter of SparkAveragingNeuralNet must be >= 1 (local steps between"
        + " averagings). Got 0 instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SparkAveragingNeuralNet.of(cfg, 5, 1).fit(SPARK.sc(), SparkNeuralNetTest.blobs(4, 1), null));
    assertEquals("--partitions 5 is more than the 4 training rows: a partition would hold no rows. Use at most 4"
        + " partitions.", e.getMessage());
  }

  /**
   * A task that fails once is retried by Spark (local[2,2]) and the step's result is the same: every task of
   * partition 1 fails its first attempt, and both trainers still give bitwise the model of a run without failures.
   */
  @Test
  void aTaskThatFailsOnceIsRetriedWithTheSameResult() {
    NeuralNet cfg = SparkNeuralNetTest.mlp(Optimizer.Adam.of(0.01), true).withEpochs(2);
    Dataset d = SparkNeuralNetTest.blobs(60, 8);
    float[] sync = SparkNeuralNet.of(cfg, 2).fit(SPARK.sc(), d, null).model().parameters();
    float[] averaged = SparkAveragingNeuralNet.of(cfg, 2, 2).fit(SPARK.sc(), d, null).model().parameters();
    AtomicInteger failures = FAILURES;
    failures.set(0);
    PartitionedRows.fault = (partition, attempt) -> {
      if (partition != 1 || attempt != 0) return false;
      FAILURES.incrementAndGet();
      return true;
    };
    // the failures are expected: Spark's executor and scheduler would log each with its stack trace
    ch.qos.logback.classic.Logger executor = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        "org.apache.spark.executor.Executor");
    ch.qos.logback.classic.Logger scheduler = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        "org.apache.spark.scheduler.TaskSetManager");
    executor.setLevel(ch.qos.logback.classic.Level.OFF);
    scheduler.setLevel(ch.qos.logback.classic.Level.OFF);
    try {
      assertArrayEquals(SparkNeuralNetTest.bits(sync),
          SparkNeuralNetTest.bits(SparkNeuralNet.of(cfg, 2).fit(SPARK.sc(), d, null).model().parameters()));
      int syncFailures = failures.get();
      assertEquals(2 * 4, syncFailures, "one failure per step: 2 epochs of 4 mini-batches");
      assertArrayEquals(SparkNeuralNetTest.bits(averaged),
          SparkNeuralNetTest.bits(SparkAveragingNeuralNet.of(cfg, 2, 2).fit(SPARK.sc(), d, null).model().parameters()));
      assertEquals(2 * 1, failures.get() - syncFailures, "one failure per round: 2 epochs of one round");
    } finally {
      PartitionedRows.fault = null;
      executor.setLevel(null);
      scheduler.setLevel(null);
    }
    assertTrue(!Arrays.equals(sync, averaged));
  }

  /** Counts the injected failures (the executors run in this JVM in local mode). */
  static final AtomicInteger FAILURES = new AtomicInteger();

  /**
   * BatchNorm, one partition: the partition's running statistics travel with θ, so the model — parameters and running
   * statistics — is bitwise NeuralNet.fit's for any k.
   */
  @ParameterizedTest(name = "k = {0}")
  @ValueSource(ints = {1, 4})
  void withBatchNormOnePartitionGivesBitwiseTheSingleMachineModel(int k) {
    NeuralNet cfg = SparkNeuralNetTest.batchNormMlp(Optimizer.Adam.of(0.01));
    Dataset d = SparkNeuralNetTest.blobs(90, 3);
    NeuralNetModel single = cfg.fit(d);
    NeuralNetModel spark = SparkAveragingNeuralNet.of(cfg, 1, k).fit(SPARK.sc(), d, null).model();
    assertArrayEquals(SparkNeuralNetTest.bits(single.parameters()), SparkNeuralNetTest.bits(spark.parameters()));
    assertArrayEquals(SparkNeuralNetTest.bits(single.runningStatistics()),
        SparkNeuralNetTest.bits(spark.runningStatistics()));
  }

  /**
   * BatchNorm, P = 2, k = 3: a round's running statistics are the step-weighted mean of the partitions' own (each
   * moved by its local mini-batches), and the trained network is an ordinary model that predicts the blobs.
   */
  @Test
  void withBatchNormTwoPartitionsAverageTheirRunningStatistics() {
    NeuralNet cfg = SparkNeuralNetTest.batchNormMlp(Optimizer.Adam.of(0.02)).withEpochs(8).withLearningRateDecay(1);
    Dataset d = SparkNeuralNetTest.blobs(90, 4);
    NeuralNetModel model = SparkAveragingNeuralNet.of(cfg, 2, 3).fit(SPARK.sc(), d, null).model();
    assertTrue(model.accuracy(d.x(), d.y()) > 0.8, "accuracy " + model.accuracy(d.x(), d.y()));
    float[] initial = TrainingSession.of(cfg.network(), null, 0).statistics().toFloatVector();
    assertTrue(SparkNeuralNetTest.maxGap(model.runningStatistics(), initial) > 0.01, "the running statistics did not move");

    TrainingSession driver = TrainingSession.of(cfg.network(), Optimizer.Sgd.of(0.1), cfg.seed());
    float[] theta = driver.parameters().toFloatVector();
    float[] a = new float[16], b = new float[16];
    for (int i = 0; i < 16; i++) {
      a[i] = i;
      b[i] = 100 + 2 * i;
    }
    List<PartitionedRows.LocalShare> shares = List.of(
        new PartitionedRows.LocalShare(1, 1, 8, 0, theta, Map.of(), b, 0),
        new PartitionedRows.LocalShare(0, 3, 24, 0, theta, Map.of(), a, 0));
    SparkAveragingNeuralNet.average(shares, driver, 0);
    float[] averaged = driver.statistics().toFloatVector();
    for (int i = 0; i < 16; i++) assertEquals(0.75 * a[i] + 0.25 * b[i], averaged[i], 1e-5, "statistic " + i);
  }
}
