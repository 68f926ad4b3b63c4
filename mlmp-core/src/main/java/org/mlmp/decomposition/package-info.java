/**
 * Dimensionality reduction: {@link org.mlmp.decomposition.Pca} (principal component analysis with
 * explained variance, transform / inverse transform and whitening).
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]}, transformed data {@code [nSamples, k]}. Reference:
 * C. M. Bishop, <i>Pattern Recognition and Machine Learning</i> (2006), §12.1.
 */
package org.mlmp.decomposition;
