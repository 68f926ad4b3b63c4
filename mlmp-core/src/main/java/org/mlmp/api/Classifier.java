package org.mlmp.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A fitted model that predicts class labels (given as numbers, e.g. ±1 or 0…9). */
public interface Classifier extends Model {
  /** The distinct labels seen in training, sorted ascending. */
  double[] classes();

  /**
   * @param x features {@code [nSamples, nFeatures]}
   * @return predicted labels {@code [nSamples]}, values from {@link #classes()}
   */
  INDArray predict(INDArray x);

  /** Fraction of rows whose predicted label equals {@code y}. */
  default double accuracy(INDArray x, INDArray y) {
    return Metrics.accuracy(predict(x), y);
  }
}
