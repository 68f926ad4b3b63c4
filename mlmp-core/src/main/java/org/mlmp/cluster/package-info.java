/**
 * Clustering: {@link org.mlmp.cluster.KMeans} (Lloyd's algorithm with {@link org.mlmp.cluster.KMeansPlusPlus}
 * seeding and restarts), the {@link org.mlmp.cluster.Silhouette} score for judging a clustering, and the
 * {@link org.mlmp.cluster.Distances} they share.
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]}; cluster labels are {@code int[]} of indices 0 … k−1.
 * Reference: C. M. Bishop, <i>Pattern Recognition and Machine Learning</i> (2006), §9.1.
 */
package org.mlmp.cluster;
