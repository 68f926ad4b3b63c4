package org.mlmp.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.factory.Nd4j;

class SilhouetteTest {
  /** The previous plain-Java implementation (direct distance sums), kept as the reference. */
  static double[] plainJava(double[][] xs, int[] labels) {
    int n = xs.length, k = 0;
    for (int l : labels) k = Math.max(k, l + 1);
    int[] counts = new int[k];
    for (int l : labels) counts[l]++;
    double[] s = new double[n];
    double[] sums = new double[k];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(sums, 0);
      double[] d2 = Distances.squaredEuclidean(xs[i], xs);
      for (int j = 0; j < n; j++) if (j != i) sums[labels[j]] += Math.sqrt(d2[j]);
      int own = labels[i];
      if (counts[own] == 1) continue;
      double a = sums[own] / (counts[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) if (j != own && counts[j] > 0) b = Math.min(b, sums[j] / counts[j]);
      double m = Math.max(a, b);
      s[i] = m > 0 ? (b - a) / m : 0;
    }
    return s;
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "3, 0", "3, 37", "12, 64"})
  void theMatrixProductPathAgreesWithThePlainJavaOne(int d, int blockRows) {
    Random r = new Random(d * 31L + blockRows);
    int n = 400, k = 5;
    double[][] x = new double[n][d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 7 == 0 ? 4 : i % 4; // cluster 4 mixed in, cluster sizes differ
      for (int f = 0; f < d; f++) x[i][f] = 10 + 2 * (labels[i] == f % k ? 1 : 0) + r.nextGaussian();
    }
    labels[n - 1] = 5; // a singleton: s = 0
    double[] got = Silhouette.samples(Nd4j.createFromArray(x), labels, blockRows);
    assertArrayEquals(plainJava(x, labels), got, 1e-11);
    assertEquals(0.0, got[n - 1], 0.0);
  }
}
