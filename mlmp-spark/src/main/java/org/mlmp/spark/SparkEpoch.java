package org.mlmp.spark;

import org.mlmp.nn.EpochRecord;

/**
 * One epoch of a Spark training run, as the driver saw it.
 *
 * @param record the epoch as {@link org.mlmp.nn.NeuralNet} records it: training cost, validation cost and
 *     accuracy (NaN without validation), wall time (steps and validation) and rows per second
 * @param computeSeconds the sum over the epoch's Spark jobs of the slowest task's time in the engine; the rest of
 *     the wall time is Spark (scheduling, broadcast, collection), the driver's update and the validation
 */
public record SparkEpoch(EpochRecord record, double computeSeconds) {}
