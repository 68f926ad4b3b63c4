package org.mlmp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mlmp.api.Dataset;
import org.mlmp.data.RowBlock;
import org.mlmp.data.RowBlocks;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.ConjugateGradientKernelRidge;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.mlmp.kernelmethods.NystromKernelRidge;
import org.mlmp.kernelmethods.NystromKernelRidgeModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SparkRowBlocks}: the blocks' rows and order, and the kernel ridge fits over them equal to the sequential
 * ones (Nyström: bitwise for the same blocks, to rounding for other block sizes; CG: KernelRidge's Cholesky to 1e-6).
 */
class SparkRowBlocksTest {
  @RegisterExtension static final LocalSpark SPARK = LocalSpark.on("local[2]");

  /** n rows of 3 features with y = sin(x1) + x2·x3 / 2 + noise. */
  static Dataset data(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) x[i][j] = 2 * r.nextDouble() - 1;
      y[i] = Math.sin(3 * x[i][0]) + x[i][1] * x[i][2] / 2 + 0.05 * r.nextGaussian();
    }
    return Dataset.of(x, y);
  }

  /** max |a − b| / max |b|. */
  static double relative(double[] a, double[] b) {
    INDArray x = Nd4j.createFromArray(a), y = Nd4j.createFromArray(b);
    return x.sub(y).amaxNumber().doubleValue() / y.amaxNumber().doubleValue();
  }

  @Test
  void blocksCoverTheRowsInPartitionOrder() {
    Dataset d = data(101, 1);
    try (SparkRowBlocks blocks = SparkRowBlocks.of(SPARK.sc(), d, 4)) {
      assertEquals(101, blocks.rows());
      assertEquals(3, blocks.features());
      assertTrue(blocks.hasTargets());
      List<long[]> spans = blocks.map(b -> new long[] {b.index(), b.firstRow(), b.rows()});
      long next = 0;
      for (int p = 0; p < 4; p++) {
        assertEquals(p, spans.get(p)[0]);
        assertEquals(next, spans.get(p)[1]);
        assertEquals((p + 1) * 101L / 4 - p * 101L / 4, spans.get(p)[2]);
        next += spans.get(p)[2];
      }
      assertEquals(101, next);
      // the blocks hold the data set's rows and targets, bitwise
      List<double[]> xs = blocks.map(b -> b.x().dup('c').data().asDouble());
      List<double[]> ys = blocks.map(b -> b.y().dup().data().asDouble());
      double[] x = d.x().dup('c').data().asDouble(), y = d.y().dup().data().asDouble();
      int at = 0, row = 0;
      for (int p = 0; p < 4; p++) {
        for (double v : xs.get(p)) assertEquals(x[at++], v);
        for (double v : ys.get(p)) assertEquals(y[row++], v);
      }
      int[] pick = {100, 0, 57, 26, 25};
      assertEquals(d.rows(pick).x(), blocks.rowsAt(pick));
      IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> blocks.rowsAt(new int[] {101}));
      assertEquals("SparkRowBlocks.rowsAt: row 101 is outside [0, 101).", e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkRowBlocks.of(SPARK.sc(), data(3, 1), 4));
    assertEquals("--partitions 4 is more than the 3 training rows: a partition would hold no rows. Use 1 to 3"
        + " partitions.", e.getMessage());
  }

  @Test
  void nystromOnSparkIsTheSequentialFit() {
    Dataset d = data(240, 2), test = data(50, 3);
    NystromKernelRidge config = NystromKernelRidge.of(Gaussian.of(0.7), 1e-3, 40).withSeed(5);
    try (SparkRowBlocks one = SparkRowBlocks.of(SPARK.sc(), d, 1);
        SparkRowBlocks three = SparkRowBlocks.of(SPARK.sc(), d, 3)) {
      NystromKernelRidgeModel p1 = config.fit(one, true), p3 = config.fit(three, true);
      // the same blocks as in memory: the same sums in the same order, so bitwise the same model
      NystromKernelRidgeModel seq1 = config.withBlockRows(240).fit(d), seq3 = config.withBlockRows(80).fit(d);
      assertEquals(seq1.landmarks(), p1.landmarks());
      assertEquals(seq1.coef(), p1.coef());
      assertEquals(seq3.coef(), p3.coef());
      // other block sizes: the same model to rounding
      double[] expected = config.fit(d).predict(test.x()).toDoubleVector();
      assertTrue(relative(p3.predict(test.x()).toDoubleVector(), expected) < 1e-9);
      assertTrue(relative(p1.predict(test.x()).toDoubleVector(), expected) < 1e-9);
    }
  }

  @Test
  void conjugateGradientsOnSparkEqualCholesky() {
    Dataset d = data(300, 4), test = data(40, 5);
    KernelRidgeModel exact = KernelRidge.of(Gaussian.of(0.7), 1e-2).fit(d);
    try (SparkRowBlocks blocks = SparkRowBlocks.of(SPARK.sc(), d, 2)) {
      ConjugateGradientKernelRidge.CgSolution s = ConjugateGradientKernelRidge.of(Gaussian.of(0.7), 1e-2)
          .withPreconditionerLandmarks(10).solve(blocks, true);
      assertTrue(s.iterations()[0] > 3, "the preconditioner of 10 landmarks leaves CG some passes: "
          + s.iterations()[0]);
      assertTrue(s.relativeResidual()[0] <= 1e-10);
      double[] a = s.model().dualCoef().toDoubleVector(), b = exact.dualCoef().toDoubleVector();
      assertTrue(relative(a, b) < 1e-6, "dual coefficients differ by " + relative(a, b));
      double rp = relative(s.model().predict(test.x()).toDoubleVector(), exact.predict(test.x()).toDoubleVector());
      assertTrue(rp < 1e-6, "predictions differ by " + rp);
      // deterministic for a fixed P: the same passes give bitwise the same solution
      ConjugateGradientKernelRidge.CgSolution again = ConjugateGradientKernelRidge.of(Gaussian.of(0.7), 1e-2)
          .withPreconditionerLandmarks(10).solve(blocks, true);
      assertArrayEquals(a, again.model().dualCoef().toDoubleVector());
    }
  }

  /** The size of {@code o} in Java serialisation, the form in which Spark's closure serialiser ships a task's function. */
  static int serializedSize(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.size();
  }

  /** SparkRowBlocks that records the serialised size of every block function it ships and every value shared. */
  record Recording(SparkRowBlocks blocks, List<Integer> passBytes, List<Integer> sharedBytes) implements RowBlocks {
    @Override
    public long rows() {
      return blocks.rows();
    }

    @Override
    public int features() {
      return blocks.features();
    }

    @Override
    public boolean hasTargets() {
      return blocks.hasTargets();
    }

    @Override
    public INDArray rowsAt(int[] indices) {
      return blocks.rowsAt(indices);
    }

    @Override
    public <R> List<R> map(BlockFunction<R> f) {
      passBytes.add(serializedSize(f));
      return blocks.map(f);
    }

    @Override
    public <T extends Serializable> Shared<T> share(T value) {
      sharedBytes.add(serializedSize(value));
      return blocks.share(value);
    }
  }

  @Test
  void conjugateGradientPassesShipTheVectorNotTheRows() {
    int n = 600, d = 3;
    Dataset data = data(n, 7);
    try (SparkRowBlocks spark = SparkRowBlocks.of(SPARK.sc(), data, 2)) {
      Recording blocks = new Recording(spark, new ArrayList<>(), new ArrayList<>());
      ConjugateGradientKernelRidge.CgSolution s = ConjugateGradientKernelRidge.of(Gaussian.of(0.7), 1e-2)
          .withPreconditionerLandmarks(0).solve(blocks, true);
      int iterations = s.iterations()[0];
      assertTrue(iterations > 3, "CG took " + iterations + " passes");
      // the n × d rows are shared exactly once per fit
      assertEquals(1, blocks.sharedBytes().size());
      assertTrue(blocks.sharedBytes().get(0) >= 8 * n * d);
      // every pass after the two that gather x and y ships at most v (8n bytes) and the kernel's JSON: had the rows
      // travelled with each product, each would be at least 8n(d + 1) bytes
      List<Integer> passes = blocks.passBytes();
      assertEquals(2 + iterations, passes.size());
      for (int size : passes.subList(2, passes.size())) {
        assertTrue(size <= 8 * n + 2048, "a CG pass shipped " + size + " bytes; v is " + 8 * n + ", the rows "
            + 8 * n * d);
      }
      // and the result is unchanged by the sharing: the sequential fit's solution to 1e-6
      double[] expected = KernelRidge.of(Gaussian.of(0.7), 1e-2).fit(data).dualCoef().toDoubleVector();
      double r = relative(s.model().dualCoef().toDoubleVector(), expected);
      assertTrue(r < 1e-6, "dual coefficients differ by " + r);
    }
  }

  @Test
  void blockFunctionsRunOnTheirOwnPartition() {
    try (SparkRowBlocks blocks = SparkRowBlocks.of(SPARK.sc(), data(10, 6), 2)) {
      RowBlocks.BlockFunction<Integer> index = RowBlock::index;
      assertEquals(List.of(0, 1), blocks.map(index));
      assertEquals(2, blocks.partitions());
    }
  }
}
