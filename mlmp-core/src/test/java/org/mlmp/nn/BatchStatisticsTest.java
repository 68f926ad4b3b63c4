package org.mlmp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** BatchNorm's batch statistics as public values: read, pooled across batches, applied to running statistics. */
class BatchStatisticsTest {
  /** A convolution (3 channels of 4×4 pixels) into BatchNorm, then a dense BatchNorm: m = rows × pixels differs. */
  static Network network() {
    return Network.of(Shape.image(1, 6, 6), Loss.CROSS_ENTROPY, Conv2d.of(3, 3, Activation.IDENTITY),
        BatchNorm.of(Activation.RELU), Flatten.of(), Dense.of(5, Activation.IDENTITY), BatchNorm.of(Activation.TANH),
        Dense.of(2, Activation.SOFTMAX));
  }

  static INDArray[] batch(int rows, long seed) {
    INDArray x = Nd4j.rand(DataType.FLOAT, rows, 36).muli(3).addi(0.5);
    INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 2);
    for (int r = 0; r < rows; r++) y.putScalar(r, r % 2, 1);
    return new INDArray[] {x, y};
  }

  static long[] bits(INDArray v) {
    float[] f = v.toFloatVector();
    long[] b = new long[f.length];
    for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
    return b;
  }

  /** A batch's own statistics, applied to a fresh session, give bitwise the running statistics a step leaves. */
  @Test
  void movingByABatchsStatisticsIsTheStepsOwnUpdate() {
    Nd4j.getRandom().setSeed(3);
    INDArray[] b = batch(7, 3);
    TrainingSession trained = TrainingSession.of(network(), Optimizer.Sgd.of(0.1), 5);
    trained.step(b[0], b[1], 0.1, 11);
    BatchStatistics s = trained.batchStatistics();
    assertEquals(7, s.rows());
    assertEquals(3 + 5, s.means().length);
    TrainingSession fresh = TrainingSession.of(network(), null, 5);
    long[] before = bits(fresh.statistics());
    fresh.moveStatistics(s);
    assertArrayEquals(bits(trained.statistics()), bits(fresh.statistics()));
    assertTrue(!java.util.Arrays.equals(before, bits(fresh.statistics())), "the running statistics did not move");
  }

  /**
   * Pooling the statistics of two disjoint batches gives the statistics of their union (within 1e-9: values of order
   * 1, all in double), and the running statistics it moves are the union's to one float ulp; one part is returned as
   * it is. Checked on the first BatchNorm layer (3 channels): the second one's inputs were normalised per batch by the
   * first, so its pooled statistics are those of differently normalised activations (asserted to differ).
   */
  @Test
  void poolingDisjointBatchesGivesTheUnionsStatistics() {
    Nd4j.getRandom().setSeed(4);
    INDArray[] all = batch(10, 4);
    TrainingSession s = TrainingSession.of(network(), null, 5);
    INDArray g = Nd4j.create(DataType.FLOAT, s.size());
    s.costAndGradient(all[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)),
        all[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)), 1, g);
    BatchStatistics first = s.batchStatistics();
    s.costAndGradient(all[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 10)),
        all[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 10)), 1, g);
    BatchStatistics second = s.batchStatistics();
    TrainingSession whole = TrainingSession.of(network(), null, 5);
    whole.costAndGradient(all[0], all[1], 1, g);
    BatchStatistics union = whole.batchStatistics();
    BatchStatistics pooled = BatchStatistics.pool(List.of(first, second));
    assertEquals(10, pooled.rows());
    for (int c = 0; c < 3; c++) {
      assertEquals(union.means()[c], pooled.means()[c], 1e-9, "mean " + c);
      assertEquals(union.variances()[c], pooled.variances()[c], 1e-9, "variance " + c);
    }
    assertTrue(Math.abs(first.means()[0] - second.means()[0]) > 1e-3, "the two batches have the same statistics");
    TrainingSession driver = TrainingSession.of(network(), null, 5);
    driver.moveStatistics(pooled);
    float[] a = driver.statistics().toFloatVector(), e = whole.statistics().toFloatVector();
    for (int i = 0; i < 6; i++) assertEquals(e[i], a[i], 1e-6, "running statistic " + i);
    assertTrue(Math.abs(union.means()[3] - pooled.means()[3]) > 1e-4, "the second layer's inputs did not depend on"
        + " the split");
    assertSame(first, BatchStatistics.pool(List.of(first)));
  }

  @Test
  void badValuesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchStatistics.of(0, new double[1], new double[1]));
    assertEquals("The 'rows' of BatchStatistics must be >= 1 (the batch's rows). Got 0 instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BatchStatistics.of(2, new double[2], new double[3]));
    assertEquals("BatchStatistics needs one variance per mean. Got 2 means and 3 variances.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BatchStatistics.pool(List.of()));
    assertEquals("BatchStatistics.pool needs at least one part. Got an empty list.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BatchStatistics.pool(List.of(
        BatchStatistics.of(1, new double[2], new double[2]), BatchStatistics.of(1, new double[3], new double[3]))));
    assertEquals("BatchStatistics.pool needs parts of one network: the first has 2 channels, another 3.",
        e.getMessage());
    TrainingSession s = TrainingSession.of(network(), null, 5);
    e = assertThrows(IllegalArgumentException.class,
        () -> s.moveStatistics(BatchStatistics.of(4, new double[2], new double[2])));
    assertEquals("moveStatistics needs one mean and variance per BatchNorm channel of this network: 8 values. Got 2"
        + " instead.", e.getMessage());
    IllegalStateException n = assertThrows(IllegalStateException.class, s::batchStatistics);
    assertEquals("No batch is loaded in this TrainingSession. Call load(x, y) first.", n.getMessage());
  }
}
