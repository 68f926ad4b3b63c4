package org.mlmp.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.data.Partition;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Rosenblatt's perceptron (1958): one binary step unit ŷ = step(w·x + b), 1 if w·x + b &gt; 0 else 0,
 * trained with its own learning rule rather than by gradient descent (the step has no useful
 * gradient; see {@link Activation#BINARY_STEP}). For each sample in turn,
 * <pre>
 *   w ← w + α (y − ŷ) x,    b ← b + α (y − ŷ)
 * </pre>
 * so only misclassified samples move the weights. An epoch visits all samples once in an order drawn
 * from (seed, epoch); training stops after an epoch without mistakes or after {@code epochs} epochs. If
 * the two classes are linearly separable it converges after finitely many updates (Novikoff 1962);
 * otherwise (XOR) it never does. Weights start at 0.
 *
 * <p>Labels: any two distinct values; the smaller is class 0, the larger class 1. scikit-learn's
 * {@code Perceptron(eta0=α, penalty=None, fit_intercept=True)} follows the same rule with labels ±1.
 *
 * @param learningRate α &gt; 0
 * @param epochs maximum number of passes (≥ 1)
 * @param seed seeds the visiting order
 */
public record Perceptron(double learningRate, int epochs, long seed) implements Trainer<PerceptronModel> {
  public Perceptron {
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("The 'learningRate' parameter of Perceptron must be > 0. Got " + learningRate
          + " instead.");
    }
    Layer.positive("epochs", "Perceptron", epochs);
  }

  @Override
  public PerceptronModel fit(Dataset data) {
    if (!data.hasTargets()) throw new IllegalArgumentException("Perceptron needs class labels y; the data set has none.");
    data.requireFinite();
    double[][] x = data.x().castTo(DataType.DOUBLE).toDoubleMatrix();
    double[] y = data.y().castTo(DataType.DOUBLE).reshape(data.nSamples()).toDoubleVector();
    TreeSet<Double> distinct = new TreeSet<>();
    for (double v : y) distinct.add(v);
    if (distinct.size() != 2) {
      throw new IllegalArgumentException("Perceptron separates two classes; y has " + distinct.size()
          + " distinct labels " + (distinct.size() <= 10 ? distinct.toString() : "") + ".");
    }
    double[] classes = {distinct.first(), distinct.last()};
    int n = x.length, d = x[0].length;
    double[] w = new double[d];
    double b = 0;
    List<Integer> mistakes = new ArrayList<>();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      int wrong = 0;
      for (int i : Partition.shuffled(n, TrainingRun.mix(seed, epoch))) {
        double z = b;
        for (int j = 0; j < d; j++) z += w[j] * x[i][j];
        int yHat = z > 0 ? 1 : 0, target = y[i] == classes[1] ? 1 : 0;
        if (yHat != target) {
          wrong++;
          double step = learningRate * (target - yHat);
          for (int j = 0; j < d; j++) w[j] += step * x[i][j];
          b += step;
        }
      }
      mistakes.add(wrong);
      if (wrong == 0) break;
    }
    return new PerceptronModel(w, b, classes, mistakes);
  }
}
