package org.mlmp.testing;

import java.util.Random;
import org.mlmp.api.Dataset;

/** A small classification set for network tests: three Gaussian blobs in 4 dimensions. */
public final class GaussianBlobs {
  private GaussianBlobs() {}

  /**
   * Row i has label i mod 3 and features N(0, 1) each, plus 3 on feature (i mod 3).
   *
   * @param n the number of rows
   * @param seed seeds the noise
   * @return {@code x: [n, 4]}, {@code y: [n]} with labels 0, 1, 2
   */
  public static Dataset of(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][4];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int j = 0; j < 4; j++) x[i][j] = r.nextGaussian() + (j == i % 3 ? 3 : 0);
    }
    return Dataset.of(x, y);
  }
}
