package org.mlmp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlmp.nn.Activation.RELU;
import static org.mlmp.nn.Activation.SOFTMAX;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The public pieces of NeuralNet's run for trainers that run its steps elsewhere: prepared rows, schedule, model. */
class TrainingDataTest {
  static final Network NET = Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(16, RELU), Dropout.of(0.2),
      Dense.of(3, SOFTMAX));

  /** Steps in EpochSchedule's order on TrainingData's rows, assembled by TrainingData.model, are NeuralNet's model. */
  @Test
  void scheduleAndPreparedRowsGiveBitwiseNeuralNetsModel() {
    NeuralNet cfg = NeuralNet.of(NET, Optimizer.Adam.of(0.01)).withEpochs(3).withBatchSize(16).withSeed(9)
        .withValidation(0, 0).withScaling(InputScaling.GLOBAL).withLearningRateDecay(0.7);
    Dataset d = NeuralNetTest.blobs(90, 3);
    NeuralNetModel fitted = cfg.fit(d);

    TrainingData data = TrainingData.prepare(cfg, d, null);
    EpochSchedule schedule = EpochSchedule.of(cfg);
    assertEquals(90, data.rows());
    assertTrue(data.classification());
    assertFalse(data.hasValidation());
    assertEquals(16, schedule.batchSize(90));
    assertEquals(6, schedule.batches(90));
    INDArray x = data.x(), t = data.t();
    TrainingSession s = TrainingSession.of(NET, cfg.optimizer(), cfg.seed());
    for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
      int[] order = schedule.order(90, epoch);
      for (int b = 0; b < schedule.batches(90); b++) {
        int[] rows = Arrays.copyOfRange(order, b * 16, Math.min(90, b * 16 + 16));
        s.step(x.getRows(rows), t.getRows(rows), rows, schedule.learningRate(epoch), schedule.dropoutSeed(epoch, b));
      }
    }
    NeuralNetModel assembled = data.model(s.parameters(), s.statistics());
    assertArrayEquals(NeuralNetTest.bits(fitted.parameters()), NeuralNetTest.bits(assembled.parameters()));
    assertArrayEquals(fitted.predict(d.x()).toDoubleVector(), assembled.predict(d.x()).toDoubleVector());
    assertEquals(fitted.toState().config(), assembled.toState().config());
    EpochTracker tracker = EpochTracker.of(data);
    EpochRecord record = tracker.observe(3, 0.5, 2.0, s);
    assertEquals(45.0, record.samplesPerSecond());
    assertTrue(Double.isNaN(record.validationLoss()), "no validation rows");
    assertEquals(3, tracker.bestEpoch());
    assertArrayEquals(NeuralNetTest.bits(fitted.parameters()), NeuralNetTest.bits(tracker.model(s).parameters()));
  }

  @Test
  void learningRateDecaysPerEpochAndIsExactWhenConstant() {
    NeuralNet cfg = NeuralNet.of(NET, Optimizer.Sgd.of(0.1)).withLearningRateDecay(0.5);
    assertEquals(0.1, EpochSchedule.of(cfg).learningRate(1));
    assertEquals(0.1 * 0.25, EpochSchedule.of(cfg).learningRate(3));
    assertEquals(0.1, EpochSchedule.of(cfg.withLearningRateDecay(1)).learningRate(7));
    assertEquals(TrainingSession.mix(cfg.seed(), 4), EpochSchedule.of(cfg).epochSeed(4));
  }

  @Test
  void costAndGradientIsOnePassOfCostAndGradient() {
    TrainingSession s = TrainingSession.of(NET, null, 5);
    Dataset d = NeuralNetTest.blobs(12, 3);
    INDArray x = d.x().castTo(DataType.FLOAT), y = Targets.of(NET, d.y()).encode(d.y(), 3).castTo(DataType.FLOAT);
    INDArray g = Nd4j.create(DataType.FLOAT, s.size());
    double cost = s.costAndGradient(x, y, 42, g);
    assertEquals(s.cost(x, y, 42), cost);
    assertArrayEquals(NeuralNetTest.bits(s.gradient(x, y, 42).toFloatVector()), NeuralNetTest.bits(g.toFloatVector()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.costAndGradient(x, y, 42, Nd4j.create(DataType.FLOAT, 3)));
    assertEquals("The 'gradient' vector of costAndGradient must hold " + s.size() + " values (this network's"
        + " parameters). Got 3 values instead.", e.getMessage());
  }

  @Test
  void validationRowsAndWrongVectorsAreNamed() {
    NeuralNet cfg = NeuralNet.of(NET, Optimizer.Sgd.of(0.1)).withValidation(0.2, 0);
    TrainingData data = TrainingData.prepare(cfg, NeuralNetTest.blobs(50, 3), null);
    assertTrue(data.hasValidation());
    assertEquals(40, data.rows());
    assertEquals(10, data.validationX().rows());
    assertEquals(3, data.validationT().columns());
    TrainingData none = TrainingData.prepare(cfg.withValidation(0, 0), NeuralNetTest.blobs(50, 3), null);
    IllegalStateException st = assertThrows(IllegalStateException.class, none::validationX);
    assertEquals("This training run has no validation rows: give a validation set or a validation fraction > 0 to"
        + " have them.", st.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> data.model(Nd4j.create(DataType.FLOAT, 5), Nd4j.empty(DataType.FLOAT)));
    assertEquals("The parameters must be a flat vector of " + NET.parameterCount() + " values (this network's). Got 5"
        + " values instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EpochTracker.of(null));
    assertEquals("The 'data' parameter of EpochTracker.of is null.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TrainingData.prepare(cfg, Dataset.of(new double[][] {{1, 2}}, new double[] {0}), null));
    assertEquals("x has 2 features, but the network's input shape " + NET.input() + " needs 4.", e.getMessage());
  }

  /** readRows copies rows of the prepared inputs and targets as x() and t() hold them, and names a bad range. */
  @Test
  void readRowsCopiesThePreparedRows() {
    NeuralNet cfg = NeuralNet.of(NET, Optimizer.Adam.of(0.01)).withValidation(0, 0).withScaling(InputScaling.GLOBAL);
    TrainingData data = TrainingData.prepare(cfg, NeuralNetTest.blobs(30, 3), null);
    assertEquals(4, data.inputs());
    assertEquals(3, data.outputs());
    float[] x = new float[5 * 4], t = new float[5 * 3];
    data.readRows(7, 5, x, t);
    int[] rows = {7, 8, 9, 10, 11};
    assertArrayEquals(data.x().getRows(rows).castTo(DataType.FLOAT).dup('c').data().asFloat(), x);
    assertArrayEquals(data.t().getRows(rows).castTo(DataType.FLOAT).dup('c').data().asFloat(), t);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data.readRows(28, 5, x, t));
    assertEquals("Matrices.readRows needs 0 <= from <= from + rows <= 30 (the matrix's rows) and room for rows x 4"
        + " values. Got from 28, rows 5 and 20 values of room instead.", e.getMessage());
  }
}
