package org.mlmp.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mlmp.nn.Checkpoints;
import org.mlmp.nn.EpochRecord;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.TrainingData;
import org.mlmp.nn.TrainingSession;

/**
 * A Spark training run's epochs on the driver: the records, the progress callback and the {@link Checkpoints} file
 * written after every epoch, and the resume from it (the driver's session gets the parameters and optimiser state
 * back, the run continues with the next epoch; the schedule of batches, rates and dropout masks follows from
 * (seed, epoch), so nothing else is needed).
 */
final class DriverEpochs {
  private final Checkpoints file;
  private final Path path;
  private final Consumer<SparkNeuralNet.SparkEpoch> progress;
  private final List<EpochRecord> history = new ArrayList<>();
  private final List<SparkNeuralNet.SparkEpoch> epochs = new ArrayList<>();
  private final int resumed;

  /**
   * Resumes from {@code checkpoint} when the file exists.
   *
   * @param checkpoint the checkpoint path, or null for none
   * @param schedule the trainer's schedule name ({@link Checkpoints#STEPS} for the synchronous trainer)
   * @throws UncheckedIOException if the file cannot be read or belongs to another run (its message names both)
   */
  DriverEpochs(NeuralNet trainer, TrainingData prepared, TrainingSession driver, Path checkpoint, String schedule,
      Consumer<SparkNeuralNet.SparkEpoch> progress) {
    this.path = checkpoint;
    this.file = checkpoint == null ? null : Checkpoints.of(trainer, checkpoint, prepared, schedule);
    this.progress = progress;
    try {
      resumed = file != null && file.exists() ? file.restore(driver, history) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    for (EpochRecord r : history) {
      epochs.add(new SparkNeuralNet.SparkEpoch(r.epoch(), r.trainLoss(), r.seconds(), Double.NaN,
          r.samplesPerSecond()));
    }
  }

  /** The epochs completed before this run (0 without a checkpoint file); the run starts with the next one. */
  int resumed() {
    return resumed;
  }

  /** Records a finished epoch, writes the checkpoint (atomically), then reports the epoch. */
  void finished(SparkNeuralNet.SparkEpoch e, TrainingSession driver) {
    epochs.add(e);
    history.add(new EpochRecord(e.epoch(), e.trainLoss(), Double.NaN, Double.NaN, e.seconds(), e.rowsPerSecond()));
    if (file != null) {
      try {
        file.write(driver, history);
      } catch (IOException ex) {
        throw new UncheckedIOException("Cannot write the checkpoint " + path + " after epoch " + e.epoch() + ": "
            + ex.getMessage() + ". Give a writable path every run of the job sees.", ex);
      }
    }
    if (progress != null) progress.accept(e);
  }

  /** The run's result: the model and every epoch's record (restored ones first). */
  SparkNeuralNet.SparkTrainingResult result(NeuralNetModel model) {
    return new SparkNeuralNet.SparkTrainingResult(model, List.copyOf(epochs), resumed);
  }
}
