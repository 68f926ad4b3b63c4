package org.mlmp.nn;

/**
 * Progress reports from {@link NeuralNet#train}: implement the methods you need (a progress bar, a
 * log). Called on the training thread; a listener that throws stops the run (the checkpoint of the last
 * finished epoch, if any, stays valid).
 */
public interface TrainingListener {
  /** Does nothing. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * Before the first step of {@code epoch} (1-based), which has {@code batches} mini-batches.
   *
   * @param epoch the epoch about to start, 1-based
   * @param batches the number of mini-batches in it
   */
  default void epochStarted(int epoch, int batches) {}

  /**
   * After each training step.
   *
   * @param epoch the current epoch, 1-based
   * @param batch the mini-batch just finished, 1-based
   * @param batches the number of mini-batches in the epoch
   * @param loss the mini-batch's cost before the step
   * @param samplesPerSecond the training throughput so far in this epoch, rows per second
   */
  default void batchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond) {}

  /**
   * After the epoch's validation and checkpoint.
   *
   * @param record the epoch's costs, accuracies and timing
   */
  default void epochFinished(EpochRecord record) {}
}
