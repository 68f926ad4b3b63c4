package org.mlmp.linear;

import org.mlmp.api.ClassLabels;
import org.mlmp.api.Precision;
import java.util.Objects;
import java.util.Random;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;
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
 * @param precision of the rows, the weights and f(x) during training (default DOUBLE; FLOAT: half the
 *     memory, f(x) and the updates in single precision — identical to DOUBLE while all the sums are
 *     exact in float, e.g. small integer features)
 * @param allowManyClasses accept labels a classifier would otherwise refuse as a likely real-valued
 *     target: non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} distinct ones
 *     (default false; see {@link org.mlmp.api.ClassLabels})
 */
public record Perceptron(int maxEpochs, long seed, boolean fitIntercept, boolean standardize, Precision precision,
    boolean allowManyClasses)
    implements Trainer<LinearClassifierModel> {
  /**
   * Validates the components.
   *
   * @param maxEpochs the most passes over the data, ≥ 1 (default 1000)
   * @param seed seeds the order of the samples in each epoch
   * @param fitIntercept fit w0 (default true)
   * @param standardize standardise the columns first
   * @param precision of the rows, the weights and f(x) during training (default DOUBLE; FLOAT: half the
   *     memory, f(x) and the updates in single precision — identical to DOUBLE while all the sums are
   *     exact in float, e.g. small integer features)
   * @param allowManyClasses accept labels a classifier would otherwise refuse as a likely real-valued
   *     target: non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} distinct ones
   *     (default false; see {@link org.mlmp.api.ClassLabels})
   * @throws IllegalArgumentException when {@code maxEpochs < 1}
   * @throws NullPointerException when {@code precision} is null
   */
  public Perceptron {
    if (maxEpochs < 1) {
      throw new IllegalArgumentException("The 'maxEpochs' parameter of Perceptron must be >= 1. Got " + maxEpochs
          + " instead.");
    }
    Objects.requireNonNull(precision, "The 'precision' parameter of Perceptron must not be null; use DOUBLE.");
  }

  /**
   * 1000 epochs at most, with intercept, raw columns, double precision.
   *
   * @param seed seeds the order of the samples in each epoch
   * @return the configuration
   */
  public static Perceptron of(long seed) {
    return new Perceptron(1000, seed, true, false, Precision.DOUBLE, false);
  }

  /**
   * A copy with another training precision.
   *
   * @param p DOUBLE or FLOAT
   * @return the copy
   * @throws NullPointerException when {@code p} is null
   */
  public Perceptron withPrecision(Precision p) {
    return new Perceptron(maxEpochs, seed, fitIntercept, standardize, p, allowManyClasses);
  }

  /**
   * This configuration with {@code allowManyClasses} set (see {@link org.mlmp.api.ClassLabels}).
   *
   * @param allow accept non-integer labels or more than {@value org.mlmp.api.ClassLabels#MAX_CLASSES} classes
   * @return the copy
   */
  public Perceptron withAllowManyClasses(boolean allow) {
    return new Perceptron(maxEpochs, seed, fitIntercept, standardize, precision, allow);
  }

  @Override
  public LinearClassifierModel fit(Dataset data) {
    double[] y = Labels.y(data, "Perceptron");
    double[] classes = Labels.classes(y, "Perceptron", allowManyClasses);
    double[] pos = Labels.positives(classes);
    double[][] w = new double[pos.length][];
    double[] b = new double[pos.length];
    Design des = Design.ofRows(data, y, fitIntercept, standardize, precision);
    int maxUsed = 0;
    for (int k = 0; k < pos.length; k++) {
      double[] t = Labels.signs(y, pos[k]);
      double[] wk = new double[des.d];
      double[] bk = {0};
      int epochs = precision == Precision.FLOAT ? trainFloat(des, t, wk, bk, new Random(seed + k))
          : train(des, t, wk, bk, new Random(seed + k));
      maxUsed = Math.max(maxUsed, epochs);
      w[k] = des.rawCoef(wk);
      b[k] = des.rawIntercept(w[k]) + bk[0];
    }
    return new LinearClassifierModel("linear.perceptron", this, LinearFiles.facts("epochs", maxUsed), ClassLabels.forClasses(classes, data), w, b, des.standardization(), seed);
  }

  /** A new seeded random order of the rows (Fisher–Yates, the same sequence in both precisions). */
  private static void shuffle(int[] order, Random rng) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
  }

  /** Returns the epochs used. */
  private int train(Design des, double[] t, double[] w, double[] b, Random rng) {
    int n = des.n, d = des.d;
    double[] z = des.z();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int epoch = 1; epoch <= maxEpochs; epoch++) {
      shuffle(order, rng);
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
    return notSeparated();
  }

  /** {@link #train} in single precision: float rows, weights and f(x); the weights are returned in double. */
  private int trainFloat(Design des, double[] t, double[] wOut, double[] bOut, Random rng) {
    int n = des.n, d = des.d;
    float[] z = des.zFloat();
    float[] w = new float[d];
    float b = 0;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    int used = 0;
    for (int epoch = 1; epoch <= maxEpochs && used == 0; epoch++) {
      shuffle(order, rng);
      int mistakes = 0;
      for (int r = 0; r < n; r++) {
        int i = order[r], o = i * d;
        float f = b;
        for (int j = 0; j < d; j++) f += w[j] * z[o + j];
        float ti = (float) t[i];
        if (ti * f <= 0) {
          mistakes++;
          for (int j = 0; j < d; j++) w[j] += ti * z[o + j];
          if (fitIntercept) b += ti;
        }
      }
      if (mistakes == 0) used = epoch;
    }
    for (int j = 0; j < d; j++) wOut[j] = w[j];
    bOut[0] = b;
    return used > 0 ? used : notSeparated();
  }

  private int notSeparated() {
    LoggerFactory.getLogger(Perceptron.class).warn("Perceptron made mistakes in every one of maxEpochs = {} epochs;"
        + " the classes are probably not linearly separable. Keeping the last weights.", maxEpochs);
    return maxEpochs;
  }

  /**
   * This configuration with another epoch limit.
   *
   * @param m the most passes over the data, ≥ 1
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public Perceptron withMaxEpochs(int m) {
    return new Perceptron(m, seed, fitIntercept, standardize, precision, allowManyClasses);
  }

  /**
   * This configuration with another seed.
   *
   * @param s seeds the order of the samples in each epoch
   * @return a copy with the new value
   */
  public Perceptron withSeed(long s) {
    return new Perceptron(maxEpochs, s, fitIntercept, standardize, precision, allowManyClasses);
  }

  /**
   * This configuration with {@code fitIntercept} set.
   *
   * @param f fit w0
   * @return a copy with the new value
   */
  public Perceptron withFitIntercept(boolean f) {
    return new Perceptron(maxEpochs, seed, f, standardize, precision, allowManyClasses);
  }

  /**
   * This configuration with {@code standardize} set.
   *
   * @param s standardise the columns first
   * @return a copy with the new value
   */
  public Perceptron withStandardize(boolean s) {
    return new Perceptron(maxEpochs, seed, fitIntercept, s, precision, allowManyClasses);
  }
}
