package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * oneDNN's sgemm bound to ND4J arrays: every transposition, α and β, views at an offset, the current values on each
 * run, element by element against a double-precision sum; where it does not apply it returns null, and shapes that
 * do not fit are named.
 */
class HostGemmTest {
  @BeforeEach
  void needsOneDnn() {
    assumeTrue(HostBlas.hostMemory() && HostConvolution.available(), "oneDNN's natives did not load here");
  }

  /** (α·op(a)·op(b) + β·c0)[i, j], summed in double. */
  private static double expected(INDArray a, INDArray b, INDArray c0, boolean ta, boolean tb, double alpha,
      double beta, int i, int j) {
    long k = ta ? a.size(0) : a.size(1);
    double s = 0;
    for (int p = 0; p < k; p++) {
      s += (ta ? a.getDouble(p, i) : a.getDouble(i, p)) * (tb ? b.getDouble(j, p) : b.getDouble(p, j));
    }
    return alpha * s + beta * c0.getDouble(i, j);
  }

  /** A copy of the values of {@code flat} [1, L] before element {@code from} and after {@code from + length}. */
  private static INDArray around(INDArray flat, int from, int length) {
    long end = flat.length();
    return Nd4j.concat(1, flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, from)).reshape(1, from),
        flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(from + length, end)).reshape(1, end - from - length));
  }

  @Test
  void everyTranspositionOnViewsMatchesTheSumInDouble() {
    Nd4j.getRandom().setSeed(11);
    int m = 7, n = 5, k = 37;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        // a and b as reshaped intervals of flat vectors (at an offset, as a plan's weights are); c a view too.
        INDArray flatA = Nd4j.rand(DataType.FLOAT, 1, 3 + m * k).subi(0.5);
        INDArray a = flatA.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, 3 + m * k))
            .reshape('c', ta ? k : m, ta ? m : k);
        INDArray flatB = Nd4j.rand(DataType.FLOAT, 1, 6 + k * n).subi(0.5);
        INDArray b = flatB.get(NDArrayIndex.point(0), NDArrayIndex.interval(6, 6 + k * n))
            .reshape('c', tb ? n : k, tb ? k : n);
        INDArray flatC = Nd4j.rand(DataType.FLOAT, 1, 2 + m * n + 4);
        INDArray c = flatC.get(NDArrayIndex.point(0), NDArrayIndex.interval(2, 2 + m * n)).reshape('c', m, n);
        INDArray c0 = c.dup();
        INDArray outside = around(flatC, 2, m * n);
        HostGemm g = HostGemm.of(a, b, c, ta, tb, 1.5f, 0.25f);
        assertNotNull(g, "transA " + ta + ", transB " + tb);
        g.run();
        String what = "transA " + ta + ", transB " + tb;
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            assertEquals(expected(a, b, c0, ta, tb, 1.5, 0.25, i, j), c.getDouble(i, j), 1e-5,
                what + ": c[" + i + ", " + j + "]");
          }
        }
        assertEquals(outside, around(flatC, 2, m * n), what + ": wrote outside c's view");
        // The same instance reads the arrays' new values.
        a.assign(Nd4j.rand(DataType.FLOAT, a.shape()));
        c0 = c.dup();
        g.run();
        assertEquals(expected(a, b, c0, ta, tb, 1.5, 0.25, m - 1, n - 1), c.getDouble(m - 1, n - 1), 1e-5,
            what + ": after a changed");
      }
    }
  }

  @Test
  void aLargerProductMatchesNd4jsGemmBitForBit() {
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.rand(DataType.FLOAT, 64, 800), w = Nd4j.rand(DataType.FLOAT, 800, 500);
    INDArray z = Nd4j.create(DataType.FLOAT, 64, 500), ref = Nd4j.create(DataType.FLOAT, 64, 500);
    HostGemm.of(x, w, z, false, false, 1f, 0f).run();
    Nd4j.gemm(x, w, ref, false, false, 1.0, 0.0);
    assertEquals(0.0, Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce3.ManhattanDistance(z, ref))
        .getDouble(0), "the same kernel as libnd4j's matmul");
  }

  /**
   * b with rows of 512 floats and c with 64 rows or more, the copy allowed: each run multiplies a copy of b in longer
   * rows. Checked against sums in double (NN and TN, b a view at an offset), on b's new values after it changes, with
   * b and its neighbours untouched, and bit for bit against libnd4j's matmul (on b in place) at the MLP's first layer.
   * The public factory allows the copy only where oneDNN runs below AVX-512.
   */
  @Test
  void bInRowsOf512FloatsIsMultipliedAsAPaddedCopy() {
    Nd4j.getRandom().setSeed(17);
    int m = 64, k = 37, n = 512;
    assertTrue(HostGemm.pads(false, m, n, k));
    assertFalse(HostGemm.pads(true, m, n, k), "b transposed");
    assertFalse(HostGemm.pads(false, m - 1, n, k), "fewer rows of c");
    assertFalse(HostGemm.pads(false, m, 500, k), "rows of 500 floats");
    for (boolean ta : new boolean[] {false, true}) {
      INDArray a = Nd4j.rand(DataType.FLOAT, ta ? k : m, ta ? m : k).subi(0.5);
      INDArray flatB = Nd4j.rand(DataType.FLOAT, 1, 5 + k * n + 3).subi(0.5);
      INDArray b = flatB.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 5 + k * n)).reshape('c', k, n);
      INDArray flatBefore = flatB.dup(), c = Nd4j.rand(DataType.FLOAT, m, n), c0 = c.dup();
      HostGemm g = HostGemm.of(a, b, c, ta, false, 1.5f, 0.25f, true);
      assertTrue(g.padded(), "padded");
      assertEquals(!HostPooling.avx512(), HostGemm.of(a, b, c, ta, false, 1.5f, 0.25f).padded(),
          "the public factory pads below AVX-512 only (AVX-512: " + HostPooling.avx512() + ")");
      assertFalse(HostGemm.of(a, b, c, ta, false, 1.5f, 0.25f, false).padded(), "the copy not allowed");
      g.run();
      String what = "transA " + ta;
      for (int i = 0; i < m; i += 9) {
        for (int j = 0; j < n; j += 13) {
          assertEquals(expected(a, b, c0, ta, false, 1.5, 0.25, i, j), c.getDouble(i, j), 1e-5,
              what + ": c[" + i + ", " + j + "]");
        }
      }
      assertEquals(flatBefore, flatB, what + ": b or its neighbours changed");
      b.muli(-2);
      c0 = c.dup();
      g.run();
      assertEquals(expected(a, b, c0, ta, false, 1.5, 0.25, m - 1, n - 1), c.getDouble(m - 1, n - 1), 1e-5,
          what + ": after b changed");
    }
    INDArray x = Nd4j.rand(DataType.FLOAT, 128, 784), w = Nd4j.rand(DataType.FLOAT, 784, 512);
    INDArray z = Nd4j.create(DataType.FLOAT, 128, 512), ref = Nd4j.create(DataType.FLOAT, 128, 512);
    HostGemm.of(x, w, z, false, false, 1f, 0f, true).run();
    Nd4j.gemm(x, w, ref, false, false, 1.0, 0.0);
    assertEquals(ref, z, "the padded copy's product against libnd4j's matmul on b in place");
  }

  @Test
  void whereItDoesNotApplyItReturnsNull() {
    INDArray a = Nd4j.rand(DataType.FLOAT, 4, 3), b = Nd4j.rand(DataType.FLOAT, 3, 2);
    INDArray c = Nd4j.create(DataType.FLOAT, 4, 2);
    try (var generic = HostBlas.forceGeneric()) {
      assertNull(HostGemm.of(a, b, c, false, false, 1f, 0f), "backend-generic path forced");
    }
    assertNull(HostGemm.of(a.castTo(DataType.DOUBLE), b, c, false, false, 1f, 0f), "a DOUBLE operand");
    INDArray columns = Nd4j.rand(DataType.FLOAT, 4, 6).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
    assertNull(HostGemm.of(columns, b, c, false, false, 1f, 0f), "columns of a wider array: not one run");
    assertNull(HostGemm.of(a.reshape(2, 2, 3), b, c, false, false, 1f, 0f), "rank 3");
    assertNotNull(HostGemm.of(a, b, c, false, false, 1f, 0f));
  }

  @Test
  void shapesThatDoNotFitAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> HostGemm.of(Nd4j.rand(DataType.FLOAT, 4, 3),
        Nd4j.rand(DataType.FLOAT, 4, 2), Nd4j.create(DataType.FLOAT, 4, 2), false, false, 1f, 0f));
    assertEquals("HostGemm: op(a) must be [m, k], op(b) [k, n] and c [m, n]. Got a [4, 3], b [4, 2], c [4, 2];"
        + " pass arrays whose shapes agree.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HostGemm.of(Nd4j.rand(DataType.FLOAT, 4, 3),
        Nd4j.rand(DataType.FLOAT, 2, 3), Nd4j.create(DataType.FLOAT, 3, 2), true, true, 1f, 0f));
    assertEquals("HostGemm: op(a) (transposed) must be [m, k], op(b) (transposed) [k, n] and c [m, n]. Got a [4, 3],"
        + " b [2, 3], c [3, 2]; pass arrays whose shapes agree.", e.getMessage());
  }
}
