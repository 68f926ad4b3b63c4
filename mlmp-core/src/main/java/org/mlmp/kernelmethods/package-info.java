/**
 * Kernel methods built on {@link org.mlmp.kernel.Kernel}: {@link org.mlmp.kernelmethods.KernelRidge}
 * (kernel ridge regression by Cholesky, with forces through the kernel gradient), cross-validated
 * choice of (σ, λ) in {@link org.mlmp.kernelmethods.KernelRidgeSearch}, and
 * {@link org.mlmp.kernelmethods.LearningCurve} (table and PNG).
 *
 * <p>References: C. M. Bishop, <i>Pattern Recognition and Machine Learning</i> (2006), ch. 6; B.
 * Schölkopf and A. J. Smola, <i>Learning with Kernels</i> (2002); scikit-learn
 * {@code sklearn.kernel_ridge.KernelRidge}.
 */
package org.mlmp.kernelmethods;
