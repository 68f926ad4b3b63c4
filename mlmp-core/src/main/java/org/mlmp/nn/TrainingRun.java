package org.mlmp.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One execution of {@link NeuralNet#train}: prepares the data, then runs the epochs — the optimiser steps
 * on a {@link TrainingSession} over the {@link BatchPrefetcher}'s mini-batches, validation through
 * {@link ChunkedForward#evaluate}, {@link EarlyStopping}, and a {@link Checkpoints} file after each epoch.
 */
final class TrainingRun {
  private final NeuralNet cfg;
  private final Dataset data, validation;
  private final TrainingListener listener;
  private final Path checkpoint;
  private final List<EpochRecord> history = new ArrayList<>();

  TrainingRun(NeuralNet cfg, Dataset data, Dataset validation, TrainingListener listener, Path checkpoint) {
    this.cfg = cfg;
    this.data = data;
    this.validation = validation;
    this.listener = listener;
    this.checkpoint = checkpoint;
  }

  NeuralNet.TrainingResult run() throws IOException {
    Network net = cfg.network();
    if (data == null || !data.hasTargets()) {
      throw new IllegalArgumentException("NeuralNet needs targets y; the data set has none.");
    }
    checkFeatures(data, "x");
    data.requireFinite();
    Dataset train = data, val = null;
    if (validation != null) {
      checkFeatures(validation, "the validation x");
      if (!validation.hasTargets()) throw new IllegalArgumentException("The validation set has no targets y.");
      validation.requireFinite();
      val = validation;
    } else if (cfg.validationFraction() > 0) {
      Partition.Split s = Partition.split(data.nSamples(), cfg.validationFraction(), 0, cfg.seed());
      if (s.validation().length > 0) {
        train = data.rows(s.train());
        val = data.rows(s.validation());
      }
    }
    if (val != null && !java.util.Objects.equals(data.classLabels(), val.classLabels())) {
      throw new IllegalArgumentException("The validation set's class labels " + val.classLabels() + " differ from the"
          + " training set's " + data.classLabels() + ", so the same class would have different values. Make both from"
          + " one data set (Dataset.rows) or encode the validation labels by the training classes"
          + " (CsvTable.toDataset(target, classes)).");
    }
    int units = net.outputLayer().units();
    Targets targets = Targets.of(net, train.y());
    Scaler scaler = Scaler.fit(cfg.scaling(), train.x());
    INDArray xT = scaler.apply(train.x()), tT = targets.encode(train.y(), units);
    INDArray xV = val == null ? null : scaler.apply(val.x()), tV = val == null ? null : targets.encode(val.y(), units);
    int n = (int) xT.rows(), batch = Math.min(cfg.batchSize(), n);

    TrainingSession session = TrainingSession.of(net, cfg.optimizer(), cfg.seed());
    EarlyStopping stopping = new EarlyStopping(cfg.patience());
    String fingerprint = n + " rows, sums " + xT.sumNumber().doubleValue() + " " + tT.sumNumber().doubleValue()
        + (xV == null ? "" : ", validation " + xV.rows() + " rows, sums " + xV.sumNumber().doubleValue());
    Checkpoints files = checkpoint == null ? null : new Checkpoints(cfg, checkpoint, fingerprint);
    int resumed = files != null && files.exists() ? files.restore(session, stopping, history) : 0;

    try (BatchPrefetcher batches = new BatchPrefetcher(xT, tT, batch, cfg.augmentation(), net.input(), cfg.prefetch())) {
      for (int epoch = resumed + 1; epoch <= cfg.epochs() && !stopping.stopped(); epoch++) {
        double[] steps = runEpoch(epoch, session, batches, n, batch);
        double trainLoss = steps[0], seconds = steps[1];
        double vLoss = Double.NaN, vAcc = Double.NaN;
        if (xV != null) {
          double[] e = ChunkedForward.evaluate(session.program(), xV, tV, targets.classification());
          vLoss = e[0];
          vAcc = e[1];
          stopping.observe(epoch, vLoss, vAcc, targets.classification(), session);
        } else {
          stopping.observeWithoutValidation(epoch);
        }
        history.add(new EpochRecord(epoch, trainLoss, vLoss, vAcc, seconds, n / seconds));
        if (files != null) files.write(session, stopping, history);
        listener.epochFinished(history.get(history.size() - 1));
      }
    }
    INDArray finalParams = stopping.bestParameters() != null ? stopping.bestParameters() : session.parameters();
    float[] finalStats = session.program().statisticsSize() == 0 ? new float[0]
        : (stopping.bestParameters() != null ? stopping.bestStatistics() : session.statistics()).toFloatVector();
    NeuralNetModel model = NeuralNetModel.create(net, finalParams.toFloatVector(), finalStats, scaler, targets, cfg,
        classNames(targets, data));
    return new NeuralNet.TrainingResult(model, new History(history), stopping.bestEpoch(), stopping.stopped(), resumed);
  }

  /**
   * One epoch's optimiser steps (learning rate α·decay^(epoch−1), dropout seed from (seed, epoch, step));
   * returns the mean training cost and the seconds the steps took.
   */
  private double[] runEpoch(int epoch, TrainingSession session, BatchPrefetcher batches, int n, int batch) {
    long epochSeed = TrainingSession.mix(cfg.seed(), epoch);
    int[] order = Partition.shuffled(n, epochSeed);
    double rate = cfg.learningRateDecay() == 1 ? cfg.optimizer().learningRate()
        : cfg.optimizer().learningRate() * Math.pow(cfg.learningRateDecay(), epoch - 1);
    listener.epochStarted(epoch, (n + batch - 1) / batch);
    long t0 = System.nanoTime();
    int count = batches.startEpoch(order, epochSeed);
    double sum = 0;
    for (int b = 0; b < count; b++) {
      BatchPrefetcher.Batch cur = batches.take(b);
      int rows = (int) cur.x().rows();
      double loss = session.step(cur.x(), cur.t(), rate, TrainingSession.mix(epochSeed, b));
      if (!Double.isFinite(loss)) throw diverged(session, epoch, b, count, loss);
      sum += loss * rows;
      double secs = (System.nanoTime() - t0) / 1e9;
      listener.batchFinished(epoch, b + 1, count, loss, (double) Math.min(n, (b + 1) * batch) / Math.max(secs, 1e-9));
    }
    return new double[] {sum / n, (System.nanoTime() - t0) / 1e9};
  }

  /** The names of the network's classes when the target came as text, else null. */
  private static java.util.List<String> classNames(Targets targets, Dataset data) {
    if (!targets.classification() || data.classLabels() == null) return null;
    double[] classes = targets.classes();
    if (classes.length != data.classLabels().size()) {
      throw new IllegalArgumentException("The network's output layer distinguishes " + classes.length + " classes, but"
          + " the target '" + data.targetName() + "' has " + data.classLabels().size() + " class labels "
          + data.classLabels().names() + ". Give the output layer " + data.classLabels().size() + " units.");
    }
    return data.classLabels().select(classes).names();
  }

  private void checkFeatures(Dataset d, String what) {
    int need = cfg.network().input().size();
    if (d.nFeatures() != need) {
      throw new IllegalArgumentException(what + " has " + d.nFeatures() + " features, but the network's input shape "
          + cfg.network().input() + " needs " + need + ".");
    }
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
