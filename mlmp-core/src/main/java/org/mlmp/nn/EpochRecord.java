package org.mlmp.nn;

/**
 * One epoch of training, as recorded in the learning curves.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean mini-batch cost over the epoch
 * @param validationLoss cost on the validation rows (NaN without validation)
 * @param validationAccuracy fraction of validation rows classified correctly (NaN for regression or without
 *     validation)
 * @param seconds wall time of the epoch's training steps
 * @param samplesPerSecond training throughput of the epoch
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double validationAccuracy,
    double seconds, double samplesPerSecond) {}
