package org.mlmp.backend;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads mlmp's work may use: {@code MLMP_THREADS} (or {@code -Dmlmp.threads}, or {@code ./mlmp --threads}),
 * else what ND4J's natives started with ({@code OMP_NUM_THREADS}, else every core).
 *
 * <p>Three kinds of threads obey it: mlmp's own Java workers ({@link #cap()}: SVM kernel rows, Adam's blocks,
 * BatchNorm's channels, Gram blocks); OpenBLAS's (one global setting, set at start-up); and OpenMP's — oneDNN's
 * primitives, libnd4j's oneDNN matmul — whose count is a setting of each calling thread: {@link #applyToThisThread()}
 * sets it there (the training plans call it on each pass). libnd4j M2.1's {@code Environment.setMaxThreads} changes
 * nothing ({@code maxThreads()} keeps its start value), so libnd4j's own element-wise thread pool keeps the count of
 * {@code OMP_NUM_THREADS} at start-up: set that variable before the JVM starts to cap it too ({@code ./mlmp} does).
 * Measured in docs/nn-measurements.md, "Thread counts in the process".
 */
public final class Threads {
  /** 0 until {@link #configure} (MLMP_THREADS at start-up). */
  private static volatile int configured;
  /** A cap for the calling thread only ({@link #capped}). */
  private static final ThreadLocal<Integer> OVERRIDE = new ThreadLocal<>();
  /** The OpenMP count last set on this thread (0: none yet), so that repeated calls cost no native call. */
  private static final ThreadLocal<int[]> APPLIED = ThreadLocal.withInitial(() -> new int[1]);

  private Threads() {}

  /** The process-wide count from MLMP_THREADS; OpenBLAS set to it and OpenMP on the calling thread. */
  static void configure(int n) {
    requirePositive(n);
    configured = n;
    Nd4j.factory().blas().setMaxThreads(n);
    applyToThisThread();
  }

  /**
   * The threads mlmp's parallel work may use on the calling thread now.
   *
   * @return at least 1
   */
  public static int cap() {
    Integer o = OVERRIDE.get();
    if (o != null) return o;
    int c = configured;
    return c > 0 ? c : Math.max(1, Nd4j.getEnvironment().maxThreads());
  }

  /**
   * Sets OpenMP's thread count of the calling thread to {@link #cap()} (a native call only when it changed), for the
   * oneDNN primitives and libnd4j ops this thread runs next.
   */
  public static void applyToThisThread() {
    int n = cap();
    int[] applied = APPLIED.get();
    if (applied[0] == n) return;
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
    applied[0] = n;
  }

  /**
   * Runs {@code body} on the calling thread with at most {@code n} threads: {@link #cap()} returns n there, OpenMP on
   * this thread and OpenBLAS (a process-wide setting: other threads' BLAS calls see it meanwhile) are set to n; all
   * are restored after. For side-by-side measurements at a stated thread count.
   *
   * @param n the thread count, at least 1
   * @param body the work
   * @param <T> its result type
   * @return what {@code body} returns
   * @throws IllegalArgumentException for n below 1 (the value named)
   * @throws Exception what {@code body} throws
   */
  public static <T> T capped(int n, Callable<T> body) throws Exception {
    requirePositive(n);
    Integer before = OVERRIDE.get();
    var blas = Nd4j.factory().blas();
    int blasBefore = blas.getMaxThreads();
    OVERRIDE.set(n);
    blas.setMaxThreads(n);
    applyToThisThread();
    try {
      return body.call();
    } finally {
      if (before == null) OVERRIDE.remove();
      else OVERRIDE.set(before);
      blas.setMaxThreads(blasBefore);
      applyToThisThread();
    }
  }

  /**
   * Runs {@code task} for 0, 1, …, count − 1, each once, the indices taken in turn by the calling thread and by up to
   * {@code helpers} threads of the common fork-join pool, and returns when every index has run. The calling thread
   * waits only for indices a helper has started, never for a helper that has not started: a helper slowed by other
   * work on its core (an OpenMP worker still spinning after a oneDNN call) takes fewer indices instead of holding up
   * the rest. When a task throws, no further index is started, and the first failure is rethrown after the started
   * ones have ended.
   *
   * @param count the number of indices (none run for count ≤ 0)
   * @param helpers the most pool threads to add to the calling thread (0: the calling thread alone)
   * @param task the work of one index
   * @throws InterruptedException when the calling thread is interrupted while it waits for a helper's index (the
   *     helpers' started indices may still be running)
   */
  public static void inTurn(int count, int helpers, IntConsumer task) throws InterruptedException {
    int h = Math.min(helpers, count - 1);
    if (h <= 0) {
      for (int i = 0; i < count; i++) task.accept(i);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(count);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable work = () -> {
      for (int i; (i = next.getAndIncrement()) < count; ) {
        try {
          task.accept(i);
        } catch (RuntimeException | Error t) {
          failure.compareAndSet(null, t);
          // no index is started after a failure: the ones nobody claimed count as ended
          for (int k = Math.min(count, next.getAndSet(count)); k < count; k++) done.countDown();
        } finally {
          done.countDown();
        }
      }
    };
    for (int k = 0; k < h; k++) ForkJoinPool.commonPool().execute(work);
    work.run();
    done.await();
    Throwable t = failure.get();
    if (t instanceof Error e) throw e;
    if (t != null) throw (RuntimeException) t;
  }

  private static void requirePositive(int n) {
    if (n < 1) throw new IllegalArgumentException("The thread count must be >= 1. Got " + n + " instead.");
  }
}
