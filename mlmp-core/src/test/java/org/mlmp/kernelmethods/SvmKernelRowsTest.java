package org.mlmp.kernelmethods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Laplacian;
import org.mlmp.kernel.Kernel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SVM's kernel rows computed when SMO first needs them: on two threads (rows of at least {@link
 * Svm.GlobalRows#PARALLEL_ROW} entries, in chunks) they equal the one-{@link Kernel#value}-at-a-time route, and a row
 * is computed once and then kept in a slab shared with other rows, each at a place of its own.
 */
class SvmKernelRowsTest {
  static double[][] points(int n, int d, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = r.nextDouble();
    return x;
  }

  @Test
  void rowsOnTwoThreadsEqualTheKernelValues() throws Exception {
    int n = Svm.GlobalRows.PARALLEL_ROW + Svm.GlobalRows.PARALLEL_CHUNK / 2 + 3; // a last chunk shorter than the others
    double[][] x = points(n, 4, 11);
    // one thread allowed (MLMP_THREADS=1, or compare's 1-thread rows): every row on the calling thread
    org.mlmp.backend.Threads.capped(1, () -> {
      assertFalse(Svm.GlobalRows.create(Gaussian.of(0.7), Nd4j.createFromArray(x), x, 8L * n * n).parallel(),
          "one thread allowed: rows computed on the caller alone");
      return null;
    });
    org.mlmp.backend.Threads.capped(2, () -> {
      for (Kernel k : new Kernel[] {Gaussian.of(0.7), Laplacian.of(1.3)}) {
        Svm.GlobalRows fast = Svm.GlobalRows.create(k, Nd4j.createFromArray(x), x, 8L * n * n),
            reference = new Svm.GlobalRows(k, x, 8L * n * n);
        assertTrue(fast.parallel(), "two threads allowed: rows of " + n + " entries are split");
        java.util.Set<Integer> offsets = new java.util.HashSet<>();
        for (int i : new int[] {0, 1, n / 2, n - 1}) {
          double[] row = fast.row(i);
          assertArrayEquals(reference.row(i), row, 1e-14, k + " row " + i);
          assertEquals(1.0, row[i], 0.0, k + " exact k(0) at " + i);
          double[] store = fast.rowStore(i);
          int at = fast.rowOffset(i);
          assertArrayEquals(row, java.util.Arrays.copyOfRange(store, at, at + n), 0.0, k + " row " + i + " in its slab");
          assertSame(store, fast.rowStore(i), "row " + i + " is kept, not computed again");
          assertEquals(at, fast.rowOffset(i));
          assertTrue(offsets.add(at), "row " + i + " has a place of its own in the slab");
        }
      }
      return null;
    });
  }

  /**
   * A closed row set hands its slab to the next one: the same array, every row written in full again (the old numbers
   * in it do not leak into the new rows).
   */
  @Test
  void aClosedRowSetsSlabServesTheNextOne() {
    int n = 300;
    double[][] a = points(n, 3, 5), b = points(n, 3, 6);
    Kernel k = Gaussian.of(0.9);
    double[] store;
    try (Svm.GlobalRows first = Svm.GlobalRows.create(k, Nd4j.createFromArray(a), a, 8L * n * n)) {
      for (int i = 0; i < 40; i++) first.rowStore(i);
      store = first.rowStore(0);
    }
    try (Svm.GlobalRows second = Svm.GlobalRows.create(k, Nd4j.createFromArray(b), b, 8L * n * n)) {
      Svm.GlobalRows reference = new Svm.GlobalRows(k, b, 8L * n * n);
      for (int i = n - 1; i >= n - 40; i--) {
        double[] s = second.rowStore(i);
        assertSame(store, s, "the closed set's slab is used again");
        int at = second.rowOffset(i);
        assertArrayEquals(reference.row(i), java.util.Arrays.copyOfRange(s, at, at + n), 1e-14, "row " + i);
      }
    }
  }
}
