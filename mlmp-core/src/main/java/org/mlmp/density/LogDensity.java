package org.mlmp.density;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A normalised probability density p(x) on ℝ^d, evaluated as log p(x) sample by sample: a fitted
 * {@link DensityModel}, or a density known in closed form (a lambda), e.g. the true density of
 * simulated data for {@link KlDivergence}.
 */
@FunctionalInterface
public interface LogDensity {
  /**
   * @param x {@code [nSamples, nFeatures]}
   * @return log p(x_i) for every row, {@code [nSamples]}, double precision
   */
  INDArray logDensity(INDArray x);
}
