package org.mlmp.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlmp.api.Dataset;
import org.mlmp.api.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU fast path of {@link Moments}: blocks in groups claimed dynamically by the BLAS threads, the group sums
 * added in group order. Its Gram matrix equals one {@code dsyrk} over the whole shifted data, and it does not depend
 * on the thread count or on which thread took which group.
 */
class MomentsGroupsTest {
  /** n = 5 003 rows × 12 in blocks of 97 rows: 52 blocks, a shorter last one, {@value Moments#GROUPS} groups. */
  private static final int N = 5003, D = 12, BLOCK = 97;

  private static Dataset data(DataType dt) {
    Random r = new Random(11);
    double[][] x = new double[N][D];
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) x[i][j] = 50.0 * (j + 1) + (1 + j) * r.nextGaussian();
      y[i] = r.nextGaussian();
    }
    return Dataset.of(Nd4j.createFromArray(x).castTo(dt), Nd4j.createFromArray(y));
  }

  private static boolean cpu() {
    return DirectBlas.applies(Nd4j.create(DataType.DOUBLE, 2, 2));
  }

  @Test
  void theGroupCountDependsOnBlocksAndColumnsOnly() {
    assertEquals(1, Moments.groups(1, 200));
    assertEquals(11, Moments.groups(11, 200));
    assertEquals(Moments.GROUPS, Moments.groups(52, 200));
    assertEquals(8, Moments.groups(52, 1000), "64 MB of 8 MB sums");
    assertEquals(2, Moments.groups(52, 5000), "at least two groups for two BLAS threads, whatever d");
    assertTrue(Moments.groups((N + BLOCK - 1) / BLOCK, D) == Moments.GROUPS, "the test data span all groups");
  }

  /** The grouped Gram matrix of the shifted rows against one dsyrk over all of them, to 1e-12 relative. */
  @Test
  void theGroupedGramMatrixIsOneSyrkOverAllRows() {
    assumeTrue(cpu(), "the fast path exists on the CPU backend only");
    Dataset ds = data(DataType.DOUBLE);
    double[] t = ds.y().toDoubleVector();
    Moments m = Moments.of(ds, t, true, Precision.DOUBLE, BLOCK);
    INDArray z = ds.x().dup('c');
    DirectBlas.subtractFromRows(z, m.shift);
    double[][] whole;
    try (DirectBlas.GramSum acc = new DirectBlas.GramSum(D, DataType.DOUBLE)) {
      acc.add(z);
      whole = acc.result();
    }
    double[] sums = DirectBlas.transposeTimes(z, null), xt = DirectBlas.transposeTimes(z, t);
    for (int j = 0; j < D; j++) {
      for (int k = 0; k < D; k++) {
        assertEquals(whole[j][k], m.gram[j][k], 1e-12 * Math.sqrt(whole[j][j] * whole[k][k]), "gram " + j + "," + k);
        assertEquals(m.gram[j][k], m.gram[k][j], 0.0, "exactly symmetric");
      }
      assertEquals(sums[j], m.sums[j], 1e-12 * Math.sqrt(whole[j][j] * N), "sums " + j);
      assertEquals(xt[j], m.xt[j], 1e-12 * Math.sqrt(whole[j][j] * N), "xt " + j);
    }
  }

  /**
   * Bit for bit the same moments with 1 and 2 BLAS threads, and from several threads at once (each pass's groups
   * then land on whichever worker is free).
   */
  @ParameterizedTest
  @EnumSource(Precision.class)
  void theResultDoesNotDependOnTheThreadsOrTheSchedule(Precision precision) throws Exception {
    assumeTrue(cpu(), "the fast path exists on the CPU backend only");
    Dataset ds = data(DataType.DOUBLE);
    double[] t = ds.y().toDoubleVector();
    var blas = Nd4j.factory().blas();
    int saved = blas.getMaxThreads();
    Moments one;
    try {
      blas.setMaxThreads(1);
      one = Moments.of(ds, t, true, precision, BLOCK);
    } finally {
      blas.setMaxThreads(saved);
    }
    assumeTrue(saved >= 2, "needs two BLAS threads to compare against");
    Moments two = Moments.of(ds, t, true, precision, BLOCK);
    assertSame(one, two, "1 vs " + saved + " threads");
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      java.util.List<Future<Moments>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) runs.add(callers.submit(() -> Moments.of(ds, t, true, precision, BLOCK)));
      for (Future<Moments> f : runs) assertSame(one, f.get(), "concurrent passes");
    } finally {
      callers.shutdown();
    }
  }

  /** A buffer given back is handed out again to the next pass asking for the same length, zeroed when new. */
  @Test
  void workspaceBuffersAreReusedByLength() {
    Moments.Workspace a = Moments.Workspace.take(1234);
    assertEquals(0.0, a.memory.get(1233), 0.0, "a new buffer is zeroed");
    a.memory.put(7, 3.5);
    a.close();
    Moments.Workspace b = Moments.Workspace.take(1234);
    try {
      assertTrue(a == b, "the same buffer back");
      assertEquals(3.5, b.memory.get(7), 0.0, "kept as it was");
      try (Moments.Workspace c = Moments.Workspace.take(1234)) {
        assertTrue(c != b, "one buffer is never handed out twice at once");
      }
    } finally {
      b.close();
    }
  }

  /** A FLOAT x takes Dataset.copyRows's converting copy rather than the memcpy: the same moments as a DOUBLE x. */
  @Test
  void aFloatDataSetGivesTheMomentsOfItsValues() {
    assumeTrue(cpu(), "the fast path exists on the CPU backend only");
    Dataset f = data(DataType.FLOAT);
    Dataset asDouble = Dataset.of(f.x().castTo(DataType.DOUBLE), f.y());
    double[] t = f.y().castTo(DataType.DOUBLE).toDoubleVector();
    assertSame(Moments.of(asDouble, t, true, Precision.DOUBLE, BLOCK), Moments.of(f, t, true, Precision.DOUBLE, BLOCK),
        "FLOAT x");
  }

  private static void assertSame(Moments a, Moments b, String what) {
    assertArrayEquals(a.shift, b.shift, 0.0, what + ": shift");
    assertArrayEquals(a.sums, b.sums, 0.0, what + ": sums");
    assertArrayEquals(a.xt, b.xt, 0.0, what + ": xt");
    for (int j = 0; j < a.gram.length; j++) assertArrayEquals(a.gram[j], b.gram[j], 0.0, what + ": gram row " + j);
  }
}
