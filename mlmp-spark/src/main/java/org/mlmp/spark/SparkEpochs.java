package org.mlmp.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlmp.api.Dataset;
import org.mlmp.nn.Checkpoints;
import org.mlmp.nn.EpochRecord;
import org.mlmp.nn.EpochSchedule;
import org.mlmp.nn.EpochTracker;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.TrainingData;
import org.mlmp.nn.TrainingSession;

/**
 * The epoch loop both Spark trainers share: the rows prepared as {@link NeuralNet} prepares them, distributed and
 * cached once; per epoch the trainer's steps, then validation, early stopping and learning curves on the driver
 * ({@link EpochTracker}, as the single-machine trainer keeps them) and one progress record.
 */
final class SparkEpochs {
  private SparkEpochs() {}

  /** One epoch's distributed steps, moving the driver session's parameters and optimiser state. */
  interface EpochSteps {
    /**
     * Runs epoch {@code epoch}.
     *
     * @return {mean training cost, seconds the slowest task of each job spent in the engine, summed}
     */
    double[] run(int epoch, PartitionedRows rows, TrainingSession driver, EpochSchedule schedule, int n);
  }

  /**
   * Runs the epochs; with a {@code checkpoint} path, resumes from the file when it exists (the driver's parameters,
   * optimiser state and the tracker's epochs restored; the run continues with the next epoch, whose batch order,
   * rates and dropout masks follow from (seed, epoch)) and writes it after every epoch, before the progress record.
   *
   * @param checkpoint the checkpoint file, or null for none
   * @param scheduleName the trainer's schedule name in the file ({@link Checkpoints#STEPS} for NeuralNet's steps)
   * @throws UncheckedIOException if the checkpoint cannot be read or written, or belongs to another run
   */
  static SparkTrainingResult run(NeuralNet trainer, int partitions, JavaSparkContext sc, Dataset data,
      Consumer<SparkEpoch> progress, String who, Path checkpoint, String scheduleName, EpochSteps steps) {
    if (sc == null) throw new IllegalArgumentException("The Spark context given to " + who + ".fit is null.");
    TrainingData prepared = TrainingData.prepare(trainer, data, null);
    EpochSchedule schedule = EpochSchedule.of(trainer);
    TrainingSession driver = TrainingSession.of(trainer.network(), trainer.optimizer(), trainer.seed());
    EpochTracker tracker = EpochTracker.of(prepared);
    Checkpoints file = checkpoint == null ? null : Checkpoints.of(trainer, checkpoint, prepared, scheduleName);
    int resumed;
    try {
      resumed = file != null && file.exists() ? file.restore(driver, tracker) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    List<SparkEpoch> epochs = new ArrayList<>();
    for (EpochRecord r : tracker.history().epochs()) epochs.add(new SparkEpoch(r, Double.NaN));
    try (PartitionedRows rows = PartitionedRows.of(sc, prepared, partitions)) {
      for (int epoch = resumed + 1; epoch <= trainer.epochs() && !tracker.stopped(); epoch++) {
        long t0 = System.nanoTime();
        double[] r = steps.run(epoch, rows, driver, schedule, prepared.rows());
        if (!Double.isFinite(r[0])) {
          throw new IllegalStateException("Training diverged in epoch " + epoch + ": the mean cost is " + r[0]
              + ". Lower the learning rate (now " + schedule.learningRate(epoch) + ") or scale the inputs (scaling is "
              + trainer.scaling() + ").");
        }
        EpochRecord record = tracker.observe(epoch, r[0], (System.nanoTime() - t0) / 1e9, driver);
        SparkEpoch e = new SparkEpoch(record, r[1]);
        epochs.add(e);
        if (file != null) {
          try {
            file.write(driver, tracker);
          } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the checkpoint " + checkpoint + " after epoch " + epoch + ": "
                + ex.getMessage() + ". Give a writable path the driver sees.", ex);
          }
        }
        if (progress != null) progress.accept(e);
      }
    }
    return new SparkTrainingResult(tracker.result(driver, resumed), List.copyOf(epochs));
  }
}
