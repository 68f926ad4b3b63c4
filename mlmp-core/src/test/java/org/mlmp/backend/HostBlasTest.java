package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.mlmp.backend.HostBlas.Layout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The host BLAS facade: the host-memory decision, the scoped test switch, argument checks, a few calls by hand. */
class HostBlasTest {

  @Test
  void theCpuBackendIsHostMemory() {
    assertEquals(Backends.report().backend() == BackendKind.CPU, HostBlas.hostMemory());
  }

  @Test
  void forceGenericSwitchesHostMemoryOffInsideTheScopeOnly() {
    boolean before = HostBlas.hostMemory();
    try (var outer = HostBlas.forceGeneric()) {
      assertFalse(HostBlas.hostMemory());
      assertTrue(HostBlas.genericForced());
      try (var inner = HostBlas.forceGeneric()) {
        assertFalse(HostBlas.hostMemory());
      }
      assertFalse(HostBlas.hostMemory(), "closing a nested scope keeps the outer one in force");
      assertTrue(HostBlas.genericForced());
    }
    assertEquals(before, HostBlas.hostMemory(), "restored after the scope");
    assertFalse(HostBlas.genericForced());
  }

  @Test
  void closingAScopeTwiceChangesNothing() {
    boolean before = HostBlas.hostMemory();
    var scope = HostBlas.forceGeneric();
    scope.close();
    try (var other = HostBlas.forceGeneric()) {
      scope.close();
      assertFalse(HostBlas.hostMemory(), "the second close of the first scope must not end the second one");
    }
    assertEquals(before, HostBlas.hostMemory());
  }

  @Test
  void theSwitchIsPerThreadAndMustBeClosedWhereItWasOpened() throws Exception {
    boolean before = HostBlas.hostMemory();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (var scope = HostBlas.forceGeneric()) {
      assertEquals(before, other.submit(HostBlas::hostMemory).get(), "another thread is not forced");
      ExecutionException e = assertThrows(ExecutionException.class, () -> other.submit(() -> {
        scope.close();
        return null;
      }).get());
      assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
      assertTrue(e.getCause().getMessage().startsWith("HostBlas.forceGeneric(): the scope was opened on thread '"
          + Thread.currentThread().getName() + "' but closed on '"), e.getCause().getMessage());
      assertFalse(HostBlas.hostMemory(), "a refused close leaves the scope in force");
    } finally {
      other.shutdown();
    }
    assertEquals(before, HostBlas.hostMemory());
  }

  @Test
  void arrayBuffersAreRefusedWhenTheGenericPathIsForced() {
    INDArray a = Nd4j.create(DataType.DOUBLE, 2, 2);
    try (var forced = HostBlas.forceGeneric()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostDoubles.of(a));
      assertEquals("HostDoubles.of: array buffers are not host memory here (the backend-generic path is forced by"
          + " HostBlas.forceGeneric()); check HostBlas.hostMemory() first and take the backend-generic path when it"
          + " is false.", e.getMessage());
    }
  }

  @Test
  void wrongDataTypeAndViewsAreRefusedWithTheFix() {
    org.junit.jupiter.api.Assumptions.assumeTrue(HostBlas.hostMemory(), "host buffers exist on the CPU backend only");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HostDoubles.of(Nd4j.create(DataType.FLOAT, 2, 3)));
    assertEquals("HostDoubles.of: needs a DOUBLE array. Got FLOAT (shape [2, 3]) instead; cast it with"
        + " castTo(DataType.DOUBLE).", e.getMessage());
    INDArray view = Nd4j.create(DataType.FLOAT, 4, 3).getRow(1);
    e = assertThrows(IllegalArgumentException.class, () -> HostFloats.of(view));
    assertTrue(e.getMessage().startsWith("HostFloats.of: needs an array that owns its buffer from element 0. Got a"
        + " view of shape [3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HostDoubles.allocate(-1));
    assertEquals("HostDoubles.allocate: the length must be >= 0. Got -1 instead.", e.getMessage());
  }

  /** A view of an array's buffer writes through; a copy does not touch the source. */
  @Test
  void viewsWriteThroughAndCopiesAreIndependent() {
    org.junit.jupiter.api.Assumptions.assumeTrue(HostBlas.hostMemory(), "host buffers exist on the CPU backend only");
    INDArray a = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
    HostDoubles v = HostDoubles.of(a);
    v.put(3, 40.0);
    assertEquals(40.0, a.getDouble(1, 1), 0.0);
    double[] src = {5, 6, 7};
    try (HostDoubles c = HostDoubles.copyOf(src)) {
      c.put(0, 50.0);
      double[] back = new double[3];
      c.forThread().get(0, back, 0, 3);
      assertArrayEquals(new double[] {50, 6, 7}, back, 0.0);
      assertEquals(5.0, src[0], 0.0);
    }
  }

  /**
   * HostFloats.elements reads and writes exactly a view's elements (a reshaped interval of a flat vector, as the
   * engine's parameter views are) and refuses a column view, naming its strides.
   */
  @Test
  void elementsOfARowMajorViewAndTheRefusalOfAColumn() {
    org.junit.jupiter.api.Assumptions.assumeTrue(HostBlas.hostMemory(), "host buffers exist on the CPU backend only");
    INDArray flat = Nd4j.arange(20).castTo(DataType.FLOAT);
    INDArray view = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 13)).reshape('c', 2, 3);
    assertTrue(view.offset() > 0 && HostBlas.rowMajorRun(view));
    java.nio.FloatBuffer b = HostFloats.elements(view);
    assertEquals(6, b.capacity());
    float[] got = new float[6];
    b.get(0, got, 0, 6);
    assertArrayEquals(new float[] {7, 8, 9, 10, 11, 12}, got, 0f);
    b.put(5, -1f);
    assertEquals(-1f, flat.getFloat(12), 0f);
    assertEquals(13f, flat.getFloat(13), 0f);
    INDArray twoColumns = Nd4j.create(DataType.FLOAT, 4, 3).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2));
    assertFalse(HostBlas.rowMajorRun(twoColumns));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostFloats.elements(twoColumns));
    assertEquals("HostFloats.elements: needs elements in row order one after the other. Got shape [4, 2], strides"
        + " [3, 1], order 'c'; pass a copy in C order (dup('c')).", e.getMessage());
  }

  /** [[1, 2], [3, 4]] · [1, 1] and its transpose, row-major, hand-computed; then x ← x − 1 cᵀ by ger. */
  @Test
  void gemvAndGerByHand() {
    try (HostDoubles a = HostDoubles.copyOf(new double[] {9, 1, 2, 3, 4}); HostDoubles x = HostDoubles.copyOf(
        new double[] {1, 1}); HostDoubles y = HostDoubles.allocate(2)) {
      double[] out = new double[2];
      HostBlas.dgemv(Layout.ROW_MAJOR, false, 2, 2, 1.0, a, 1, 2, x, 0, 0.0, y);
      y.get(0, out, 0, 2);
      assertArrayEquals(new double[] {3, 7}, out, 0.0);
      HostBlas.dgemv(Layout.ROW_MAJOR, true, 2, 2, 2.0, a, 1, 2, x, 0, 0.0, y);
      y.get(0, out, 0, 2);
      assertArrayEquals(new double[] {8, 12}, out, 0.0);
      try (HostDoubles c = HostDoubles.copyOf(new double[] {1, 2})) {
        HostBlas.dger(Layout.ROW_MAJOR, 2, 2, -1.0, x, c, a, 1, 2);
      }
      double[] m = new double[5];
      a.get(0, m, 0, 5);
      assertArrayEquals(new double[] {9, 0, 0, 2, 2}, m, 0.0);
    }
  }

  /** [[4, 2], [2, 3]] x = [2, 1] has x = [0.5, 0]; the info of an indefinite matrix is passed back. */
  @Test
  void dposvByHandAndItsInfo() {
    try (HostDoubles a = HostDoubles.copyOf(new double[] {4, 2, 2, 3}); HostDoubles b = HostDoubles.copyOf(
        new double[] {2, 1})) {
      assertEquals(0, HostLapack.dposvLower(Layout.COLUMN_MAJOR, 2, 1, a, 2, b, 2));
      double[] x = new double[2];
      b.get(0, x, 0, 2);
      assertArrayEquals(new double[] {0.5, 0}, x, 1e-15);
    }
    try (HostDoubles a = HostDoubles.copyOf(new double[] {1, 2, 2, 1}); HostDoubles b = HostDoubles.copyOf(
        new double[] {1, 1})) {
      assertEquals(2, HostLapack.dposvLower(Layout.COLUMN_MAJOR, 2, 1, a, 2, b, 2), "the minor of order 2 fails");
    }
  }
}
