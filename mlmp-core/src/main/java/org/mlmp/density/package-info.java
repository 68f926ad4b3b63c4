/**
 * Density estimation: learning p(x) from samples by maximising the log-likelihood L = Σ_j log p(x_j).
 *
 * <ul>
 *   <li>{@link org.mlmp.density.GaussianMixture} → {@link org.mlmp.density.GaussianMixtureModel}: a mixture
 *       of Gaussians fitted by expectation–maximisation (full or diagonal covariances, k-means++ start), with
 *       per-sample log densities, responsibilities, sampling, BIC/AIC for choosing k;
 *   <li>{@link org.mlmp.density.KernelDensity} → {@link org.mlmp.density.KernelDensityModel}: Gaussian kernel
 *       density estimation with a fixed width or Scott's / Silverman's {@link org.mlmp.density.Bandwidth} rule;
 *   <li>{@link org.mlmp.density.KlDivergence}: how far a model is from a known true density.
 * </ul>
 *
 * <p>All densities are evaluated in log space with the log-sum-exp trick, in double precision. Shapes:
 * {@code x: [nSamples, nFeatures]}. Reference: C. M. Bishop, <i>Pattern Recognition and Machine
 * Learning</i> (2006), §2.5 (kernel density estimation), §9.2 (mixtures of Gaussians and EM).
 */
package org.mlmp.density;
