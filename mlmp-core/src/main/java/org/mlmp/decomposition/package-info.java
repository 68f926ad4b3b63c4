/**
 * Dimensionality reduction: {@link org.mlmp.decomposition.Pca} (principal component analysis with
 * explained variance, transform / inverse transform and whitening) and
 * {@link org.mlmp.decomposition.KernelPca} (PCA in the feature space of an {@link org.mlmp.kernel.Kernel}).
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]}, transformed data {@code [nSamples, k]}. Reference:
 * C. M. Bishop, <i>Pattern Recognition and Machine Learning</i> (2006), §12.1 (PCA) and §12.3 (kernel PCA).
 */
package org.mlmp.decomposition;
