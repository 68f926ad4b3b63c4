package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
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

  /** Every index runs once, on the calling thread alone with no helper and with helpers too. */
  @Test
  void inTurnRunsEveryIndexOnce() throws Exception {
    for (int helpers : new int[] {0, 1, 3}) {
      AtomicIntegerArray runs = new AtomicIntegerArray(37);
      Threads.inTurn(37, helpers, i -> runs.incrementAndGet(i));
      int[] once = new int[37];
      java.util.Arrays.fill(once, 1);
      int[] got = new int[37];
      for (int i = 0; i < 37; i++) got[i] = runs.get(i);
      assertArrayEquals(once, got, helpers + " helpers");
    }
    Threads.inTurn(0, 2, i -> {
      throw new AssertionError("no index for a count of 0");
    });
  }

  /**
   * A task's failure is rethrown itself, on the calling thread, after the started indices ended; no index starts after
   * it. Alone, exactly indices 0..5 run. With a helper, the other thread may claim indices until the failing one has
   * stopped the claims, which takes it microseconds: the indices after 5 each take 1 ms, so a few of them run, where
   * without the stop all 1 000 would (a second); the bound, 100, leaves room for a loaded machine.
   */
  @Test
  void inTurnRethrowsTheFirstFailureAndStartsNoFurtherIndex() {
    for (int helpers : new int[] {0, 1}) {
      IllegalStateException boom = new IllegalStateException("index 5 failed");
      AtomicIntegerArray runs = new AtomicIntegerArray(1000);
      var e = assertThrows(IllegalStateException.class, () -> Threads.inTurn(1000, helpers, i -> {
        runs.incrementAndGet(i);
        if (i == 5) throw boom;
        if (i > 5) LockSupport.parkNanos(1_000_000);
      }));
      assertSame(boom, e, "the task's own exception");
      assertEquals("index 5 failed", e.getMessage());
      int started = 0;
      for (int i = 0; i < 1000; i++) started += runs.get(i);
      for (int i = 0; i <= 5; i++) assertEquals(1, runs.get(i), helpers + " helpers: index " + i + " ran once");
      assertTrue(started <= (helpers == 0 ? 6 : 100), helpers + " helpers: " + started + " indices ran");
    }
  }
}
