package org.mlmp.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlmp.api.Dataset;
import org.mlmp.nn.EpochSchedule;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.TrainingData;
import org.mlmp.nn.TrainingSession;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synchronous data-parallel training of an mlmp network on Spark: {@link NeuralNet}'s optimiser steps, each
 * mini-batch's gradient computed by P partitions of a cached RDD and summed in partition-index order.
 *
 * <p>The rows are prepared as {@link NeuralNet} prepares them ({@link TrainingData}: scaling, target encoding),
 * split into P contiguous blocks, distributed and cached once. Each epoch visits the rows in
 * {@link EpochSchedule}'s order, in the same mini-batches as the single-machine trainer; for each mini-batch one
 * Spark job computes, in every partition, the cost and gradient of the batch's rows that partition holds (θ by
 * broadcast, the network as its JSON), the driver sums the shares in partition-index order weighted by B_p/B (the
 * gradient of the mean cost over the whole mini-batch, see {@link PartitionedRows}) and applies the optimiser (SGD,
 * momentum, Adam, with the schedule's learning rate) to θ on its own {@link TrainingSession}.
 *
 * <p>Semantics: with P = 1 the model is bitwise the one {@link NeuralNet#fit} returns for the same configuration
 * (same seed, same mini-batches, same rates); with P &gt; 1 each step's gradient equals the single-process gradient
 * of the same mini-batch to float rounding (the shares' means are formed over fewer rows); a run is reproducible for
 * a fixed (seed, P), whatever order Spark's tasks finish in. Dropout masks are seeded per (step, partition):
 * partition 0 uses the step's seed, partition p the seed xor p·φ, so with P &gt; 1 they differ from the
 * single-machine masks (not yet per example). The result is an ordinary {@link NeuralNetModel} (the same model
 * file; {@code mlmp predict} reads it).
 *
 * <p>Not yet supported, each rejected with a message: BatchNorm (its batch statistics would be per partition), a
 * validation split with early stopping, augmentation.
 *
 * @param trainer the training configuration (network, optimiser, epochs, batch size, seed, scaling, rate decay)
 * @param partitions P, the number of partitions the rows are split into (≥ 1; at most the number of rows)
 */
public record SparkNeuralNet(NeuralNet trainer, int partitions) {
  /**
   * Checks the configuration.
   *
   * @param trainer the training configuration
   * @param partitions P
   * @throws IllegalArgumentException naming the value and the fix: a null trainer, P &lt; 1, or a feature not yet
   *     supported here (BatchNorm, validation, augmentation)
   */
  public SparkNeuralNet {
    if (trainer == null) throw new IllegalArgumentException("The 'trainer' parameter of SparkNeuralNet is null.");
    if (partitions < 1) {
      throw new IllegalArgumentException("The 'partitions' parameter of SparkNeuralNet must be >= 1. Got " + partitions
          + " instead.");
    }
    requireSupported(trainer, "SparkNeuralNet");
  }

  /** The settings the Spark trainers do not support yet, each rejected with a message naming it. */
  static void requireSupported(NeuralNet trainer, String who) {
    if (trainer.network().statisticsCount() > 0) {
      throw new IllegalArgumentException(who + " does not train networks with BatchNorm yet (their batch"
          + " statistics would be per partition); this network has " + trainer.network().statisticsCount()
          + " running statistics. Remove the BatchNorm layers or train it with NeuralNet.");
    }
    if (trainer.validationFraction() > 0 || trainer.patience() > 0) {
      throw new IllegalArgumentException(who + " does not hold out validation rows yet; validationFraction is "
          + trainer.validationFraction() + " and patience " + trainer.patience() + ". Use withValidation(0, 0).");
    }
    if (trainer.augmentation() != null) {
      throw new IllegalArgumentException(who + " does not apply augmentation yet; the trainer has "
          + trainer.augmentation() + ". Use withAugmentation(null).");
    }
  }

  /**
   * Trains on {@code data} with the Spark context's executors.
   *
   * @param sc the Spark context (its master decides where the partitions run)
   * @param data training rows, {@code x: [n, C·H·W]}, {@code y} as {@link NeuralNet} takes them
   * @param progress receives one record per epoch on the driver (null for none)
   * @return the model and one record per epoch
   * @throws IllegalArgumentException for data the network cannot take (as {@link NeuralNet#fit}), or more
   *     partitions than rows
   * @throws IllegalStateException if a step's cost is NaN or infinite (training diverged)
   */
  public SparkTrainingResult fit(JavaSparkContext sc, Dataset data, Consumer<SparkEpoch> progress) {
    if (sc == null) throw new IllegalArgumentException("The Spark context given to SparkNeuralNet.fit is null.");
    TrainingData prepared = TrainingData.prepare(trainer, data, null);
    EpochSchedule schedule = new EpochSchedule(trainer);
    TrainingSession driver = TrainingSession.of(trainer.network(), trainer.optimizer(), trainer.seed());
    int n = prepared.rows(), batch = schedule.batchSize(n), count = schedule.batches(n);
    List<SparkEpoch> epochs = new ArrayList<>();
    try (PartitionedRows rows = PartitionedRows.of(sc, prepared.x(), prepared.t(), partitions)) {
      for (int epoch = 1; epoch <= trainer.epochs(); epoch++) {
        int[] order = schedule.order(n, epoch);
        double rate = schedule.learningRate(epoch), sum = 0;
        long t0 = System.nanoTime(), compute = 0;
        for (int b = 0; b < count; b++) {
          int[] indices = Arrays.copyOfRange(order, b * batch, Math.min(n, (b + 1) * batch));
          PartitionedRows.BatchGradient step = rows.gradient(trainer.network(), driver.parameters().toFloatVector(), indices,
              schedule.dropoutSeed(epoch, b));
          if (!Double.isFinite(step.cost())) {
            throw new IllegalStateException("Training diverged in epoch " + epoch + ", step " + (b + 1) + " of " + count
                + ": the cost is " + step.cost() + ". Lower the learning rate (now " + rate + ") or scale the inputs"
                + " (scaling is " + trainer.scaling() + ").");
          }
          driver.applyGradient(Nd4j.createFromArray(step.gradient()), rate);
          sum += step.cost() * indices.length;
          compute += step.computeNanos();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        SparkEpoch record = new SparkEpoch(epoch, sum / n, seconds, compute / 1e9, n / seconds);
        epochs.add(record);
        if (progress != null) progress.accept(record);
      }
    }
    return new SparkTrainingResult(prepared.model(driver.parameters(), driver.statistics()), List.copyOf(epochs));
  }

  /**
   * The outcome of {@link #fit}.
   *
   * @param model the trained model
   * @param epochs one record per epoch
   */
  public record SparkTrainingResult(NeuralNetModel model, List<SparkEpoch> epochs) {}

  /**
   * One epoch of a Spark training run, as the driver saw it.
   *
   * @param epoch the epoch, 1, 2, ...
   * @param trainLoss the mean training cost of the epoch's steps (each before its update)
   * @param seconds the epoch's wall time on the driver
   * @param computeSeconds the sum over steps of the slowest task's time in the engine; the rest of
   *     {@code seconds} is Spark (scheduling, broadcast, collection) and the driver's update
   * @param rowsPerSecond training rows per second of wall time
   */
  public record SparkEpoch(int epoch, double trainLoss, double seconds, double computeSeconds, double rowsPerSecond) {}
}
