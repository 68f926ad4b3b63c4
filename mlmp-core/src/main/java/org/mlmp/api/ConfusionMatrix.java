package org.mlmp.api;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A confusion matrix: {@code counts[i][j]} is the number of samples of true class {@code classes[i]}
 * predicted as {@code classes[j]}; the diagonal holds the correct predictions. Accuracy = trace / n,
 * error rate = 1 − accuracy. scikit-learn: {@code sklearn.metrics.confusion_matrix(y_true, y_pred)}
 * (same orientation: rows are true classes, columns predicted ones). Immutable; arrays handed out are copies.
 */
public final class ConfusionMatrix {
  private final double[] classes;
  private final long[][] counts;

  private ConfusionMatrix(double[] classes, long[][] counts) {
    this.classes = classes;
    this.counts = counts;
  }

  /**
   * Counts the pairs (truth[i], predicted[i]), both {@code [n]} labels drawn from {@code classes}.
   *
   * @param classes the class labels, in the order of the rows and columns
   * @param truth the true labels {@code [n]}
   * @param predicted the predicted labels {@code [n]}
   * @return the counts
   * @throws IllegalArgumentException if the lengths differ or a label is not one of {@code classes}
   */
  public static ConfusionMatrix of(double[] classes, INDArray truth, INDArray predicted) {
    return of(classes, truth.toDoubleVector(), predicted.toDoubleVector());
  }

  /**
   * As {@link #of(double[], INDArray, INDArray)} with plain arrays.
   *
   * @param classes the class labels, in the order of the rows and columns
   * @param truth the true labels
   * @param predicted the predicted labels, as many as {@code truth}
   * @return the counts
   * @throws IllegalArgumentException if the lengths differ or a label is not one of {@code classes} (its
   *     row named)
   */
  public static ConfusionMatrix of(double[] classes, double[] truth, double[] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("ConfusionMatrix needs as many predictions as true labels; got "
          + truth.length + " true labels and " + predicted.length + " predictions.");
    }
    double[] c = classes.clone();
    long[][] m = new long[c.length][c.length];
    for (int i = 0; i < truth.length; i++) {
      m[index(c, truth[i], "true label", i)][index(c, predicted[i], "predicted label", i)]++;
    }
    return new ConfusionMatrix(c, m);
  }

  private static int index(double[] classes, double label, String what, int row) {
    for (int k = 0; k < classes.length; k++) if (classes[k] == label) return k;
    throw new IllegalArgumentException("The " + what + " " + label + " in row " + row + " is not one of the classes "
        + Arrays.toString(classes) + ".");
  }

  /**
   * The class labels, in the order of the rows and columns.
   *
   * @return a copy
   */
  public double[] classes() {
    return classes.clone();
  }

  /**
   * The counts.
   *
   * @return a copy, {@code [K][K]}, rows = true class, columns = predicted class
   */
  public long[][] counts() {
    long[][] c = new long[counts.length][];
    for (int i = 0; i < c.length; i++) c[i] = counts[i].clone();
    return c;
  }

  /**
   * One count.
   *
   * @param trueIndex the index of the true class in {@link #classes()}
   * @param predictedIndex the index of the predicted class in {@link #classes()}
   * @return the number of samples of that true class predicted as that class
   */
  public long count(int trueIndex, int predictedIndex) {
    return counts[trueIndex][predictedIndex];
  }

  /**
   * The number of samples counted.
   *
   * @return n, the sum of all counts
   */
  public long total() {
    long n = 0;
    for (long[] r : counts) for (long v : r) n += v;
    return n;
  }

  /**
   * The number of correct predictions.
   *
   * @return the trace of the matrix
   */
  public long correct() {
    long n = 0;
    for (int i = 0; i < counts.length; i++) n += counts[i][i];
    return n;
  }

  /**
   * The fraction of correct predictions.
   *
   * @return trace / n (NaN for an empty matrix)
   */
  public double accuracy() {
    return (double) correct() / total();
  }

  /**
   * The fraction of misclassified samples.
   *
   * @return 1 − accuracy (NaN for an empty matrix)
   */
  public double errorRate() {
    return (double) (total() - correct()) / total();
  }

  /**
   * Recall of class index k: the fraction of the samples of class k predicted as class k.
   *
   * @param k the class index in {@link #classes()}
   * @return counts[k][k] / (row k's sum); NaN when the class never occurs
   */
  public double recall(int k) {
    return (double) counts[k][k] / Arrays.stream(counts[k]).sum();
  }

  /**
   * Precision of class index k: counts[k][k] / (column k's sum), the fraction of the samples predicted as
   * class k that are class k; 0 when none is (scikit-learn's {@code zero_division=0}).
   *
   * @param k the class index in {@link #classes()}
   * @return the precision in [0, 1]
   */
  public double precision(int k) {
    long predicted = 0;
    for (long[] row : counts) predicted += row[k];
    return predicted == 0 ? 0 : (double) counts[k][k] / predicted;
  }

  /**
   * F1 of class index k: the harmonic mean 2PR / (P + R) of precision and recall; 0 when both are 0.
   *
   * @param k the class index in {@link #classes()}
   * @return F1 in [0, 1]
   */
  public double f1(int k) {
    long predicted = 0, actual = Arrays.stream(counts[k]).sum();
    for (long[] row : counts) predicted += row[k];
    // 2 TP / (2 TP + FP + FN), equal to 2PR/(P + R) and defined (0) when the class never occurs nor is predicted
    long denominator = predicted + actual;
    return denominator == 0 ? 0 : 2.0 * counts[k][k] / denominator;
  }

  /** A text table: rows = true class, columns = predicted class. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%10s", "true\\pred"));
    for (double c : classes) b.append(String.format(Locale.ROOT, " %6s", label(c)));
    b.append('\n');
    for (int i = 0; i < classes.length; i++) {
      b.append(String.format(Locale.ROOT, "%10s", label(classes[i])));
      for (long v : counts[i]) b.append(String.format(Locale.ROOT, " %6d", v));
      b.append('\n');
    }
    return b.toString();
  }

  private static String label(double c) {
    return c == Math.rint(c) ? Long.toString((long) c) : Double.toString(c);
  }
}
