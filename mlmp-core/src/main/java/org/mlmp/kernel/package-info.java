/**
 * Kernels as values and their Gram matrices: {@link org.mlmp.kernel.Kernel} (sealed: {@link
 * org.mlmp.kernel.Linear}, {@link org.mlmp.kernel.Polynomial}, {@link org.mlmp.kernel.Gaussian}, {@link
 * org.mlmp.kernel.Laplacian}, {@link org.mlmp.kernel.Radial}), with formulas, scikit-learn equivalents,
 * gradients with respect to the input, and {@link org.mlmp.kernel.Gram} for the numerics and memory
 * check of n × n matrices. The kernels know nothing of the models that use them
 * ({@code org.mlmp.kernelmethods}).
 *
 * <p>Each kernel is defined once, in its record, as k(x, x') = g(s · b(x, x')): a {@link
 * org.mlmp.kernel.BaseQuantity} b (dot product, squared distance or L1 distance), a scale s and a function
 * g written for one value (the CPU loops of {@link org.mlmp.kernel.CpuGram} and {@code value}) and for a
 * whole array (the backend-generic {@link org.mlmp.kernel.Gram}), plus g's derivative (gradients). The
 * Gram paths switch over the three base quantities and call those methods, so adding a kernel is one
 * record and one {@code permits} entry; the compiler asks for every method.
 *
 * <p>Reference: B. Schölkopf and A. J. Smola, <i>Learning with Kernels</i>, MIT Press (2002), ch. 2 and 4;
 * scikit-learn {@code sklearn.metrics.pairwise}.
 */
package org.mlmp.kernel;
