package org.mlmp.nn;

import org.mlmp.data.Partition;

/**
 * The order, learning rates and dropout seeds of {@link NeuralNet}'s epochs, as a value: the single-machine
 * trainer draws them from here, and a trainer that runs the same steps elsewhere (a data-parallel trainer
 * splitting each mini-batch across workers) draws the same ones, so both visit the same mini-batches with the
 * same rates and masks.
 *
 * <p>Epoch e (1, 2, ...) has the seed s_e = mix(seed, e); it visits the n training rows in the order
 * {@link Partition#shuffled}(n, s_e), in mini-batches of {@code batchSize} consecutive entries of that order (the
 * last one smaller if needed); mini-batch b (0, 1, ...) draws its dropout masks from mix(s_e, b) and each row's
 * example index (its row in the training set, see {@link TrainingSession}), so a row's mask does not depend on
 * where the row is computed; its learning rate is α·decay^(e−1).
 *
 * @param trainer the training configuration whose seed, batch size, learning rate and decay are used
 */
public record EpochSchedule(NeuralNet trainer) {
  /**
   * Checks the configuration.
   *
   * @param trainer the training configuration
   * @throws IllegalArgumentException if {@code trainer} is null
   */
  public EpochSchedule {
    if (trainer == null) throw new IllegalArgumentException("The 'trainer' parameter of EpochSchedule is null.");
  }

  /**
   * The schedule of {@code trainer}'s epochs.
   *
   * @param trainer the training configuration
   * @return the schedule
   * @throws IllegalArgumentException if {@code trainer} is null
   */
  public static EpochSchedule of(NeuralNet trainer) {
    return new EpochSchedule(trainer);
  }

  /**
   * The seed of epoch {@code epoch}.
   *
   * @param epoch the epoch, 1, 2, ...
   * @return s_e = mix(seed, epoch)
   */
  public long epochSeed(int epoch) {
    return TrainingSession.mix(trainer.seed(), epoch);
  }

  /**
   * The order in which epoch {@code epoch} visits the training rows.
   *
   * @param rows the number n of training rows
   * @param epoch the epoch, 1, 2, ...
   * @return a permutation of 0..n−1
   */
  public int[] order(int rows, int epoch) {
    return Partition.shuffled(rows, epochSeed(epoch));
  }

  /**
   * The mini-batch size on {@code rows} training rows: the configured size, at most n.
   *
   * @param rows the number n of training rows
   * @return min(batchSize, n)
   */
  public int batchSize(int rows) {
    return Math.min(trainer.batchSize(), rows);
  }

  /**
   * The number of mini-batches (optimiser steps) of an epoch on {@code rows} training rows.
   *
   * @param rows the number n of training rows
   * @return ⌈n / {@link #batchSize(int)}⌉
   */
  public int batches(int rows) {
    int b = batchSize(rows);
    return (rows + b - 1) / b;
  }

  /**
   * The learning rate of epoch {@code epoch}.
   *
   * @param epoch the epoch, 1, 2, ...
   * @return α·decay^(epoch−1) (exactly α with a constant rate)
   */
  public double learningRate(int epoch) {
    double rate = trainer.optimizer().learningRate();
    return trainer.learningRateDecay() == 1 ? rate : rate * Math.pow(trainer.learningRateDecay(), epoch - 1);
  }

  /**
   * The seed of the dropout masks of one mini-batch.
   *
   * @param epoch the epoch, 1, 2, ...
   * @param batch the mini-batch within the epoch, 0, 1, ...
   * @return mix(s_e, batch)
   */
  public long dropoutSeed(int epoch, int batch) {
    return TrainingSession.mix(epochSeed(epoch), batch);
  }
}
