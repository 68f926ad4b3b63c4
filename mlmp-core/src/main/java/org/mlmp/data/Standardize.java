package org.mlmp.data;

import org.mlmp.api.Dataset;
import org.mlmp.api.Trainer;

/**
 * The trainer of a {@link Standardization}: per-feature mean and 1/N standard deviation of the training features
 * (scikit-learn's {@code StandardScaler()}), as a step of an {@code org.mlmp.pipeline.Pipeline}, e.g.
 * {@code Pipeline.of(List.of(Standardize.of()), Svm.of(..))}. Targets are ignored and never scaled.
 */
public record Standardize() implements Trainer<Standardization> {
  /**
   * The standardisation step.
   *
   * @return the trainer
   */
  public static Standardize of() {
    return new Standardize();
  }

  /**
   * Fits the mean and scale of {@code data}'s features ({@link Standardization#fit(org.nd4j.linalg.api.ndarray.INDArray)}).
   *
   * @param data the training data; y is ignored
   * @return the fitted standardisation
   * @throws IllegalArgumentException if a feature holds a NaN or ±∞ (row and column named)
   */
  @Override
  public Standardization fit(Dataset data) {
    return Standardization.fit(data.x());
  }
}
