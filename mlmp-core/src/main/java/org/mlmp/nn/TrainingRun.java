package org.mlmp.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mlmp.api.Model;
import org.mlmp.data.Dataset;
import org.mlmp.data.Partition;
import org.mlmp.io.ConfigJson;
import org.mlmp.io.ModelFile;
import org.mlmp.io.ModelState;
import org.mlmp.nn.engine.Plan;
import org.mlmp.nn.engine.Program;
import org.mlmp.nn.engine.Updater;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** One execution of {@link NeuralNet#train}: the training loop, validation, early stopping, checkpoints. */
final class TrainingRun {
  static final String CHECKPOINT_TYPE = "nn.checkpoint";
  private static final int EVAL_CHUNK = 256;

  private final NeuralNet cfg;
  private final Dataset data, validation;
  private final TrainingListener listener;
  private final Path checkpoint;

  // Early-stopping and progress state (all of it goes into checkpoints).
  private int completed, bestEpoch, badEpochs;
  private double bestLoss = Double.POSITIVE_INFINITY, bestAccuracy = Double.NEGATIVE_INFINITY;
  private boolean stopped;
  private INDArray best, bestStats;
  private final List<EpochRecord> history = new ArrayList<>();

  TrainingRun(NeuralNet cfg, Dataset data, Dataset validation, TrainingListener listener, Path checkpoint) {
    this.cfg = cfg;
    this.data = data;
    this.validation = validation;
    this.listener = listener;
    this.checkpoint = checkpoint;
  }

  /** SplitMix64's finaliser of a·φ + b: independent-looking seeds for (seed, epoch, step). */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Applies the configuration's random distortions to the mini-batch in place (seed from epoch, step). */
  private void distort(INDArray input, Shape shape, long seed) {
    float[] v = input.dup('c').data().asFloat();
    cfg.augmentation().apply(v, (int) input.size(0), shape.channels(), shape.height(), shape.width(), seed);
    input.assign(Nd4j.createFromArray(v).reshape('c', input.shape()));
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
    int units = net.outputLayer().units();
    Targets targets = Targets.of(net, train.y());
    INDArray xRaw = train.x();
    Scaler scaler = Scaler.fit(cfg.scaling(), xRaw);
    INDArray xT = scaler.apply(xRaw), tT = targets.encode(train.y(), units);
    INDArray xV = val == null ? null : scaler.apply(val.x()), tV = val == null ? null : targets.encode(val.y(), units);
    int n = (int) xT.rows(), batch = Math.min(cfg.batchSize(), n);

    Program program = new Program(net, DataType.FLOAT);
    program.initialize(cfg.seed());
    Updater updater = new Updater(cfg.optimizer(), program);
    String fingerprint = n + " rows, sums " + xT.sumNumber().doubleValue() + " " + tT.sumNumber().doubleValue()
        + (xV == null ? "" : ", validation " + xV.rows() + " rows, sums " + xV.sumNumber().doubleValue());
    int resumed = 0;
    if (checkpoint != null && Files.exists(checkpoint)) {
      restore(program, updater, fingerprint);
      resumed = completed;
    }

    ExecutorService background = cfg.prefetch() ? Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "mlmp-prefetch");
      t.setDaemon(true);
      return t;
    }) : null;
    try {
      for (int epoch = completed + 1; epoch <= cfg.epochs() && !stopped; epoch++) {
        if (cfg.learningRateDecay() != 1) {
          // The epoch's learning rate α·decay^(epoch−1); the optimiser state (moments, step count) carries over.
          Optimizer o = cfg.optimizer();
          Updater u = new Updater(o.withLearningRate(o.learningRate() * Math.pow(cfg.learningRateDecay(), epoch - 1)),
              program);
          u.restore(updater.state());
          updater = u;
        }
        runEpoch(epoch, program, updater, xT, tT, xV, tV, targets, n, batch, background);
        if (checkpoint != null) writeCheckpoint(program, updater, fingerprint);
        listener.epochFinished(history.get(history.size() - 1));
      }
    } finally {
      if (background != null) background.shutdownNow();
    }
    INDArray finalParams = best != null ? best : program.params().get(NDArrayIndex.interval(0, program.size()));
    float[] finalStats = program.statisticsSize() == 0 ? new float[0]
        : (best != null ? bestStats : program.statistics()).toFloatVector();
    NeuralNetModel model = new NeuralNetModel(net, finalParams.toFloatVector(), finalStats, scaler,
        targets, cfg);
    return new NeuralNet.TrainingResult(model, new History(history), bestEpoch, stopped, resumed);
  }

  /** A prepared mini-batch: its rows gathered in the epoch's order (and distorted), and their targets. */
  private record Batch(INDArray x, INDArray t) {}

  /** Two staging buffers, used alternately: batch b is prepared into pair b % 2 while b − 1 is consumed. */
  private final INDArray[] stageX = new INDArray[2], stageT = new INDArray[2];

  /**
   * Gathers mini-batch b of an epoch into staging pair b % 2 and distorts it: a pure function of (data,
   * perm, b, epoch seed), so running it on the prefetch thread or inline gives bitwise the same batch. At
   * most one batch is prepared at a time, and batch b's buffers are copied into the plan before batch b + 2
   * is prepared into them.
   */
  private Batch prepare(INDArray xT, INDArray tT, int[] perm, int b, int batch, long epochSeed) {
    int from = b * batch, to = Math.min(perm.length, from + batch), k = b % 2;
    int[] idx = Arrays.copyOfRange(perm, from, to);
    if (stageX[k] == null) {
      stageX[k] = Nd4j.create(xT.dataType(), batch, xT.columns());
      stageT[k] = Nd4j.create(tT.dataType(), batch, tT.columns());
    }
    boolean full = to - from == batch;
    INDArray x = full ? stageX[k] : stageX[k].get(NDArrayIndex.interval(0, to - from), NDArrayIndex.all());
    INDArray t = full ? stageT[k] : stageT[k].get(NDArrayIndex.interval(0, to - from), NDArrayIndex.all());
    Nd4j.pullRows(xT, x, 1, idx);
    Nd4j.pullRows(tT, t, 1, idx);
    if (cfg.augmentation() != null) distort(x, cfg.network().input(), mix(epochSeed, -1 - b));
    return new Batch(x, t);
  }

  private Future<Batch> submit(ExecutorService background, INDArray xT, INDArray tT, int[] perm, int b, int batch,
      long epochSeed) {
    return background.submit(() -> prepare(xT, tT, perm, b, batch, epochSeed));
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

  /** One epoch: the optimiser steps (batch b + 1 prepared in the background during step b), then validation. */
  private void runEpoch(int epoch, Program program, Updater updater, INDArray xT, INDArray tT, INDArray xV,
      INDArray tV, Targets targets, int n, int batch, ExecutorService background) {
    long epochSeed = mix(cfg.seed(), epoch);
    int[] perm = Partition.shuffled(n, epochSeed);
    int batches = (n + batch - 1) / batch;
    listener.epochStarted(epoch, batches);
    long t0 = System.nanoTime();
    double sum = 0;
    Future<Batch> next = background == null ? null : submit(background, xT, tT, perm, 0, batch, epochSeed);
    for (int b = 0; b < batches; b++) {
      Batch cur = background == null ? prepare(xT, tT, perm, b, batch, epochSeed) : await(next);
      if (background != null && b + 1 < batches) next = submit(background, xT, tT, perm, b + 1, batch, epochSeed);
      int rows = (int) cur.x().rows();
      Plan plan = program.plan(rows);
      plan.input().assign(cur.x());
      plan.target().assign(cur.t());
      plan.forward(true, mix(epochSeed, b));
      double loss = plan.loss();
      if (!Double.isFinite(loss)) throw diverged(plan, epoch, b, batches, loss);
      plan.backward();
      updater.step();
      sum += loss * rows;
      double secs = (System.nanoTime() - t0) / 1e9;
      listener.batchFinished(epoch, b + 1, batches, loss, (double) Math.min(n, (b + 1) * batch) / Math.max(secs, 1e-9));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double vLoss = Double.NaN, vAcc = Double.NaN;
    if (xV != null) {
      double[] e = evaluate(program, xV, tV, targets.classification());
      vLoss = e[0];
      vAcc = e[1];
      if (improves(vLoss, vAcc, targets.classification())) {
        bestLoss = vLoss;
        bestAccuracy = vAcc;
        bestEpoch = epoch;
        best = program.params().get(NDArrayIndex.interval(0, program.size())).dup();
        bestStats = program.statisticsSize() == 0 ? null : program.statistics();
        badEpochs = 0;
      } else {
        badEpochs++;
        if (cfg.patience() > 0 && badEpochs >= cfg.patience()) stopped = true;
      }
    } else {
      bestEpoch = epoch;
    }
    EpochRecord rec = new EpochRecord(epoch, sum / n, vLoss, vAcc, seconds, n / seconds);
    history.add(rec);
    completed = epoch;
  }

  /**
   * The early-stopping score: for classification a higher validation accuracy, ties broken by a lower
   * validation cost; for regression a lower validation cost.
   */
  private boolean improves(double loss, double accuracy, boolean classification) {
    if (!Double.isFinite(loss)) return false;
    if (!classification) return loss < bestLoss;
    return accuracy > bestAccuracy || (accuracy == bestAccuracy && loss < bestLoss);
  }

  private void checkFeatures(Dataset d, String what) {
    int need = cfg.network().input().size();
    if (d.nFeatures() != need) {
      throw new IllegalArgumentException(what + " has " + d.nFeatures() + " features, but the network's input shape "
          + cfg.network().input() + " needs " + need + ".");
    }
  }

  private TrainingDivergedException diverged(Plan plan, int epoch, int b, int batches, double loss) {
    int layer = plan.firstNonFiniteLayer();
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

  /** Mean cost and accuracy (NaN for regression) over x, in chunks, without dropout. */
  static double[] evaluate(Program program, INDArray x, INDArray t, boolean classification) {
    int n = (int) x.rows();
    double loss = 0;
    long correct = 0;
    for (int s = 0; s < n; s += EVAL_CHUNK) {
      int e = Math.min(n, s + EVAL_CHUNK);
      Plan plan = program.plan(e - s);
      plan.input().assign(x.get(NDArrayIndex.interval(s, e), NDArrayIndex.all()));
      plan.target().assign(t.get(NDArrayIndex.interval(s, e), NDArrayIndex.all()));
      plan.forward(false, 0);
      loss += plan.loss() * (e - s);
      if (classification) {
        INDArray out = plan.output(), tgt = plan.target();
        if (out.size(1) == 1) {
          float[] p = out.data().asFloat(), y = tgt.data().asFloat();
          for (int i = 0; i < p.length; i++) if ((p[i] > 0.5f ? 1f : 0f) == y[i]) correct++;
        } else {
          long[] a = out.argMax(1).data().asLong(), b = tgt.argMax(1).data().asLong();
          for (int i = 0; i < a.length; i++) if (a[i] == b[i]) correct++;
        }
      }
    }
    return new double[] {loss / n, classification ? (double) correct / n : Double.NaN};
  }

  /** The checkpoint as a model file entry (ModelFile writes it atomically). */
  private void writeCheckpoint(Program program, Updater updater, String fingerprint) throws IOException {
    ObjectNode config = ModelFile.newConfig();
    config.set("trainer", ConfigJson.write(cfg));
    config.put("fingerprint", fingerprint);
    config.put("completedEpochs", completed).put("bestEpoch", bestEpoch).put("badEpochs", badEpochs)
        .put("stoppedEarly", stopped);
    if (Double.isFinite(bestLoss)) config.put("bestLoss", bestLoss);
    else config.putNull("bestLoss");
    if (Double.isFinite(bestAccuracy)) config.put("bestAccuracy", bestAccuracy);
    else config.putNull("bestAccuracy");
    config.set("history", new History(history).toJson());
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("parameters", program.params().get(NDArrayIndex.interval(0, program.size())).dup());
    if (best != null) arrays.put("best", best.dup());
    if (program.statisticsSize() > 0) {
      arrays.put("statistics", program.statistics());
      if (best != null) arrays.put("bestStatistics", bestStats.dup());
    }
    arrays.putAll(updater.state());
    ModelState state = new ModelState(CHECKPOINT_TYPE, config, arrays, cfg.seed());
    int nFeatures = cfg.network().input().size();
    ModelFile.save(new Model() {
      @Override
      public int nFeatures() {
        return nFeatures;
      }

      @Override
      public ModelState toState() {
        return state;
      }
    }, checkpoint);
  }

  private void restore(Program program, Updater updater, String fingerprint) throws IOException {
    ModelState s = ModelFile.readState(checkpoint);
    if (!CHECKPOINT_TYPE.equals(s.type())) {
      throw new IOException(checkpoint + " is not a training checkpoint (it holds a model of type '" + s.type()
          + "'). Give another checkpoint path.");
    }
    ObjectNode mine = ConfigJson.write(cfg), theirs = ((ObjectNode) s.config().path("trainer")).deepCopy();
    mine.remove("epochs");
    theirs.remove("epochs");
    if (!mine.toString().equals(theirs.toString())) {
      throw new IOException("The checkpoint " + checkpoint + " was written by another training configuration ("
          + theirs + "); this run is " + mine + ". Delete the checkpoint or give another path.");
    }
    if (!fingerprint.equals(s.config().path("fingerprint").asText())) {
      throw new IOException("The checkpoint " + checkpoint + " was written for other data (" + s.config()
          .path("fingerprint").asText() + "); this run has " + fingerprint + ". Delete it or give another path.");
    }
    program.setParameters(s.array("parameters"));
    updater.restore(s.arrays());
    if (program.statisticsSize() > 0) program.setStatistics(s.array("statistics"));
    completed = s.config().path("completedEpochs").asInt();
    bestEpoch = s.config().path("bestEpoch").asInt();
    badEpochs = s.config().path("badEpochs").asInt();
    stopped = s.config().path("stoppedEarly").asBoolean();
    JsonNode bl = s.config().path("bestLoss");
    bestLoss = bl.isNumber() ? bl.asDouble() : Double.POSITIVE_INFINITY;
    JsonNode ba = s.config().path("bestAccuracy");
    bestAccuracy = ba.isNumber() ? ba.asDouble() : Double.NEGATIVE_INFINITY;
    best = s.arrays().containsKey("best") ? s.array("best").castTo(DataType.FLOAT) : null;
    bestStats = s.arrays().containsKey("bestStatistics") ? s.array("bestStatistics").castTo(DataType.FLOAT) : null;
    history.addAll(History.fromJson(s.config().path("history")).epochs());
  }
}
