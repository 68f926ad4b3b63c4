package org.mlmp.density;

import org.mlmp.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted density estimate p̂(x): a {@link GaussianMixtureModel} or a {@link KernelDensityModel}.
 * Both are fitted (or, for the KDE, evaluated) to make the log-likelihood L = Σ_j log p̂(x_j) large.
 */
public interface DensityModel extends Model, LogDensity {
  /**
   * The average log-likelihood per sample (1/N) Σ_j log p̂(x_j) — scikit-learn's {@code score(x)} for
   * {@code GaussianMixture}; its {@code KernelDensity.score} is the sum instead.
   *
   * @param x {@code [nSamples, nFeatures]}
   * @return the mean of log p̂(x_j) in nats
   */
  default double meanLogLikelihood(INDArray x) {
    return logDensity(x).meanNumber().doubleValue();
  }

  /**
   * Draws samples from p̂.
   *
   * @param nSamples number of samples ≥ 1
   * @param seed seed of the draws (same seed, same samples)
   * @return {@code [nSamples, nFeatures]}
   */
  INDArray sample(int nSamples, long seed);
}
