package org.mlmp.api;

import java.util.Arrays;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Scores shared by every family, computed in double precision. */
public final class Metrics {
  private Metrics() {}

  /**
   * Mean squared error (1/N) Σ (ŷ − y)², averaged over targets (scikit-learn's {@code mean_squared_error}).
   *
   * @param predicted the predictions ŷ, any shape
   * @param y the targets, as many entries as {@code predicted}
   * @return the MSE over all entries
   * @throws IllegalArgumentException when the entry counts differ
   */
  public static double mse(INDArray predicted, INDArray y) {
    double[] p = Matrices.flat(predicted), t = Matrices.flat(y);
    sameLength(p, t, "mse");
    double s = 0;
    for (int i = 0; i < p.length; i++) s += (p[i] - t[i]) * (p[i] - t[i]);
    return s / p.length;
  }

  /**
   * The coefficient of determination R² = 1 − SS_res/SS_tot for one target; for several targets, the mean
   * over targets (scikit-learn's {@code r2_score}).
   *
   * @param predicted the predictions {@code [n]} or {@code [n, K]}
   * @param y the targets, same shape
   * @return R² (1 is perfect; below 0 is worse than predicting the mean)
   * @throws IllegalArgumentException when the shapes differ
   */
  public static double r2(INDArray predicted, INDArray y) {
    INDArray p2 = predicted.rank() == 1 ? predicted.reshape(predicted.length(), 1) : predicted;
    INDArray y2 = y.rank() == 1 ? y.reshape(y.length(), 1) : y;
    if (!java.util.Arrays.equals(p2.shape(), y2.shape())) {
      throw new IllegalArgumentException("r2: predictions have shape " + java.util.Arrays.toString(predicted.shape())
          + " but y has shape " + java.util.Arrays.toString(y.shape()) + ".");
    }
    double[][] p = p2.castTo(DataType.DOUBLE).toDoubleMatrix(), t = y2.castTo(DataType.DOUBLE).toDoubleMatrix();
    int n = t.length, k = t[0].length;
    double total = 0;
    for (int j = 0; j < k; j++) {
      double mean = 0;
      for (double[] row : t) mean += row[j];
      mean /= n;
      double res = 0, tot = 0;
      for (int i = 0; i < n; i++) {
        res += (t[i][j] - p[i][j]) * (t[i][j] - p[i][j]);
        tot += (t[i][j] - mean) * (t[i][j] - mean);
      }
      total += 1 - res / tot;
    }
    return total / k;
  }

  /**
   * Fraction of equal labels (scikit-learn's {@code accuracy_score}).
   *
   * @param predicted the predicted labels {@code [n]}
   * @param y the true labels {@code [n]}
   * @return the accuracy in [0, 1]
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double accuracy(INDArray predicted, INDArray y) {
    double[] p = Matrices.flat(predicted), t = Matrices.flat(y);
    sameLength(p, t, "accuracy");
    int ok = 0;
    for (int i = 0; i < p.length; i++) if (p[i] == t[i]) ok++;
    return (double) ok / p.length;
  }

  /**
   * Mean absolute error (1/N) Σ |ŷ − y| over all entries (scikit-learn's {@code mean_absolute_error}).
   *
   * @param predicted the predictions ŷ, any shape
   * @param y the targets, as many entries as {@code predicted}
   * @return the MAE
   * @throws IllegalArgumentException when the entry counts differ
   */
  public static double mae(INDArray predicted, INDArray y) {
    double[] p = Matrices.flat(predicted), t = Matrices.flat(y);
    sameLength(p, t, "mae");
    double s = 0;
    for (int i = 0; i < p.length; i++) s += Math.abs(p[i] - t[i]);
    return s / p.length;
  }

  /**
   * Root mean squared error √mse (scikit-learn's {@code mean_squared_error(squared=False)}).
   *
   * @param predicted the predictions ŷ, any shape
   * @param y the targets, as many entries as {@code predicted}
   * @return the RMSE, in the units of y
   * @throws IllegalArgumentException when the entry counts differ
   */
  public static double rmse(INDArray predicted, INDArray y) {
    return Math.sqrt(mse(predicted, y));
  }

  /**
   * The confusion matrix of labels {@code [n]}, over the sorted union of the labels in y and in the
   * predictions (scikit-learn's {@code confusion_matrix(y, predicted)}: rows true, columns predicted).
   *
   * @param predicted the predicted labels {@code [n]}
   * @param y the true labels {@code [n]}
   * @return the confusion matrix
   * @throws IllegalArgumentException when the lengths differ
   */
  public static ConfusionMatrix confusionMatrix(INDArray predicted, INDArray y) {
    double[] p = Matrices.flat(predicted), t = Matrices.flat(y);
    sameLength(p, t, "confusionMatrix");
    TreeSet<Double> classes = new TreeSet<>();
    for (double v : t) classes.add(v);
    for (double v : p) classes.add(v);
    return ConfusionMatrix.of(classes.stream().mapToDouble(Double::doubleValue).toArray(), t, p);
  }

  /**
   * Precision per class, in the order of {@code confusionMatrix(predicted, y).classes()} (scikit-learn's
   * {@code precision_score(y, predicted, average=None, zero_division=0)}).
   *
   * @param predicted the predicted labels {@code [n]}
   * @param y the true labels {@code [n]}
   * @return one precision per class, in [0, 1]
   */
  public static double[] precision(INDArray predicted, INDArray y) {
    ConfusionMatrix m = confusionMatrix(predicted, y);
    double[] out = new double[m.classes().length];
    for (int k = 0; k < out.length; k++) out[k] = m.precision(k);
    return out;
  }

  /**
   * Recall per class, in the order of {@code confusionMatrix(predicted, y).classes()} (scikit-learn's
   * {@code recall_score(y, predicted, average=None, zero_division=0)}).
   *
   * @param predicted the predicted labels {@code [n]}
   * @param y the true labels {@code [n]}
   * @return one recall per class, in [0, 1]
   */
  public static double[] recall(INDArray predicted, INDArray y) {
    ConfusionMatrix m = confusionMatrix(predicted, y);
    double[] out = new double[m.classes().length];
    for (int k = 0; k < out.length; k++) {
      long actual = 0;
      for (long c : m.counts()[k]) actual += c;
      out[k] = actual == 0 ? 0 : m.recall(k);
    }
    return out;
  }

  /**
   * F1 = 2PR/(P + R) per class, in the order of {@code confusionMatrix(predicted, y).classes()}
   * (scikit-learn's {@code f1_score(y, predicted, average=None, zero_division=0)}).
   *
   * @param predicted the predicted labels {@code [n]}
   * @param y the true labels {@code [n]}
   * @return one F1 per class, in [0, 1]
   */
  public static double[] f1(INDArray predicted, INDArray y) {
    ConfusionMatrix m = confusionMatrix(predicted, y);
    double[] out = new double[m.classes().length];
    for (int k = 0; k < out.length; k++) out[k] = m.f1(k);
    return out;
  }

  /**
   * The cross-entropy (log-loss) −(1/N) Σ_i log p_i(y_i) of predicted class probabilities (scikit-learn
   * 1.2's {@code log_loss(y, probabilities, labels=classes)}: probabilities clipped to [ε, 1 − ε],
   * ε = 2.22e-16, and each row renormalised).
   *
   * @param probabilities {@code [n, K]}, column k the probability of {@code classes[k]}; for two classes
   *     also {@code [n]} or {@code [n, 1]}: the probability of {@code classes[1]}
   * @param y the true labels {@code [n]}, each one of {@code classes}
   * @param classes the labels in column order, e.g. a model's {@code classes()}
   * @return the mean log-loss in nats (≥ 0)
   * @throws IllegalArgumentException when the probabilities' shape does not fit y and the classes, or a label is
   *     not one of the classes (its row named)
   */
  public static double logLoss(INDArray probabilities, INDArray y, double[] classes) {
    double[] t = Matrices.flat(y), p = Matrices.flat(probabilities);
    int n = t.length, k = classes.length;
    boolean positiveOnly = k == 2 && p.length == n;
    if (!positiveOnly && p.length != (long) n * k) {
      throw new IllegalArgumentException("logLoss: probabilities have shape " + Arrays.toString(probabilities.shape())
          + " but y has " + n + " labels and there are " + k + " classes; expected [" + n + ", " + k + "]"
          + (k == 2 ? " or [" + n + "]" : "") + ".");
    }
    double eps = Math.ulp(1.0); // numpy's finfo(float64).eps, scikit-learn 1.2's eps="auto"
    double sum = 0;
    double[] row = new double[k];
    for (int i = 0; i < n; i++) {
      int c = -1;
      for (int j = 0; j < k; j++) if (classes[j] == t[i]) c = j;
      if (c < 0) {
        throw new IllegalArgumentException("logLoss: the label " + t[i] + " in row " + i + " is not one of the classes "
            + Arrays.toString(classes) + ".");
      }
      if (positiveOnly) {
        row[1] = p[i];
        row[0] = 1 - p[i];
      } else {
        System.arraycopy(p, i * k, row, 0, k);
      }
      double total = 0;
      for (int j = 0; j < k; j++) total += row[j] = Math.min(1 - eps, Math.max(eps, row[j]));
      sum -= Math.log(row[c] / total);
    }
    return sum / n;
  }

  private static void sameLength(double[] p, double[] t, String what) {
    if (p.length != t.length) {
      throw new IllegalArgumentException(what + ": " + p.length + " predictions but " + t.length + " targets.");
    }
  }
}
