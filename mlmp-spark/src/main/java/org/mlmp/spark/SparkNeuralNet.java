package org.mlmp.spark;

import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlmp.api.Dataset;
import org.mlmp.api.Matrices;
import org.mlmp.nn.NeuralNet;

/**
 * Synchronous data-parallel training of an mlmp network on Spark: {@link NeuralNet}'s optimiser steps, each
 * mini-batch's gradient computed by P partitions of a cached RDD and summed in partition-index order.
 *
 * <p>The rows are prepared as {@link NeuralNet} prepares them ({@link org.mlmp.nn.TrainingData}: scaling, target encoding),
 * split into P contiguous blocks, distributed and cached once. Each epoch visits the rows in
 * {@link org.mlmp.nn.EpochSchedule}'s order, in the same mini-batches as the single-machine trainer; for each mini-batch one
 * Spark job computes, in every partition, the cost and gradient of the batch's rows that partition holds (θ by
 * broadcast, the network as its JSON), the driver sums the shares in partition-index order weighted by B_p/B (the
 * gradient of the mean cost over the whole mini-batch, see {@link PartitionedRows}) and applies the optimiser (SGD,
 * momentum, Adam, with the schedule's learning rate) to θ on its own {@link org.mlmp.nn.TrainingSession}.
 *
 * <p>Semantics: with P = 1 the model is bitwise the one {@link NeuralNet#fit} returns for the same configuration
 * (same seed, same mini-batches, same rates); with P &gt; 1 each step's gradient equals the single-process gradient
 * of the same mini-batch to float rounding (the shares' means are formed over fewer rows); a run is reproducible for
 * a fixed (seed, P), whatever order Spark's tasks finish in. Dropout masks are per example: a row's mask is a function
 * of (seed, epoch, step, layer, the row's index in the training set) only, so every partition draws for its rows the
 * masks the single-machine trainer draws for them and, with dropout too, the summed gradient is the single-process
 * gradient to float rounding, whatever P. The result is an ordinary {@link org.mlmp.nn.NeuralNetModel} (the same model
 * file; {@code mlmp predict} reads it).
 *
 * <p>BatchNorm is per partition (as PyTorch's DDP without SyncBatchNorm): each partition normalises its rows of the
 * mini-batch with their own per-channel batch mean and variance, so with P &gt; 1 a BatchNorm network's gradient is
 * Σ_p (B_p/B)·(the gradient of partition p's rows alone), not the single-process gradient of the whole batch. Each
 * task also returns its rows' {@link org.mlmp.nn.BatchStatistics} (per channel: mean, biased variance, B_p rows);
 * the driver pools them in partition-index order ({@link org.mlmp.nn.BatchStatistics#pool}: μ = Σ B_p μ_p / B,
 * σ² = Σ B_p (σ²_p + (μ_p − μ)²) / B) and moves its running statistics once per step with the layer's own update
 * ({@link org.mlmp.nn.TrainingSession#moveStatistics}: momentum, unbiased variance). For the first BatchNorm layer,
 * whose inputs do not depend on how the batch is split, the model's running statistics are those one process computes
 * for the same mini-batches, to float rounding; a later BatchNorm layer's inputs were normalised per partition, so its
 * pooled statistics are those of these activations. With P = 1, bitwise the single-machine values.
 *
 * <p>Validation and early stopping run on the driver after each epoch, as in {@link NeuralNet} (the same held-out
 * rows, the same choice of the best epoch). Not yet supported, rejected with a message: augmentation.
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
   *     supported here (augmentation)
   */
  public SparkNeuralNet {
    if (trainer == null) throw new IllegalArgumentException("The 'trainer' parameter of SparkNeuralNet is null.");
    if (partitions < 1) {
      throw new IllegalArgumentException("The 'partitions' parameter of SparkNeuralNet must be >= 1. Got " + partitions
          + " instead.");
    }
    requireSupported(trainer, "SparkNeuralNet");
  }

  /**
   * Synchronous training of {@code trainer}'s steps on P partitions.
   *
   * @param trainer the training configuration
   * @param partitions P (≥ 1)
   * @return the configuration
   * @throws IllegalArgumentException as the constructor
   */
  public static SparkNeuralNet of(NeuralNet trainer, int partitions) {
    return new SparkNeuralNet(trainer, partitions);
  }

  /** The settings the Spark trainers do not support yet (augmentation), rejected with a message naming it. */
  static void requireSupported(NeuralNet trainer, String who) {
    if (trainer.augmentation() != null) {
      throw new IllegalArgumentException(who + " does not apply augmentation yet; the trainer has "
          + trainer.augmentation() + ". Use withAugmentation(null).");
    }
  }

  /**
   * Trains on {@code data} with the Spark context's executors.
   *
   * @param sc the Spark context (its master decides where the partitions run)
   * @param data training rows, {@code x: [n, C·H·W]}, {@code y} as {@link NeuralNet} takes them (with a validation
   *     fraction, that fraction is held out as {@link NeuralNet} holds it out, and scored on the driver)
   * @param progress receives one record per epoch on the driver (null for none)
   * @return the model and the learning curves, as {@link NeuralNet#train} returns them, and one record per epoch
   * @throws IllegalArgumentException for data the network cannot take (as {@link NeuralNet#fit}), or more
   *     partitions than rows
   * @throws IllegalStateException if a step's cost is NaN or infinite (training diverged)
   */
  public SparkTrainingResult fit(JavaSparkContext sc, Dataset data, Consumer<SparkEpoch> progress) {
    return fit(sc, data, progress, null);
  }

  /**
   * Trains on {@code data} with the Spark context's executors, with an epoch checkpoint: after every epoch the
   * driver writes the parameters, the optimiser state (Adam's moments and step count t, momentum's velocity), the
   * early-stopping state, the learning curves and the number of completed epochs e to {@code checkpoint}
   * (atomically: a temporary file moved into place), and a run that finds the file resumes with epoch e + 1 —
   * bitwise the model an uninterrupted run gives for the same seed and P, since the batch order, rates and dropout
   * masks of an epoch follow from (seed, epoch). The file is the single-machine trainer's ({@link NeuralNet#train},
   * {@code --checkpoint}) with the schedule {@link org.mlmp.nn.Checkpoints#STEPS}: either trainer resumes the
   * other's file (with P &gt; 1 the continuation differs from the single-machine one by the gradient sums'
   * rounding only). Only the driver reads and writes it: give a path that outlives the driver (in cluster deploy
   * mode, one every node sees).
   *
   * @param sc the Spark context (its master decides where the partitions run)
   * @param data training rows, as {@link #fit(JavaSparkContext, Dataset, Consumer)} takes them
   * @param progress receives one record per epoch on the driver, after the checkpoint is written (null for none)
   * @param checkpoint the checkpoint file, or null for none
   * @return as {@link #fit(JavaSparkContext, Dataset, Consumer)}, restored epochs included (their
   *     {@code computeSeconds} NaN: the file keeps the wall time only)
   * @throws IllegalArgumentException for data the network cannot take, or more partitions than rows
   * @throws IllegalStateException if a step's cost is NaN or infinite (training diverged)
   * @throws java.io.UncheckedIOException if the checkpoint cannot be read or written, or was written by another
   *     configuration, data or schedule (the message names both and the fix)
   */
  public SparkTrainingResult fit(JavaSparkContext sc, Dataset data, Consumer<SparkEpoch> progress,
      java.nio.file.Path checkpoint) {
    return SparkEpochs.run(trainer, partitions, sc, data, progress, "SparkNeuralNet", checkpoint,
        org.mlmp.nn.Checkpoints.STEPS, (epoch, rows, driver, schedule, n) -> {
      int[] order = schedule.order(n, epoch);
      int batch = schedule.batchSize(n), count = schedule.batches(n);
      double rate = schedule.learningRate(epoch), sum = 0;
      long compute = 0;
      for (int b = 0; b < count; b++) {
        int[] indices = Arrays.copyOfRange(order, b * batch, Math.min(n, (b + 1) * batch));
        PartitionedRows.BatchGradient step = rows.gradient(trainer.network(), Matrices.floats(driver.parameters()),
            indices, schedule.dropoutSeed(epoch, b));
        if (!Double.isFinite(step.cost())) {
          throw new IllegalStateException("Training diverged in epoch " + epoch + ", step " + (b + 1) + " of " + count
              + ": the cost is " + step.cost() + ". Lower the learning rate (now " + rate + ") or scale the inputs"
              + " (scaling is " + trainer.scaling() + ").");
        }
        driver.applyGradient(Matrices.floatVector(step.gradient()), rate);
        if (step.statistics() != null) driver.moveStatistics(step.statistics());
        sum += step.cost() * indices.length;
        compute += step.computeNanos();
      }
      return new double[] {sum / n, compute / 1e9};
    });
  }
}
