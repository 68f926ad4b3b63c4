package org.mlmp.nn;

import java.util.List;
import org.mlmp.api.Dataset;
import org.mlmp.api.Matrices;
import org.mlmp.data.Partition;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The rows of a {@link NeuralNet} run as the engine sees them: the inputs checked, the validation rows split off
 * (as {@link NeuralNet#train} does), the inputs scaled with the training rows' statistics and the targets
 * encoded for the output layer (class names kept when the target came as text); and the assembly of the fitted
 * model from trained parameters. The single-machine
 * trainer prepares its rows here, and so can a trainer that runs the optimiser steps elsewhere, so that both
 * return the same kind of {@link NeuralNetModel}.
 *
 * <p>Shapes: {@code x: [n, C·H·W]}, {@code t: [n, K]} (one-hot rows for a softmax classifier, 0/1 for one sigmoid
 * unit, the values for regression), as {@link TrainingSession} takes them.
 */
public final class TrainingData {
  final NeuralNet trainer;
  final Scaler scaler;
  final Targets targets;
  final INDArray x, t, validationX, validationT;
  /** The names of the network's classes when the target came as text, else null. */
  final List<String> classNames;

  private TrainingData(NeuralNet trainer, Scaler scaler, Targets targets, INDArray x, INDArray t,
      INDArray validationX, INDArray validationT, List<String> classNames) {
    this.trainer = trainer;
    this.classNames = classNames;
    this.scaler = scaler;
    this.targets = targets;
    this.x = x;
    this.t = t;
    this.validationX = validationX;
    this.validationT = validationT;
  }

  /**
   * Checks, splits, scales and encodes the rows of a training run.
   *
   * @param trainer the configuration (network, seed, validation fraction, scaling)
   * @param data training rows; if {@code validation} is null and the trainer's validation fraction is &gt; 0,
   *     that fraction of them (a seeded random split) becomes the validation rows
   * @param validation a separate validation set, or null
   * @return the prepared rows
   * @throws IllegalArgumentException naming the problem: no targets, a feature count the network's input does
   *     not take, values that are not finite, labels the output layer cannot represent, validation class labels
   *     other than the training set's
   */
  public static TrainingData prepare(NeuralNet trainer, Dataset data, Dataset validation) {
    if (trainer == null) throw new IllegalArgumentException("The 'trainer' parameter of TrainingData.prepare is null.");
    if (data == null || !data.hasTargets()) {
      throw new IllegalArgumentException("NeuralNet needs targets y; the data set has none.");
    }
    checkFeatures(trainer, data, "x");
    data.requireFinite();
    Dataset train = data, val = null;
    if (validation != null) {
      checkFeatures(trainer, validation, "the validation x");
      if (!validation.hasTargets()) throw new IllegalArgumentException("The validation set has no targets y.");
      validation.requireFinite();
      val = validation;
    } else if (trainer.validationFraction() > 0) {
      Partition.Split s = Partition.split(data.nSamples(), trainer.validationFraction(), 0, trainer.seed());
      if (s.validation().length > 0) {
        train = data.rows(s.train());
        val = data.rows(s.validation());
      }
    }
    if (val != null && !java.util.Objects.equals(data.classLabels(), val.classLabels())) {
      throw new IllegalArgumentException("The validation set's class labels " + val.classLabels() + " differ from the"
          + " training set's " + data.classLabels() + ", so the same class would have different values. Make both from"
          + " one data set (Dataset.rows) or encode the validation labels by the training classes"
          + " (CsvTable.toDataset(target, classes)).");
    }
    Network net = trainer.network();
    int units = net.outputLayer().units();
    Targets targets = Targets.of(net, train.y());
    INDArray trainX = train.x(); // a copy: taken once for both the fit and the scaling
    Scaler scaler = Scaler.fit(trainer.scaling(), trainX);
    return new TrainingData(trainer, scaler, targets, scaler.applyInPlace(trainX), targets.encode(train.y(), units),
        val == null ? null : scaler.apply(val.x()), val == null ? null : targets.encode(val.y(), units),
        classNames(targets, data));
  }

  /** The names of the network's classes when the target came as text, else null. */
  private static List<String> classNames(Targets targets, Dataset data) {
    if (!targets.classification() || data.classLabels() == null) return null;
    double[] classes = targets.classes();
    if (classes.length != data.classLabels().size()) {
      throw new IllegalArgumentException("The network's output layer distinguishes " + classes.length + " classes, but"
          + " the target '" + data.targetName() + "' has " + data.classLabels().size() + " class labels "
          + data.classLabels().names() + ". Give the output layer " + data.classLabels().size() + " units.");
    }
    return data.classLabels().select(classes).names();
  }

  /**
   * The number of training rows (after the validation split).
   *
   * @return n
   */
  public int rows() {
    return (int) x.rows();
  }

  /**
   * Values per training input row (C·H·W).
   *
   * @return the inputs' columns
   */
  public int inputs() {
    return (int) x.columns();
  }

  /**
   * Values per encoded target row (K).
   *
   * @return the targets' columns
   */
  public int outputs() {
    return (int) t.columns();
  }

  /**
   * Copies training rows {@code [from, from + rows)} — the scaled inputs and the encoded targets — into Java arrays,
   * in bulk and without an intermediate copy of the whole set (what a data-parallel trainer cutting the rows into
   * blocks calls).
   *
   * @param from the first row (0 ≤ from ≤ {@link #rows()} − rows)
   * @param rows the number of rows
   * @param x receives rows·{@link #inputs()} input values, row-major
   * @param t receives rows·{@link #outputs()} target values, row-major
   * @throws IllegalArgumentException when the rows lie outside the training set or an array is too short
   */
  public void readRows(int from, int rows, float[] x, float[] t) {
    Matrices.readRows(this.x, from, rows, x);
    Matrices.readRows(this.t, from, rows, t);
  }

  /**
   * The scaled training inputs.
   *
   * @return a copy, {@code [n, C·H·W]}
   */
  public INDArray x() {
    return x.dup();
  }

  /**
   * The encoded training targets.
   *
   * @return a copy, {@code [n, K]}
   */
  public INDArray t() {
    return t.dup();
  }

  /**
   * Whether the network classifies (softmax or one sigmoid unit with cross-entropy).
   *
   * @return true for a classifier, false for a regressor
   */
  public boolean classification() {
    return targets.classification();
  }

  /**
   * Whether there are validation rows.
   *
   * @return true if a validation set was given or split off
   */
  public boolean hasValidation() {
    return validationX != null;
  }

  /**
   * The scaled validation inputs.
   *
   * @return a copy, {@code [nValidation, C·H·W]}
   * @throws IllegalStateException if there are no validation rows ({@link #hasValidation()})
   */
  public INDArray validationX() {
    requireValidation();
    return validationX.dup();
  }

  /**
   * The encoded validation targets.
   *
   * @return a copy, {@code [nValidation, K]}
   * @throws IllegalStateException if there are no validation rows ({@link #hasValidation()})
   */
  public INDArray validationT() {
    requireValidation();
    return validationT.dup();
  }

  /**
   * The fitted model holding trained parameters, with this run's input scaling and classes, and the trainer
   * stored as its configuration: the object {@link NeuralNet#fit} returns, saved and read by the same model file.
   *
   * @param parameters the flat parameter vector θ ({@link TrainingSession#parameters()}), length
   *     {@link Network#parameterCount()}
   * @param statistics BatchNorm's running statistics ({@link TrainingSession#statistics()}), length
   *     {@link Network#statisticsCount()} (empty without BatchNorm)
   * @return a classifier or regressor model
   * @throws IllegalArgumentException if a vector has the wrong length
   */
  public NeuralNetModel model(INDArray parameters, INDArray statistics) {
    Network net = trainer.network();
    if (parameters == null || parameters.length() != net.parameterCount()) {
      throw new IllegalArgumentException("The parameters must be a flat vector of " + net.parameterCount()
          + " values (this network's). Got " + (parameters == null ? "null" : parameters.length() + " values")
          + " instead.");
    }
    long statCount = statistics == null ? 0 : statistics.length();
    if (statCount != net.statisticsCount()) {
      throw new IllegalArgumentException("The running statistics must be a flat vector of " + net.statisticsCount()
          + " values (this network's BatchNorm layers). Got " + statCount + " values instead.");
    }
    float[] stats = statCount == 0 ? new float[0] : statistics.toFloatVector();
    return NeuralNetModel.create(net, parameters.toFloatVector(), stats, scaler, targets, trainer, classNames);
  }

  private void requireValidation() {
    if (validationX == null) {
      throw new IllegalStateException("This training run has no validation rows: give a validation set or a"
          + " validation fraction > 0 to have them.");
    }
  }

  private static void checkFeatures(NeuralNet trainer, Dataset d, String what) {
    int need = trainer.network().input().size();
    if (d.nFeatures() != need) {
      throw new IllegalArgumentException(what + " has " + d.nFeatures() + " features, but the network's input shape "
          + trainer.network().input() + " needs " + need + ".");
    }
  }
}
