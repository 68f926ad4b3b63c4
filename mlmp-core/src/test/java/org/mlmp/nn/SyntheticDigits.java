package org.mlmp.nn;

import java.util.Random;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MNIST-shaped synthetic data built by the tests: 28×28 grey images in [0, 1] of 10 classes. Class c
 * draws a horizontal bar (2 px thick) at row 5 + 2c and a vertical bar at column 5 + 2·(3c mod 10); each
 * image is shifted by up to ±2 pixels in each direction and gets Gaussian noise (σ = 0.2), clipped.
 */
final class SyntheticDigits {
  private SyntheticDigits() {}

  static Dataset make(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * 784];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i % 10;
      y[i] = c;
      int dy = r.nextInt(5) - 2, dx = r.nextInt(5) - 2;
      int row = 5 + 2 * c + dy, col = 5 + 2 * ((3 * c) % 10) + dx;
      float[] img = new float[784];
      for (int k = 6; k < 22; k++) {
        for (int t = 0; t < 2; t++) {
          set(img, row + t, k + dx);
          set(img, k + dy, col + t);
        }
      }
      for (int p = 0; p < 784; p++) {
        x[i * 784 + p] = (float) Math.min(1, Math.max(0, img[p] + 0.2 * r.nextGaussian()));
      }
    }
    return Dataset.of(Nd4j.create(x, new long[] {n, 784}, 'c').castTo(DataType.FLOAT), Nd4j.createFromArray(y));
  }

  private static void set(float[] img, int r, int c) {
    if (r >= 0 && r < 28 && c >= 0 && c < 28) img[r * 28 + c] = 1;
  }
}
