package org.mlmp.nn;

import org.mlmp.api.ClassLabels;
import org.mlmp.api.Classifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained cross-entropy {@link Network} (softmax output, or one sigmoid unit for two classes): a
 * {@link Classifier} whose {@link #classes()} are the training labels in their original values, sorted
 * ascending, in output-unit order; a target that came as text (or image folders) gives class names
 * ({@link #classLabels()}). scikit-learn: a fitted {@code MLPClassifier}.
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]}; {@link #predict} {@code [nSamples]} labels;
 * {@link #probabilities} {@code [nSamples, K]}.
 */
public final class NeuralNetClassifierModel extends NeuralNetModel implements Classifier {
  NeuralNetClassifierModel(Network network, float[] params, float[] stats, Scaler scaler, Targets targets,
      NeuralNet trainer, org.mlmp.data.ImagePreprocessing images, java.util.List<String> classNames) {
    super(network, params, stats, scaler, targets, trainer, images, classNames);
  }

  /**
   * The classes as they came: numbers, or names (a target that came as text, the folders of images), in output-unit
   * order.
   *
   * @return the class labels, in the order of {@link #classes()}
   */
  @Override
  public ClassLabels classLabels() {
    return classNames().isEmpty() ? ClassLabels.ofNumbers(classes()) : ClassLabels.of(classes(), classNames());
  }

  /**
   * The class probabilities P(class k | x), {@code [nSamples, K]} in double, columns in the order of
   * {@link #classes()}: the softmax output, or [1 − p, p] for a single sigmoid unit (p = P(classes()[1])).
   * scikit-learn: {@code predict_proba}.
   *
   * @param x inputs {@code [nSamples, nFeatures]}, finite
   * @return the probabilities, each row summing to 1
   * @throws IllegalArgumentException when x has the wrong number of columns or a non-finite value
   */
  public INDArray probabilities(INDArray x) {
    INDArray out = output(x).castTo(DataType.DOUBLE);
    if (out.size(1) != 1) return out;
    double[] p = out.reshape(out.size(0)).toDoubleVector();
    double[][] two = new double[p.length][];
    for (int i = 0; i < p.length; i++) two[i] = new double[] {1 - p[i], p[i]};
    return p.length == 0 ? Nd4j.create(DataType.DOUBLE, 0, 2) : Nd4j.createFromArray(two);
  }
}
