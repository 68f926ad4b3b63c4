package org.mlmp.nn;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The mini-batches of an epoch, in its shuffled order: each gathered from the training rows and, with an
 * {@link Augmentation}, distorted (seed from epoch and step); with prefetching, batch b + 1 is prepared on
 * a background thread while the caller's step on batch b runs. Preparing a batch is a pure function of
 * (data, order, b, epoch seed), so the batches are bitwise the same either way.
 *
 * <p>Two staging buffers are used alternately: batch b is prepared into pair b % 2. At most one batch is
 * prepared at a time, and the caller copies batch b out (into the engine's input) before asking for
 * batch b + 1, which is when batch b + 2 is submitted into b's buffers.
 */
final class BatchPrefetcher implements AutoCloseable {
  /** A prepared mini-batch: its rows gathered in the epoch's order (and distorted), and their targets. */
  record Batch(INDArray x, INDArray t) {}

  private final INDArray x, t;
  private final int batch;
  private final Augmentation augmentation;
  private final Shape shape;
  private final ExecutorService background;
  private final INDArray[] stageX = new INDArray[2], stageT = new INDArray[2];
  private int[] perm;
  private long epochSeed;
  private int batches;
  private Future<Batch> next;

  /**
   * @param x the (scaled) training inputs {@code [n, C·H·W]}
   * @param t their encoded targets {@code [n, K]}
   * @param batch rows per mini-batch (the last one of an epoch may have fewer)
   * @param augmentation distortions, or null
   * @param shape the per-sample input shape (for the distortions)
   * @param prefetch prepare the next batch on a background thread
   */
  BatchPrefetcher(INDArray x, INDArray t, int batch, Augmentation augmentation, Shape shape, boolean prefetch) {
    this.x = x;
    this.t = t;
    this.batch = batch;
    this.augmentation = augmentation;
    this.shape = shape;
    background = prefetch ? Executors.newSingleThreadExecutor(r -> {
      Thread th = new Thread(r, "mlmp-prefetch");
      th.setDaemon(true);
      return th;
    }) : null;
  }

  /** Starts an epoch visiting the rows in order {@code perm}; returns its number of batches. */
  int startEpoch(int[] order, long seed) {
    perm = order;
    epochSeed = seed;
    batches = (order.length + batch - 1) / batch;
    next = background == null ? null : background.submit(() -> prepare(0));
    return batches;
  }

  /** Batch {@code b} of the epoch (b = 0, 1, ... in order); submits batch b + 1 when prefetching. */
  Batch take(int b) {
    if (background == null) return prepare(b);
    Batch cur = await(next);
    if (b + 1 < batches) next = background.submit(() -> prepare(b + 1));
    return cur;
  }

  private Batch prepare(int b) {
    int from = b * batch, to = Math.min(perm.length, from + batch), k = b % 2;
    int[] idx = Arrays.copyOfRange(perm, from, to);
    if (stageX[k] == null) {
      stageX[k] = Nd4j.create(x.dataType(), batch, x.columns());
      stageT[k] = Nd4j.create(t.dataType(), batch, t.columns());
    }
    boolean full = to - from == batch;
    INDArray bx = full ? stageX[k] : stageX[k].get(NDArrayIndex.interval(0, to - from), NDArrayIndex.all());
    INDArray bt = full ? stageT[k] : stageT[k].get(NDArrayIndex.interval(0, to - from), NDArrayIndex.all());
    Nd4j.pullRows(x, bx, 1, idx);
    Nd4j.pullRows(t, bt, 1, idx);
    if (augmentation != null) distort(bx, TrainingSession.mix(epochSeed, -1 - b));
    return new Batch(bx, bt);
  }

  /** Applies the random distortions to the mini-batch in place. */
  private void distort(INDArray input, long seed) {
    float[] v = input.dup('c').data().asFloat();
    augmentation.apply(v, (int) input.size(0), shape.channels(), shape.height(), shape.width(), seed);
    input.assign(Nd4j.createFromArray(v).reshape('c', input.shape()));
  }

  private static Batch await(Future<Batch> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the next mini-batch.", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException("Preparing a mini-batch failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() {
    if (background != null) background.shutdownNow();
  }
}
