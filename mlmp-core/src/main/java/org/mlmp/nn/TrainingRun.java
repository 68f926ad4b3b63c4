package org.mlmp.nn;

import java.io.IOException;
import java.nio.file.Path;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One execution of {@link NeuralNet#train}: prepares the data ({@link TrainingData}), then runs the epochs — the
 * optimiser steps on a {@link TrainingSession} over the {@link BatchPrefetcher}'s mini-batches in
 * {@link EpochSchedule}'s order, validation, early stopping and learning curves in an {@link EpochTracker}, and a
 * {@link Checkpoints} file after each epoch.
 */
final class TrainingRun {
  private final NeuralNet cfg;
  private final Dataset data, validation;
  private final TrainingListener listener;
  private final Path checkpoint;

  TrainingRun(NeuralNet cfg, Dataset data, Dataset validation, TrainingListener listener, Path checkpoint) {
    this.cfg = cfg;
    this.data = data;
    this.validation = validation;
    this.listener = listener;
    this.checkpoint = checkpoint;
  }

  NeuralNet.TrainingResult run() throws IOException {
    Network net = cfg.network();
    TrainingData prepared = TrainingData.prepare(cfg, data, validation);
    INDArray xT = prepared.x, tT = prepared.t;
    EpochSchedule schedule = EpochSchedule.of(cfg);
    int n = (int) xT.rows(), batch = schedule.batchSize(n);

    TrainingSession session = TrainingSession.of(net, cfg.optimizer(), cfg.seed());
    EpochTracker epochs = EpochTracker.of(prepared);
    Checkpoints files = checkpoint == null ? null
        : new Checkpoints(cfg, checkpoint, Checkpoints.fingerprint(prepared), Checkpoints.STEPS);
    int resumed = files != null && files.exists() ? files.restore(session, epochs) : 0;

    try (BatchPrefetcher batches = new BatchPrefetcher(xT, tT, batch, cfg.augmentation(), net.input(), cfg.prefetch())) {
      for (int epoch = resumed + 1; epoch <= cfg.epochs() && !epochs.stopped(); epoch++) {
        double[] steps = runEpoch(epoch, schedule, session, batches, n, batch);
        EpochRecord record = epochs.observe(epoch, steps[0], steps[1], session);
        if (files != null) files.write(session, epochs);
        listener.epochFinished(record);
      }
    }
    return epochs.result(session, resumed);
  }

  /**
   * One epoch's optimiser steps (learning rate α·decay^(epoch−1), dropout seed from (seed, epoch, step), each row's
   * masks drawn for its row index in the training set);
   * returns the mean training cost and the seconds the steps took.
   */
  private double[] runEpoch(int epoch, EpochSchedule schedule, TrainingSession session, BatchPrefetcher batches, int n,
      int batch) {
    long epochSeed = schedule.epochSeed(epoch);
    int[] order = schedule.order(n, epoch);
    double rate = schedule.learningRate(epoch);
    listener.epochStarted(epoch, (n + batch - 1) / batch);
    long t0 = System.nanoTime();
    int count = batches.startEpoch(order, epochSeed);
    double sum = 0;
    for (int b = 0; b < count; b++) {
      BatchPrefetcher.Batch cur = batches.take(b);
      int rows = (int) cur.x().rows();
      int[] examples = java.util.Arrays.copyOfRange(order, b * batch, b * batch + rows);
      double loss = session.step(cur.x(), cur.t(), examples, rate, schedule.dropoutSeed(epoch, b));
      if (!Double.isFinite(loss)) throw diverged(session, epoch, b, count, loss);
      sum += loss * rows;
      double secs = (System.nanoTime() - t0) / 1e9;
      listener.batchFinished(epoch, b + 1, count, loss, (double) Math.min(n, (b + 1) * batch) / Math.max(secs, 1e-9));
    }
    return new double[] {sum / n, (System.nanoTime() - t0) / 1e9};
  }

  private TrainingDivergedException diverged(TrainingSession session, int epoch, int b, int batches, double loss) {
    int layer = session.firstNonFiniteLayer();
    boolean onlyCost = layer < 0;
    if (onlyCost) layer = cfg.network().layers().size() - 1;
    String where = onlyCost ? "every layer's output is finite, but the cost is not (an output probability reached 0 or 1)"
        : "the output of layer " + layer + " (" + cfg.network().layers().get(layer).describe()
            + ") is the first to hold NaN or infinity";
    return new TrainingDivergedException("Training diverged in epoch " + epoch + ", step " + (b + 1) + " of " + batches
        + ": the cost is " + loss + " and " + where + ". Lower the learning rate (now "
        + cfg.optimizer().learningRate() + "), scale the inputs (scaling is " + cfg.scaling()
        + "), or check the data for extreme values.", epoch, layer);
  }
}
