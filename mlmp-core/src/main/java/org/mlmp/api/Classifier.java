package org.mlmp.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A fitted model that predicts class labels (given as numbers, e.g. ±1 or 0…9). */
public interface Classifier extends Model {
  /**
   * The distinct labels seen in training, sorted ascending.
   *
   * @return the labels (a copy)
   */
  double[] classes();

  /**
   * Predicts the class of each row.
   *
   * @param x features {@code [nSamples, nFeatures]}
   * @return predicted labels {@code [nSamples]}, values from {@link #classes()}
   */
  INDArray predict(INDArray x);

  /**
   * {@link #predict(INDArray)} with plain Java arrays.
   *
   * @param x features {@code double[nSamples][nFeatures]}
   * @return predicted labels {@code double[nSamples]}, values from {@link #classes()}
   * @throws IllegalArgumentException for a wrong shape (the row and both feature counts named) or a NaN or
   *     ±∞ (row and column named)
   */
  default double[] predict(double[][] x) {
    return Matrices.flat(predict(Matrices.samples(x, nFeatures(), getClass().getSimpleName())));
  }

  /**
   * The predicted label of one sample, a value from {@link #classes()}.
   *
   * @param sample features {@code double[nFeatures]}
   * @return the predicted label
   * @throws IllegalArgumentException for a wrong feature count or a NaN or ±∞ (column named)
   */
  default double predict(double[] sample) {
    return Matrices.flat(predict(Matrices.sample(sample, nFeatures(), getClass().getSimpleName())))[0];
  }

  /**
   * Fraction of rows whose predicted label equals {@code y}.
   *
   * @param x features {@code [nSamples, nFeatures]}
   * @param y the true labels {@code [nSamples]}
   * @return the accuracy in [0, 1]
   */
  default double accuracy(INDArray x, INDArray y) {
    return Metrics.accuracy(predict(x), y);
  }
}
