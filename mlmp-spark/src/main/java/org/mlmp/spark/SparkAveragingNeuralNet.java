package org.mlmp.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlmp.api.Dataset;
import org.mlmp.api.Matrices;
import org.mlmp.io.ConfigJson;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.TrainingSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Data-parallel training by parameter averaging (the scheme of DL4J's {@code ParameterAveragingTrainingMaster}):
 * every partition takes {@code averagingFrequency} = k optimiser steps on its own mini-batches per Spark job, then
 * the driver averages the partitions' parameters — and their optimiser state — and the next job starts from the
 * average. One job per k steps amortises Spark's per-job cost (scheduling, broadcast, collection) over k steps.
 *
 * <p>Epoch e: partition p (holding the contiguous rows ⌊p·n/P⌋ .. ⌊(p+1)·n/P⌋ − 1, cached once) visits its n_p rows
 * in the order {@code Partition.shuffled(n_p, s_e xor p·φ)} (s_e: {@link org.mlmp.nn.EpochSchedule#epochSeed}; partition 0 uses
 * s_e itself), in local mini-batches of min(batchSize, n_p) rows — so {@code batchSize} is per partition, and a step
 * of the whole system sees P·batchSize rows —; its local step b uses the epoch's learning rate and draws each row's dropout
 * masks from {@link org.mlmp.nn.EpochSchedule#dropoutSeed}(e, b) (the same seed in every partition) and the row's index
 * in the training set. So a row's mask depends on (seed, e, b, layer, row) and not on which partition holds the row,
 * but which rows meet in local step b, and hence the model, depends on P (as the averaging itself does). Rounds of k local steps follow
 * each other until every partition has visited its rows (the last round may be shorter; a partition that has run
 * out of mini-batches sits a round out).
 *
 * <p>Averaging: after a round, θ ← Σ_p w_p θ_p with w_p = (local steps of p in the round) / (all partitions' local
 * steps in the round), summed in partition-index order in double. <b>Optimiser state</b>: momentum's velocity and
 * Adam's moments m and v are averaged with the same weights (as DL4J does with {@code saveUpdater(true)}); Adam's
 * step count t, which its bias correction 1 − β^t uses, advances by the round's largest number of local steps (all
 * partitions took the same number but in a shorter last round). So with P = 1 the run is bitwise the single-machine
 * {@link NeuralNet#fit} for any k; with P &gt; 1 and k = 1, plain SGD is one step on the mean of the partitions' local
 * gradients (each partition's mean over its own mini-batch).
 *
 * <p><b>BatchNorm</b> is per partition: a local step normalises its local mini-batch with that batch's own statistics
 * and moves the partition's running statistics by them (the layer's momentum update, as in a single-machine step);
 * each round starts every partition from the driver's running statistics, and at the averaging point they are
 * averaged like θ (weights w_p, partition-index order, in double). With P = 1 they are bitwise the single-machine
 * model's.
 *
 * @param trainer the training configuration (network, optimiser, epochs, per-partition batch size, seed, scaling)
 * @param partitions P (≥ 1; at most the number of rows)
 * @param averagingFrequency k, local steps per partition between two averagings (≥ 1)
 */
public record SparkAveragingNeuralNet(NeuralNet trainer, int partitions, int averagingFrequency) {
  /**
   * Checks the configuration.
   *
   * @param trainer the training configuration
   * @param partitions P
   * @param averagingFrequency k
   * @throws IllegalArgumentException naming the value and the fix: a null trainer, P &lt; 1, k &lt; 1, or a feature
   *     not yet supported (augmentation)
   */
  public SparkAveragingNeuralNet {
    if (trainer == null) {
      throw new IllegalArgumentException("The 'trainer' parameter of SparkAveragingNeuralNet is null.");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("The 'partitions' parameter of SparkAveragingNeuralNet must be >= 1. Got "
          + partitions + " instead.");
    }
    if (averagingFrequency < 1) {
      throw new IllegalArgumentException("The 'averagingFrequency' parameter of SparkAveragingNeuralNet must be >= 1"
          + " (local steps between averagings). Got " + averagingFrequency + " instead.");
    }
    SparkNeuralNet.requireSupported(trainer, "SparkAveragingNeuralNet");
  }

  /**
   * Training of {@code trainer}'s network on P partitions, averaged every k local steps.
   *
   * @param trainer the training configuration
   * @param partitions P (≥ 1)
   * @param averagingFrequency k (≥ 1)
   * @return the configuration
   * @throws IllegalArgumentException as the constructor
   */
  public static SparkAveragingNeuralNet of(NeuralNet trainer, int partitions, int averagingFrequency) {
    return new SparkAveragingNeuralNet(trainer, partitions, averagingFrequency);
  }

  /**
   * Trains on {@code data} with the Spark context's executors.
   *
   * @param sc the Spark context
   * @param data training rows, as {@link NeuralNet} takes them
   * @param progress receives one record per epoch on the driver (null for none)
   * @return the model and the learning curves, as {@link NeuralNet#train} returns them (validation and early
   *     stopping on the driver after each epoch, as there), and one record per epoch
   * @throws IllegalArgumentException for data the network cannot take, or more partitions than rows
   * @throws IllegalStateException if an epoch's cost is NaN or infinite (training diverged)
   */
  public SparkTrainingResult fit(JavaSparkContext sc, Dataset data, Consumer<SparkEpoch> progress) {
    return fit(sc, data, progress, null);
  }

  /**
   * Trains on {@code data} with the Spark context's executors, with an epoch checkpoint: after every epoch the
   * driver writes the averaged parameters and optimiser state (Adam's averaged moments and step count t), the
   * early-stopping state, the learning curves and the number of completed epochs e to {@code checkpoint}
   * (atomically), and a run that finds the file resumes with epoch e + 1 — bitwise the model an uninterrupted run
   * gives for the same seed and P, since every partition's row order, rates and dropout masks of an epoch follow
   * from (seed, epoch, p) and each epoch starts from the driver's averaged state. The file kind is the
   * single-machine trainer's ({@code --checkpoint}); its schedule is {@link #schedule()}, so only a run of this
   * trainer with the same P and k resumes it (other partitions would visit other rows per local step). Only the
   * driver reads and writes it.
   *
   * @param sc the Spark context
   * @param data training rows, as {@link NeuralNet} takes them
   * @param progress receives one record per epoch on the driver, after the checkpoint is written (null for none)
   * @param checkpoint the checkpoint file, or null for none
   * @return as {@link #fit(JavaSparkContext, Dataset, Consumer)}, restored epochs included
   * @throws IllegalArgumentException for data the network cannot take, or more partitions than rows
   * @throws IllegalStateException if an epoch's cost is NaN or infinite (training diverged)
   * @throws java.io.UncheckedIOException if the checkpoint cannot be read or written, or was written by another
   *     configuration, data or schedule (the message names both and the fix)
   */
  public SparkTrainingResult fit(JavaSparkContext sc, Dataset data, Consumer<SparkEpoch> progress,
      java.nio.file.Path checkpoint) {
    String networkJson = ConfigJson.write(trainer.network()).toString();
    String optimizerJson = ConfigJson.writeAny(trainer.optimizer()).toString();
    return SparkEpochs.run(trainer, partitions, sc, data, progress, "SparkAveragingNeuralNet", checkpoint, schedule(),
        (epoch, rows, driver, schedule, n) -> {
      int maxSteps = 0;
      for (int p = 0; p < partitions; p++) {
        int held = (int) ((long) (p + 1) * n / partitions - (long) p * n / partitions);
        maxSteps = Math.max(maxSteps, schedule.batches(held));
      }
      long[] dropout = new long[maxSteps];
      for (int b = 0; b < maxSteps; b++) dropout[b] = schedule.dropoutSeed(epoch, b);
      long compute = 0;
      double costSum = 0;
      int visited = 0;
      for (int first = 0; first < maxSteps; first += averagingFrequency) {
        Map<String, INDArray> state = driver.optimizerState();
        Map<String, float[]> vectors = new LinkedHashMap<>();
        state.forEach((k, v) -> {
          if (!k.equals(PartitionedRows.STEP)) vectors.put(k, Matrices.floats(v));
        });
        long step = state.get(PartitionedRows.STEP).getLong(0);
        List<PartitionedRows.LocalShare> shares = rows.localSteps(new PartitionedRows.LocalRound(networkJson,
            optimizerJson, Matrices.floats(driver.parameters()), vectors, Matrices.floats(driver.statistics()), step, schedule.epochSeed(epoch),
            trainer.batchSize(), first, averagingFrequency, schedule.learningRate(epoch), dropout));
        long roundCompute = 0;
        for (PartitionedRows.LocalShare s : shares) {
          roundCompute = Math.max(roundCompute, s.computeNanos());
          costSum += s.costSum();
          visited += s.rows();
        }
        compute += roundCompute;
        average(shares, driver, step);
      }
      return new double[] {costSum / visited, compute / 1e9};
    });
  }

  /**
   * The schedule this trainer's checkpoints record: its steps depend on P and k, so only the same P and k resume.
   *
   * @return {@code "averaging P=<partitions> k=<averagingFrequency>"}
   */
  public String schedule() {
    return "averaging P=" + partitions + " k=" + averagingFrequency;
  }

  /**
   * θ, the optimiser's vectors and BatchNorm's running statistics ← their step-weighted means over the partitions
   * (in partition-index order, in double); the step count ← {@code step} + the largest number of local steps.
   */
  static void average(List<PartitionedRows.LocalShare> shares, TrainingSession driver, long step) {
    PartitionedRows.LocalShare[] byIndex = new PartitionedRows.LocalShare[shares.size()];
    for (PartitionedRows.LocalShare s : shares) byIndex[s.partition()] = s;
    int total = 0, most = 0;
    for (PartitionedRows.LocalShare s : byIndex) {
      total += s.steps();
      most = Math.max(most, s.steps());
    }
    if (total == 0) return;
    double[] theta = new double[driver.size()];
    Map<String, double[]> state = new LinkedHashMap<>();
    for (PartitionedRows.LocalShare s : byIndex) {
      if (s.steps() == 0) continue;
      double w = (double) s.steps() / total;
      accumulate(theta, s.theta(), w);
      s.state().forEach((k, v) -> accumulate(state.computeIfAbsent(k, key -> new double[v.length]), v, w));
    }
    driver.setParameters(Matrices.floatVector(toFloat(theta)));
    Map<String, INDArray> restored = new LinkedHashMap<>();
    restored.put(PartitionedRows.STEP, Nd4j.createFromArray(new long[] {step + most}));
    state.forEach((k, v) -> restored.put(k, Matrices.floatVector(toFloat(v))));
    driver.setOptimizerState(restored);
    if (byIndex.length > 0 && driver.network().statisticsCount() > 0) {
      double[] stats = new double[driver.network().statisticsCount()];
      for (PartitionedRows.LocalShare s : byIndex) {
        if (s.steps() > 0) accumulate(stats, s.statistics(), (double) s.steps() / total);
      }
      driver.setStatistics(Matrices.floatVector(toFloat(stats)));
    }
  }

  private static void accumulate(double[] sum, float[] v, double w) {
    for (int i = 0; i < v.length; i++) sum[i] += w * v[i];
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
    return f;
  }
}
