package org.mlmp.nn;

import java.io.Serializable;
import java.util.List;

/**
 * The batch statistics of a network's BatchNorm layers in one training forward pass: per channel the batch mean
 * μ and the biased variance σ² = mean((x − μ)²) over the batch's rows (and an image's pixels), the values the
 * layer normalised with. Data-parallel training reads them from each worker
 * ({@link TrainingSession#batchStatistics()}), pools them ({@link #pool}) and moves the running statistics once
 * with the pooled values ({@link TrainingSession#moveStatistics}).
 *
 * @param rows the batch's rows B (≥ 1)
 * @param means μ per channel, the BatchNorm layers' channels in layer order (input side first)
 * @param variances σ² per channel (biased: divided by the count, not count − 1), laid out as {@code means}
 *
 * @serial exclude
 */
public record BatchStatistics(int rows, double[] means, double[] variances) implements Serializable {
  /**
   * Checks the values.
   *
   * @param rows B
   * @param means μ per channel
   * @param variances σ² per channel
   * @throws IllegalArgumentException naming the value: rows &lt; 1, a null array, or arrays of different lengths
   */
  public BatchStatistics {
    if (rows < 1) {
      throw new IllegalArgumentException("The 'rows' of BatchStatistics must be >= 1 (the batch's rows). Got " + rows
          + " instead.");
    }
    if (means == null || variances == null) {
      throw new IllegalArgumentException("The 'means' and 'variances' of BatchStatistics must not be null. Got "
          + (means == null ? "null" : "an array") + " and " + (variances == null ? "null" : "an array") + ".");
    }
    if (means.length != variances.length) {
      throw new IllegalArgumentException("BatchStatistics needs one variance per mean. Got " + means.length
          + " means and " + variances.length + " variances.");
    }
  }

  /**
   * Batch statistics from their values.
   *
   * @param rows B (≥ 1)
   * @param means μ per channel
   * @param variances σ² per channel (biased), as many as means
   * @return the statistics
   * @throws IllegalArgumentException as the constructor
   */
  public static BatchStatistics of(int rows, double[] means, double[] variances) {
    return new BatchStatistics(rows, means, variances);
  }

  /**
   * The statistics of the union of disjoint batches, exactly (in double, summed in list order): with N = Σ n_p
   * rows and weights w_p = n_p / N, μ = Σ w_p μ_p and σ² = Σ w_p (σ²_p + (μ_p − μ)²) — what one pass over all
   * N rows computes, to rounding (every row of a batch contributes the same number of values per channel), for a
   * layer whose inputs are the same however the rows are split (the first BatchNorm layer; a later one's inputs
   * depend on the batch statistics before it). One part is returned unchanged (bitwise).
   *
   * @param parts the batches' statistics (at least one), each of the same network
   * @return the pooled statistics, {@code rows} = N
   * @throws IllegalArgumentException if {@code parts} is empty or their channel counts differ
   */
  public static BatchStatistics pool(List<BatchStatistics> parts) {
    if (parts == null || parts.isEmpty()) {
      throw new IllegalArgumentException("BatchStatistics.pool needs at least one part. Got "
          + (parts == null ? "null" : "an empty list") + ".");
    }
    if (parts.size() == 1) return parts.get(0);
    int channels = parts.get(0).means().length;
    long total = 0;
    for (BatchStatistics s : parts) {
      if (s.means().length != channels) {
        throw new IllegalArgumentException("BatchStatistics.pool needs parts of one network: the first has "
            + channels + " channels, another " + s.means().length + ".");
      }
      total += s.rows();
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("BatchStatistics.pool: the parts hold " + total + " rows; at most 2^31 - 1.");
    }
    double[] mu = new double[channels], var = new double[channels];
    for (BatchStatistics s : parts) {
      double w = (double) s.rows() / total;
      for (int c = 0; c < channels; c++) mu[c] += w * s.means()[c];
    }
    for (BatchStatistics s : parts) {
      double w = (double) s.rows() / total;
      for (int c = 0; c < channels; c++) {
        double d = s.means()[c] - mu[c];
        var[c] += w * (s.variances()[c] + d * d);
      }
    }
    return new BatchStatistics((int) total, mu, var);
  }
}
