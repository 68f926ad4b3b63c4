package org.mlmp.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted model that maps features to new features (scikit-learn's transformers): a standardisation
 * ({@code org.mlmp.data.Standardization}), PCA and kernel PCA projections, k-means distances to the centres.
 * Its trainer is a step of an {@code org.mlmp.pipeline.Pipeline}, fitted on the training data and then applied
 * to every input of the model after it.
 */
public interface Transform extends Model {
  /**
   * The features as the next step sees them.
   *
   * @param x features {@code [nSamples, nFeatures()]}
   * @return the transformed features {@code [nSamples, nOutputFeatures()]}, a new array
   * @throws IllegalArgumentException for a wrong feature count (both counts named) or a NaN or ±∞ in x (row and
   *     column named), as every fitted model's predict ({@link Checks#predictInput})
   */
  INDArray transform(INDArray x);

  /**
   * The number of features {@link #transform} returns (components, clusters, or {@link #nFeatures()} for a
   * scaling).
   *
   * @return the number of output columns
   */
  int nOutputFeatures();
}
