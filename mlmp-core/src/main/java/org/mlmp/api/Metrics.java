package org.mlmp.api;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Scores shared by every family, computed in double precision. */
public final class Metrics {
  private Metrics() {}

  /** (1/N) Σ (ŷ − y)², averaged over targets. */
  public static double mse(INDArray predicted, INDArray y) {
    double[] p = Matrices.flat(predicted), t = Matrices.flat(y);
    sameLength(p, t, "mse");
    double s = 0;
    for (int i = 0; i < p.length; i++) s += (p[i] - t[i]) * (p[i] - t[i]);
    return s / p.length;
  }

  /** 1 − SS_res/SS_tot for one target; for several targets, the mean over targets. */
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

  /** Fraction of equal labels. */
  public static double accuracy(INDArray predicted, INDArray y) {
    double[] p = Matrices.flat(predicted), t = Matrices.flat(y);
    sameLength(p, t, "accuracy");
    int ok = 0;
    for (int i = 0; i < p.length; i++) if (p[i] == t[i]) ok++;
    return (double) ok / p.length;
  }



  private static void sameLength(double[] p, double[] t, String what) {
    if (p.length != t.length) {
      throw new IllegalArgumentException(what + ": " + p.length + " predictions but " + t.length + " targets.");
    }
  }
}
