package org.mlmp.nn;

/**
 * Progress reports from {@link NeuralNet#train}: implement the methods you need (a progress bar, a
 * log). Called on the training thread; a listener that throws stops the run (the checkpoint of the last
 * finished epoch, if any, stays valid).
 */
public interface TrainingListener {
  /** Does nothing. */
  TrainingListener NONE = new TrainingListener() {};

  /** Before the first step of {@code epoch} (1-based), which has {@code batches} mini-batches. */
  default void epochStarted(int epoch, int batches) {}

  /** After each training step. */
  default void batchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond) {}

  /** After the epoch's validation and checkpoint. */
  default void epochFinished(EpochRecord record) {}
}
