package org.mlmp.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted model that predicts classes. Each class has a number, its value (numeric labels such as ±1 or 0…9
 * are their own values; text labels such as iris' species have the values 0 … K − 1):
 * {@link #predict(INDArray)} returns values, {@link #predictLabels(INDArray)} the labels as they came
 * ({@link #classLabels()}).
 */
public interface Classifier extends Model {
  /**
   * The distinct class values seen in training, sorted ascending (for text labels: the names' values).
   *
   * @return the values (a copy)
   */
  double[] classes();

  /**
   * The classes as they came: numbers, or names (scikit-learn's {@code classes_}), in the order of
   * {@link #classes()}. This default says the values are the labels; models trained on text labels override it.
   *
   * @return the class labels
   */
  default ClassLabels classLabels() {
    return ClassLabels.ofNumbers(classes());
  }

  /**
   * The predicted labels as they came (scikit-learn's {@code predict}): the class names of a model trained on
   * text labels, numeric labels written as in a CSV ({@code 1}, {@code -1}, {@code 2.5}).
   *
   * @param x features {@code [nSamples, nFeatures]}
   * @return one label per row, {@code [nSamples]}, from {@link #classLabels()}
   * @throws IllegalArgumentException for a wrong shape or a NaN or ±∞ in x (row and column named)
   */
  default String[] predictLabels(INDArray x) {
    return classLabels().decode(Matrices.flat(predict(x)));
  }

  /**
   * {@link #predictLabels(INDArray)} with plain Java arrays.
   *
   * @param x features {@code double[nSamples][nFeatures]}
   * @return one label per row
   * @throws IllegalArgumentException for a wrong shape (the row and both feature counts named) or a NaN or
   *     ±∞ (row and column named)
   */
  default String[] predictLabels(double[][] x) {
    return classLabels().decode(predict(x));
  }

  /**
   * The predicted label of one sample, as it came.
   *
   * @param sample features {@code double[nFeatures]}
   * @return its label, one of {@link #classLabels()}
   * @throws IllegalArgumentException for a wrong length or a NaN or ±∞ (column named)
   */
  default String predictLabel(double[] sample) {
    return classLabels().name(predict(sample));
  }

  /**
   * Predicts the class value of each row.
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
