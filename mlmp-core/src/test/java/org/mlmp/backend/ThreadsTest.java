package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The thread cap reaches what ND4J's own setting does not: libnd4j M2.1's {@code Environment.setMaxThreads} leaves
 * {@code maxThreads()} unchanged, and OpenMP's count (oneDNN's primitives) is a setting of each calling thread.
 */
class ThreadsTest {
  private static int openMpThreadsHere() {
    return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
  }

  @Test
  void cappedSetsOurCountOpenMpOnThisThreadAndOpenBlasThenRestoresThem() throws Exception {
    Threads.applyToThisThread();
    int cap = Threads.cap(), omp = openMpThreadsHere(), blas = Nd4j.factory().blas().getMaxThreads();
    assertEquals(cap, omp, "OpenMP on this thread follows the cap");
    int[] inside = Threads.capped(1, () -> new int[] {Threads.cap(), openMpThreadsHere(),
        Nd4j.factory().blas().getMaxThreads()});
    assertEquals(1, inside[0], "cap inside");
    assertEquals(1, inside[1], "OpenMP threads of this thread inside");
    assertEquals(1, inside[2], "OpenBLAS threads inside");
    assertEquals(cap, Threads.cap(), "cap restored");
    assertEquals(omp, openMpThreadsHere(), "OpenMP restored");
    assertEquals(blas, Nd4j.factory().blas().getMaxThreads(), "OpenBLAS restored");
  }

  @Test
  void anotherThreadKeepsItsOwnCount() throws Exception {
    int cap = Threads.cap();
    int[] other = new int[1];
    Threads.capped(1, () -> {
      Thread t = new Thread(() -> other[0] = Threads.cap());
      t.start();
      t.join();
      return null;
    });
    assertEquals(cap, other[0], "a cap set with capped() holds for the calling thread only");
  }

  @Test
  void aCountBelowOneIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> Threads.capped(0, () -> null));
    assertEquals("The thread count must be >= 1. Got 0 instead.", e.getMessage());
  }
}
