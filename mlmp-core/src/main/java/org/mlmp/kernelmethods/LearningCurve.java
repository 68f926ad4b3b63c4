package org.mlmp.kernelmethods;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mlmp.api.Regressor;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A learning curve: test error against training-set size N, for nested training subsets (the first N
 * rows of one seeded shuffle of the training set), with a fixed test set. For kernel ridge regression
 * of a smooth function the test error falls as a power law, error ∝ N^slope; {@link #slope()} is the
 * least-squares slope on log-log axes. The command line draws it ({@code org.mlmp.cli.plots.LearningCurvePlot}).
 *
 * <p>Reference: scikit-learn {@code sklearn.model_selection.learning_curve}; for molecular ML, F. A.
 * Faber et al., J. Chem. Theory Comput. 13, 5255 (2017).
 *
 * @param points one row per training-set size, in increasing N
 */
public record LearningCurve(List<Point> points) {
  /**
   * Copies the points into an unmodifiable list.
   *
   * @param points one row per training-set size, in increasing N
   */
  public LearningCurve {
    points = List.copyOf(points);
  }

  /**
   * One training-set size and its errors.
   *
   * @param nTrain training-set size
   * @param trainMae mean absolute error on the training subset
   * @param testMae mean absolute error on the test set
   * @param testRmse root mean squared error on the test set
   */
  public record Point(int nTrain, double trainMae, double testMae, double testRmse) {}

  /**
   * Fits {@code trainer} on nested subsets of {@code train} and scores each fit on {@code test}.
   *
   * @param trainer the regressor's configuration
   * @param train the rows to take the nested subsets from (shuffled once by {@code seed})
   * @param test the rows every fit is scored on
   * @param sizes training-set sizes, each in [1, train.nSamples()]
   * @param seed seeds the order of the training rows
   * @return one point per size, in the order given
   * @throws IllegalArgumentException when no size is given, a size is outside [1, train.nSamples()], or the test
   *     set has another number of features
   */
  public static LearningCurve of(Trainer<? extends Regressor> trainer, Dataset train, Dataset test, int[] sizes,
      long seed) {
    if (sizes == null || sizes.length == 0) throw new IllegalArgumentException("LearningCurve: give at least one size.");
    int[] sorted = sizes.clone();
    Arrays.sort(sorted);
    if (sorted[0] < 1 || sorted[sorted.length - 1] > train.nSamples()) {
      throw new IllegalArgumentException("LearningCurve: sizes must be in [1, " + train.nSamples()
          + "] (the training-set size). Got " + Arrays.toString(sizes) + " instead.");
    }
    if (test.nFeatures() != train.nFeatures()) {
      throw new IllegalArgumentException("LearningCurve: the test set has " + test.nFeatures()
          + " features but the training set has " + train.nFeatures() + ".");
    }
    int[] order = Partition.shuffled(train.nSamples(), seed);
    List<Point> pts = new ArrayList<>();
    INDArray xte = test.x(), yte = test.y();
    for (int n : sorted) {
      Dataset sub = train.rows(Arrays.copyOf(order, n));
      Regressor m = trainer.fit(sub);
      double trainMae = mae(m.predict(sub.x()), sub.y());
      INDArray p = m.predict(xte);
      pts.add(new Point(n, trainMae, mae(p, yte), Math.sqrt(org.mlmp.api.Metrics.mse(p, yte))));
    }
    return new LearningCurve(pts);
  }

  /**
   * Least-squares slope of log(test MAE) against log(N): the learning-curve exponent.
   *
   * @return the slope (negative when more data helps)
   */
  public double slope() {
    int k = points.size();
    if (k < 2) return Double.NaN;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (Point p : points) {
      double x = Math.log(p.nTrain()), y = Math.log(p.testMae());
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    return (k * sxy - sx * sy) / (k * sxx - sx * sx);
  }

  /**
   * A plain-text table of the curve.
   *
   * @return one line per point (N, train MAE, test MAE, test RMSE), then the log-log slope
   */
  public String toTable() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%8s %14s %14s %14s%n", "N", "train MAE",
        "test MAE", "test RMSE"));
    for (Point p : points) {
      sb.append(String.format(Locale.ROOT, "%8d %14.6g %14.6g %14.6g%n", p.nTrain(), p.trainMae(), p.testMae(),
          p.testRmse()));
    }
    sb.append(String.format(Locale.ROOT, "log-log slope of test MAE vs N: %.3f%n", slope()));
    return sb.toString();
  }

  static double mae(INDArray predicted, INDArray y) {
    double[] p = predicted.castTo(DataType.DOUBLE).reshape(predicted.length()).toDoubleVector();
    double[] t = y.castTo(DataType.DOUBLE).reshape(y.length()).toDoubleVector();
    if (p.length != t.length) {
      throw new IllegalArgumentException("mae: " + p.length + " predictions but " + t.length + " targets.");
    }
    double s = 0;
    for (int i = 0; i < p.length; i++) s += Math.abs(p[i] - t[i]);
    return s / p.length;
  }
}
