/**
 * Kernels as values and their Gram matrices: {@link org.mlmp.kernel.Kernel} (sealed: {@link
 * org.mlmp.kernel.Linear}, {@link org.mlmp.kernel.Polynomial}, {@link org.mlmp.kernel.Gaussian}, {@link
 * org.mlmp.kernel.Laplacian}, {@link org.mlmp.kernel.Radial}), with formulas, scikit-learn equivalents,
 * gradients with respect to the input, and {@link org.mlmp.kernel.Gram} for the numerics and memory
 * check of n × n matrices. The kernels know nothing of the models that use them
 * ({@code org.mlmp.kernelmethods}).
 *
 * <p>Reference: B. Schölkopf and A. J. Smola, <i>Learning with Kernels</i>, MIT Press (2002), ch. 2 and 4;
 * scikit-learn {@code sklearn.metrics.pairwise}.
 */
package org.mlmp.kernel;
