package org.mlmp.nn;

import org.mlmp.io.ConfigJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlmp.nn.Activation.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlmp.api.Dataset;
import org.mlmp.io.ModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The training loop: accuracy on MNIST-shaped data, resume, early stopping, guards, curves, files. */
class NeuralNetTest {
  static Network smallCnn() {
    return Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY, Conv2d.of(8, 5, RELU), MaxPool.of(2),
        Conv2d.of(16, 5, RELU), MaxPool.of(2), Flatten.of(), Dense.of(10, SOFTMAX));
  }

  @Test
  void smallCnnLearnsMnistShapedDigits() {
    // 1 000 training images, 3 epochs (about a second): at least 95 % on 300 fresh test images.
    Dataset train = SyntheticDigits.make(1000, 1), test = SyntheticDigits.make(300, 2);
    NeuralNet cfg = NeuralNet.of(smallCnn(), Optimizer.Adam.of(2e-3)).withEpochs(3).withBatchSize(32).withSeed(4);
    NeuralNet.TrainingResult r = assertDoesNotThrowIo(() -> cfg.train(train, null, null, null));
    double acc = r.model().accuracy(test.x(), test.y());
    assertTrue(acc >= 0.95, "test accuracy " + acc);
    assertEquals(3, r.history().epochs().size());
    // Layer-wise representations: one array per layer, with the layer's shape.
    List<INDArray> reps = r.model().layerOutputs(test.x().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5),
        org.nd4j.linalg.indexing.NDArrayIndex.all()));
    assertArrayEquals(new long[] {5, 8, 24, 24}, reps.get(0).shape());
    assertArrayEquals(new long[] {5, 256}, reps.get(4).shape());
    assertArrayEquals(new long[] {5, 10}, reps.get(5).shape());
    // The image layers run channels-last on the float host path; their outputs read back in NCHW order: pool1 is the
    // 2×2 maximum of conv1's output, and Flatten's output is pool2's in row order.
    INDArray conv1 = reps.get(0), pool1 = reps.get(1);
    for (int n = 0; n < 5; n++) {
      for (int c = 0; c < 8; c++) {
        for (int y = 0; y < 12; y++) {
          for (int x = 0; x < 12; x++) {
            double m = Math.max(Math.max(conv1.getDouble(n, c, 2 * y, 2 * x), conv1.getDouble(n, c, 2 * y, 2 * x + 1)),
                Math.max(conv1.getDouble(n, c, 2 * y + 1, 2 * x), conv1.getDouble(n, c, 2 * y + 1, 2 * x + 1)));
            assertEquals(m, pool1.getDouble(n, c, y, x), 0.0, "pool1 at " + n + "," + c + "," + y + "," + x);
          }
        }
      }
    }
    assertEquals(reps.get(3).reshape('c', 5, 256), reps.get(4), "Flatten = pool2 in row order");
  }

  interface IoSupplier<T> {
    T get() throws IOException;
  }

  static <T> T assertDoesNotThrowIo(IoSupplier<T> s) {
    try {
      return s.get();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Dataset blobs(int n, long seed) {
    return org.mlmp.testing.GaussianBlobs.of(n, seed);
  }

  static NeuralNet mlp(int epochs) {
    return mlp(epochs, false);
  }

  /** With {@code batchNorm}: Dense(16, IDENTITY) → BatchNorm(RELU) in place of Dense(16, RELU). */
  static NeuralNet mlp(int epochs, boolean batchNorm) {
    Network net = batchNorm
        ? Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(16, IDENTITY), BatchNorm.of(RELU),
            Dropout.of(0.2), Dense.of(3, SOFTMAX))
        : Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(16, RELU), Dropout.of(0.2),
            Dense.of(3, SOFTMAX));
    return NeuralNet.of(net, Optimizer.Adam.of(0.01)).withEpochs(epochs).withBatchSize(16).withSeed(9)
        .withValidation(0.25, 0);
  }

  static long[] bits(float[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
    return b;
  }

  @ParameterizedTest(name = "batch norm {0}, learning-rate decay {1}")
  @CsvSource({"false, 1", "true, 1", "true, 0.7"})
  void killedRunResumesFromItsCheckpointBitwise(boolean batchNorm, double decay, @TempDir Path dir)
      throws IOException {
    Dataset d = blobs(200, 3);
    NeuralNet cfg = mlp(5, batchNorm).withLearningRateDecay(decay);
    NeuralNet.TrainingResult straight = cfg.train(d, null, null, null);

    Path ckpt = dir.resolve("run.ckpt");
    TrainingListener killAfterEpoch2 = new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r) {
        if (r.epoch() == 2) throw new IllegalStateException("simulated kill");
      }
    };
    assertThrows(IllegalStateException.class, () -> cfg.train(d, null, killAfterEpoch2, ckpt));
    assertTrue(Files.exists(ckpt));
    NeuralNet.TrainingResult resumed = cfg.train(d, null, null, ckpt);
    assertEquals(2, resumed.resumedAfterEpoch());
    assertArrayEquals(bits(straight.model().parameters()), bits(resumed.model().parameters()));
    assertArrayEquals(bits(straight.model().runningStatistics()), bits(resumed.model().runningStatistics()));
    assertEquals(batchNorm ? 32 : 0, resumed.model().runningStatistics().length);
    assertEquals(straight.bestEpoch(), resumed.bestEpoch());
    for (int e = 0; e < 5; e++) {
      assertEquals(straight.history().epochs().get(e).validationLoss(), resumed.history().epochs().get(e).validationLoss());
    }
  }

  @Test
  void prefetchingTheNextBatchChangesNothing() {
    // Shuffling, elastic distortions, dropout masks and BatchNorm statistics all as in a real run; 230 rows in
    // batches of 32 leave a last batch of 6 (both staging buffers and the partial view are exercised).
    Network net = Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY, Conv2d.of(4, 5, IDENTITY), BatchNorm.of(RELU),
        MaxPool.of(4), Flatten.of(), Dropout.of(0.3), Dense.of(10, SOFTMAX));
    NeuralNet cfg = NeuralNet.of(net, Optimizer.Adam.of(2e-3)).withEpochs(2).withBatchSize(32).withSeed(5)
        .withValidation(0, 0).withAugmentation(ElasticDistortion.of(8, 3));
    Dataset d = SyntheticDigits.make(230, 4);
    assertTrue(cfg.prefetch(), "prefetch is the default");
    NeuralNetModel with = cfg.fit(d), without = cfg.withPrefetch(false).fit(d);
    assertArrayEquals(bits(without.parameters()), bits(with.parameters()));
    assertArrayEquals(bits(without.runningStatistics()), bits(with.runningStatistics()));
    assertEquals(ConfigJson.write(cfg), ConfigJson.write(cfg.withPrefetch(false)), "a checkpoint resumes with either setting");
  }

  @Test
  void learningRateDecayShrinksEachEpochsSteps() {
    // With plain gradient descent a step is −α_e·g: decay 0.5 must change the result, and decay 1 is the default.
    Dataset d = blobs(120, 8);
    NeuralNet base = mlp(3).withOptimizer(Optimizer.Sgd.of(0.05));
    assertArrayEquals(bits(base.fit(d).parameters()), bits(base.withLearningRateDecay(1).fit(d).parameters()));
    assertFalse(java.util.Arrays.equals(bits(base.fit(d).parameters()),
        bits(base.withLearningRateDecay(0.5).fit(d).parameters())));
    assertEquals("The 'learningRateDecay' parameter of NeuralNet must be in the range (0, 1]. Got 1.5 instead.",
        assertThrows(IllegalArgumentException.class, () -> base.withLearningRateDecay(1.5)).getMessage());
    assertEquals(0.5, ConfigJson.write(base.withLearningRateDecay(0.5)).path("learningRateDecay").asDouble());
    assertTrue(ConfigJson.write(base).path("learningRateDecay").isMissingNode(), "absent when constant (old checkpoints resume)");
  }

  @Test
  void checkpointOfAnotherConfigurationIsRefused(@TempDir Path dir) throws IOException {
    Dataset d = blobs(60, 3);
    Path ckpt = dir.resolve("run.ckpt");
    mlp(1).train(d, null, null, ckpt);
    IOException e = assertThrows(IOException.class,
        () -> mlp(1).withOptimizer(Optimizer.Adam.of(0.02)).train(d, null, null, ckpt));
    assertTrue(e.getMessage().contains("was written by another training configuration"), e.getMessage());
    IOException e2 = assertThrows(IOException.class, () -> mlp(1).train(blobs(60, 4), null, null, ckpt));
    assertTrue(e2.getMessage().contains("was written for other data"), e2.getMessage());
  }

  @Test
  void modelHoldsTheBestValidationEpochAndEarlyStoppingStops() throws IOException {
    Dataset d = blobs(150, 5);
    // A large learning rate without decay makes the validation cost wander, so patience 1 stops early.
    NeuralNet cfg = mlp(30).withOptimizer(Optimizer.Sgd.of(0.8)).withValidation(0.3, 1);
    NeuralNet.TrainingResult r = cfg.train(d, null, null, null);
    List<EpochRecord> h = r.history().epochs();
    int best = 0; // highest validation accuracy, ties broken by the lower validation cost
    for (int i = 1; i < h.size(); i++) {
      EpochRecord e = h.get(i), b = h.get(best);
      if (e.validationAccuracy() > b.validationAccuracy()
          || (e.validationAccuracy() == b.validationAccuracy() && e.validationLoss() < b.validationLoss())) best = i;
    }
    assertEquals(h.get(best).epoch(), r.bestEpoch());
    // The returned model holds that epoch's parameters: on the held-out rows (the same seeded split) its
    // accuracy is the one recorded for the best epoch, not the last one's.
    Dataset val = d.rows(org.mlmp.data.Partition.split(150, 0.3, 0, 9).validation());
    assertEquals(h.get(best).validationAccuracy(), r.model().accuracy(val.x(), val.y()), 1e-12);
    assertTrue(r.stoppedEarly(), "expected early stopping within 30 epochs");
    assertEquals(r.bestEpoch() + 1, h.size(), "patience 1 stops one epoch after the best");
  }

  @Test
  void divergenceStopsWithEpochAndLayer() {
    double[][] x = new double[32][2];
    double[] y = new double[32];
    for (int i = 0; i < 32; i++) {
      x[i] = new double[] {1e3 * i, -1e3 * i};
      y[i] = 1e6 * i;
    }
    Network net = Network.of(Shape.vector(2), Loss.SQUARED_ERROR, Dense.of(4, RELU), Dense.of(1, IDENTITY));
    NeuralNet cfg = NeuralNet.of(net, Optimizer.Sgd.of(10)).withScaling(InputScaling.NONE)
        .withValidation(0, 0).withEpochs(5).withBatchSize(8);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> cfg.fit(Dataset.of(x, y)));
    assertTrue(e.getMessage().startsWith("Training diverged in epoch 1, step "), e.getMessage());
    assertTrue(e.getMessage().contains("Lower the learning rate (now 10.0)"), e.getMessage());
    assertTrue(e.getMessage().contains("the output of layer " + e.layer() + " ("), e.getMessage());
  }

  @Test
  void listenerSeesEveryStepAndCurvesAreWritten(@TempDir Path dir) throws IOException {
    Dataset d = blobs(100, 6); // 75 training rows in batches of 16: 5 steps per epoch
    List<String> events = new ArrayList<>();
    NeuralNet.TrainingResult r = mlp(2).train(d, null, new TrainingListener() {
      @Override
      public void epochStarted(int epoch, int batches) {
        events.add("start " + epoch + " " + batches);
      }

      @Override
      public void batchFinished(int epoch, int batch, int batches, double loss, double rate) {
        events.add(epoch + ":" + batch + "/" + batches);
      }

      @Override
      public void epochFinished(EpochRecord rec) {
        events.add("end " + rec.epoch());
      }
    }, null);
    assertEquals(List.of("start 1 5", "1:1/5", "1:2/5", "1:3/5", "1:4/5", "1:5/5", "end 1", "start 2 5", "2:1/5",
        "2:2/5", "2:3/5", "2:4/5", "2:5/5", "end 2"), events);
    Path json = dir.resolve("curves.json"); // the PNG of the curves: org.mlmp.cli.plots.PlotsTest in mlmp-examples
    r.history().writeJson(json);
    var tree = new ObjectMapper().readTree(json.toFile());
    assertEquals(2, tree.path("epochs").size());
    assertEquals(r.history(), History.fromJson(tree));
  }

  @Test
  void savedBatchNormModelKeepsItsRunningStatistics(@TempDir Path dir) throws IOException {
    Dataset d = blobs(120, 5);
    NeuralNetModel m = mlp(3, true).fit(d);
    float[] st = m.runningStatistics();
    assertEquals(32, st.length);
    // Trained: the estimates moved away from their start (means 0, variances 1).
    assertTrue(java.util.stream.IntStream.range(0, 16).anyMatch(i -> Math.abs(st[i]) > 0.05), "running means");
    assertTrue(java.util.stream.IntStream.range(16, 32).allMatch(i -> st[i] > 0), "running variances > 0");
    Path f = dir.resolve("bn.mlmp");
    ModelFile.save(m, f);
    NeuralNetModel back = ModelFile.load(f, NeuralNetModel.class);
    assertArrayEquals(bits(st), bits(back.runningStatistics()));
    assertEquals(m.output(d.x()), back.output(d.x()));
    // Prediction uses the running statistics: one row alone gives the same output as inside a batch.
    INDArray one = d.x().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 8),
        org.nd4j.linalg.indexing.NDArrayIndex.all());
    assertEquals(m.output(d.x()).getRow(7).reshape(1, 3), m.output(one));
    assertTrue(m.accuracy(d.x(), d.y()) > 0.8, "accuracy " + m.accuracy(d.x(), d.y()));
  }

  @Test
  void savedModelKeepsScalingAndClasses(@TempDir Path dir) throws IOException {
    double[] labels = {2.5, 7.5, -1};
    Dataset raw = blobs(90, 7);
    double[] y = raw.y().toDoubleVector();
    for (int i = 0; i < y.length; i++) y[i] = labels[(int) y[i]];
    Dataset d = Dataset.of(raw.x().muli(100).addi(50), Nd4j.createFromArray(y));
    NeuralNetModel m = mlp(3).withScaling(InputScaling.PER_FEATURE).fit(d);
    assertArrayEquals(new double[] {-1, 2.5, 7.5}, m.classes());
    Path f = dir.resolve("m.mlmp");
    ModelFile.save(m, f);
    NeuralNetModel back = ModelFile.load(f, NeuralNetModel.class);
    assertEquals(InputScaling.PER_FEATURE, back.inputScaling());
    assertEquals(m.predict(d.x()), back.predict(d.x()));
    assertEquals(m.output(d.x()), back.output(d.x()));
    assertTrue(m.accuracy(d.x(), d.y()) > 0.8, "accuracy " + m.accuracy(d.x(), d.y()));
  }

  @Test
  void labelsThatDoNotFitTheOutputLayerAreRejected() {
    Dataset d = Dataset.of(new double[][] {{0, 1}, {1, 0}, {1, 1}, {0, 0}}, new double[] {0.5, 1.5, 2.5, 0.5});
    Network net = Network.of(Shape.vector(2), Loss.CROSS_ENTROPY, Dense.of(2, SOFTMAX));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NeuralNet.of(net, Optimizer.Adam.of(0.1)).withValidation(0, 0).fit(d));
    assertEquals("y has 3 distinct labels [0.5, 1.5, 2.5], but the output layer (Dense(2, SOFTMAX)) distinguishes 2 "
        + "classes. Use labels 0..1 or exactly 2 distinct values.", e.getMessage());
    Dataset wide = Dataset.of(Nd4j.rand(DataType.DOUBLE, 4, 3), Nd4j.zeros(DataType.DOUBLE, 4));
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> NeuralNet.of(net, Optimizer.Adam.of(0.1)).fit(wide));
    assertEquals("x has 3 features, but the network's input shape [2] needs 2.", e2.getMessage());
  }

  @Test
  void outputDoesNotDependOnHowRowsAreChunked() {
    Dataset train = SyntheticDigits.make(200, 11), test = SyntheticDigits.make(300, 12);
    NeuralNetModel m = NeuralNet.of(smallCnn(), Optimizer.Adam.of(2e-3)).withEpochs(1).fit(train);
    INDArray all = m.output(test.x()); // chunks of 256 + 44
    for (int[] r : new int[][] {{0, 5}, {250, 300}, {17, 18}}) {
      var rows = org.nd4j.linalg.indexing.NDArrayIndex.interval(r[0], r[1]);
      INDArray part = m.output(test.x().get(rows, org.nd4j.linalg.indexing.NDArrayIndex.all()));
      INDArray same = all.get(rows, org.nd4j.linalg.indexing.NDArrayIndex.all());
      assertTrue(part.sub(same).amaxNumber().doubleValue() <= 1e-6, "rows " + r[0] + ".." + r[1]);
    }
  }
}
