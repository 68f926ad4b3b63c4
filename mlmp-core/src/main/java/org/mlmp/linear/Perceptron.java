package org.mlmp.linear;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.io.ModelFile;
import org.slf4j.LoggerFactory;

/**
 * Rosenblatt's perceptron with the course's conventions: labels t = ±1 (+1 for class A), f(x) = w·x + w0,
 * f(x) &gt; 0 ⇒ class A. Starting from w = 0, w0 = 0, each epoch visits the samples in a seeded random
 * order and, for every misclassified one (t_j f(x_j) ≤ 0), updates w ← w + α t_j x_j, w0 ← w0 + α t_j.
 * Because the weights start at 0, the learning rate α only rescales w and w0 and never changes a
 * prediction; it is fixed at 1. Stops after an epoch without mistakes (guaranteed for linearly
 * separable data, by Novikoff's theorem) or after {@code maxEpochs} (the data are then probably not
 * separable; the last weights are kept and a warning is logged). K &gt; 2 classes: one-vs-rest.
 *
 * <p>scikit-learn: {@code Perceptron(penalty=None, eta0=1, shuffle=True, tol=None)} (its epoch order
 * differs, so the weights do too). Reference: F. Rosenblatt, Psychol. Rev. 65 (1958) 386;
 * Bishop, PRML §4.1.7.
 *
 * @param maxEpochs the most passes over the data, ≥ 1 (default 1000)
 * @param seed seeds the order of the samples in each epoch
 * @param fitIntercept fit w0 (default true)
 * @param standardize standardise the columns first
 */
public record Perceptron(int maxEpochs, long seed, boolean fitIntercept, boolean standardize)
    implements Trainer<LinearClassifierModel> {
  public Perceptron {
    if (maxEpochs < 1) {
      throw new IllegalArgumentException("The 'maxEpochs' parameter of Perceptron must be >= 1. Got " + maxEpochs
          + " instead.");
    }
  }

  /** 1000 epochs at most, with intercept, raw columns. */
  public static Perceptron of(long seed) {
    return new Perceptron(1000, seed, true, false);
  }

  @Override
  public LinearClassifierModel fit(Dataset data) {
    double[] y = Labels.y(data, "Perceptron");
    double[] classes = Labels.classes(y, "Perceptron");
    double[] pos = Labels.positives(classes);
    double[][] w = new double[pos.length][];
    double[] b = new double[pos.length];
    Design des = Design.ofRows(data, y, fitIntercept, standardize, Precision.DOUBLE);
    int maxUsed = 0;
    for (int k = 0; k < pos.length; k++) {
      double[] t = Labels.signs(y, pos[k]);
      double[] wk = new double[des.d];
      double[] bk = {0};
      int epochs = train(des, t, wk, bk, new Random(seed + k));
      maxUsed = Math.max(maxUsed, epochs);
      w[k] = des.rawCoef(wk);
      b[k] = des.rawIntercept(w[k]) + bk[0];
    }
    ObjectNode c = ModelFile.newConfig();
    c.put("trainer", "Perceptron");
    c.put("maxEpochs", maxEpochs);
    c.put("fitIntercept", fitIntercept);
    c.put("standardize", standardize);
    c.put("epochs", maxUsed);
    return new LinearClassifierModel("linear.perceptron", c, classes, w, b, des.standardization(), seed);
  }

  /** Returns the epochs used. */
  private int train(Design des, double[] t, double[] w, double[] b, Random rng) {
    int n = des.n, d = des.d;
    double[] z = des.z();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int epoch = 1; epoch <= maxEpochs; epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      int mistakes = 0;
      for (int r = 0; r < n; r++) {
        int i = order[r], o = i * d;
        double f = b[0];
        for (int j = 0; j < d; j++) f += w[j] * z[o + j];
        if (t[i] * f <= 0) {
          mistakes++;
          for (int j = 0; j < d; j++) w[j] += t[i] * z[o + j];
          if (fitIntercept) b[0] += t[i];
        }
      }
      if (mistakes == 0) return epoch;
    }
    LoggerFactory.getLogger(Perceptron.class).warn("Perceptron made mistakes in every one of maxEpochs = {} epochs;"
        + " the classes are probably not linearly separable. Keeping the last weights.", maxEpochs);
    return maxEpochs;
  }
}
