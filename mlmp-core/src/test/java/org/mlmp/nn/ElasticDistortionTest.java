package org.mlmp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ElasticDistortionTest {
  private static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) Math.sin(i * 0.7) + i * 0.01f;
    return v;
  }

  @Test
  void alphaZeroIsTheIdentity() {
    float[] batch = ramp(3 * 2 * 28 * 28), copy = batch.clone();
    ElasticDistortion.of(0, 4).apply(batch, 3, 2, 28, 28, 42);
    assertArrayEquals(copy, batch);
  }

  @Test
  void aConstantImageStaysConstantAndDistortionsComeFromTheSeed() {
    ElasticDistortion e = ElasticDistortion.simard();
    float[] flat = new float[2 * 28 * 28];
    Arrays.fill(flat, 0.25f);
    e.apply(flat, 2, 1, 28, 28, 3);
    for (float v : flat) assertEquals(0.25f, v, 1e-7f);
    float[] b1 = ramp(4 * 28 * 28), b2 = b1.clone(), b3 = b1.clone();
    e.apply(b1, 4, 1, 28, 28, 7);
    e.apply(b2, 4, 1, 28, 28, 7);
    e.apply(b3, 4, 1, 28, 28, 8);
    assertArrayEquals(b1, b2);
    assertFalse(Arrays.equals(b1, b3));
    assertFalse(Arrays.equals(b1, ramp(4 * 28 * 28)));
  }

  @Test
  void kernelIsANormalisedGaussianTruncatedAtFourSigma() {
    double[] k = ElasticDistortion.kernel(2);
    assertEquals(17, k.length);
    assertEquals(1.0, Arrays.stream(k).sum(), 1e-15);
    assertEquals(Math.exp(-0.5), k[8 + 2] / k[8], 1e-15);     // one σ from the centre
  }

  /**
   * Away from the border the field is α·(k ⊗ k) * u with u uniform in [−1, 1] (variance 1/3), so each
   * component has mean 0 and standard deviation α·√(1/3)·Σ_i k_i² (the 2D kernel's Σ k² is (Σ_i k_i²)²).
   * Measured over 200×200 fields (pixels ≥ 4σ from the border), the mean is within 4 standard errors of 0
   * (the smoothing correlates pixels: effective sample size ~ area / (4πσ²)) and the standard deviation
   * within 10 % of the formula.
   */
  @ParameterizedTest(name = "alpha {0}, sigma {1}")
  @CsvSource({"34, 4", "1, 1.5", "8, 3"})
  void displacementStatisticsFollowFromAlphaAndSigma(double alpha, double sigma) {
    int h = 200, w = 200, margin = (int) Math.ceil(4 * sigma);
    double[] k = ElasticDistortion.kernel(sigma);
    double sk2 = Arrays.stream(k).map(v -> v * v).sum();
    double expectedSd = alpha * Math.sqrt(1.0 / 3) * sk2;
    double[][] d = ElasticDistortion.displacementField(h, w, alpha, k, new SplittableRandom(11));
    for (double[] comp : d) {
      double s = 0, s2 = 0;
      int n = 0;
      for (int y = margin; y < h - margin; y++) {
        for (int x = margin; x < w - margin; x++) {
          double v = comp[y * w + x];
          s += v;
          s2 += v * v;
          n++;
        }
      }
      double mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
      double effective = n / (4 * Math.PI * sigma * sigma);
      assertTrue(Math.abs(mean) < 4 * expectedSd / Math.sqrt(effective), "mean " + mean + ", sd " + expectedSd);
      assertEquals(expectedSd, sd, 0.1 * expectedSd);
    }
  }

  @Test
  void badParametersAreNamed() {
    assertEquals("The 'alpha' parameter of ElasticDistortion must be >= 0. Got -1.0 instead.",
        assertThrows(IllegalArgumentException.class, () -> ElasticDistortion.of(-1, 4)).getMessage());
    assertEquals("The 'sigma' parameter of ElasticDistortion must be > 0. Got 0.0 instead.",
        assertThrows(IllegalArgumentException.class, () -> ElasticDistortion.of(34, 0)).getMessage());
  }
}
