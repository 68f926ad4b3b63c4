package org.mlmp.spark;

import java.io.Serializable;

/**
 * What one partition returns for one step: the cost and gradient of the rows of the global mini-batch it holds.
 *
 * @param partition the partition index
 * @param rows B_p, the number of the mini-batch's rows this partition holds (0: no cost, no gradient)
 * @param cost the mean cost over those rows (NaN if none)
 * @param gradient ∂C_p/∂θ of that mean cost, or null if the partition holds no row of the batch
 * @param computeNanos time spent in the engine (gathering the rows, forward and backward pass)
 * @param statistics the BatchNorm layers' batch means and biased variances over those rows (the values this partition
 *     normalised with), or null without BatchNorm or without rows
 */
record GradientShare(int partition, int rows, double cost, float[] gradient, long computeNanos,
    org.mlmp.nn.BatchStatistics statistics) implements Serializable {}
