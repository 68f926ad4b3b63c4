package org.mlmp.nn;

import java.util.SplittableRandom;

/**
 * Elastic distortions of training images (Simard, Steinkraus &amp; Platt, "Best practices for
 * convolutional neural networks applied to visual document analysis", ICDAR 2003, §2): for every image a
 * random displacement field is drawn, Δx(i, j) and Δy(i, j) uniform in [−1, 1] independently per pixel,
 * each smoothed by a Gaussian of standard deviation {@code sigma} pixels (normalised kernel, truncated at
 * 4σ, zero outside the image) and scaled by {@code alpha}; the new image is
 * {@code out(x, y) = in(x + Δx(x, y), y + Δy(x, y))} with bilinear interpolation, coordinates outside the
 * image clamped to the nearest edge pixel (the background). Small σ gives an almost random field, large σ
 * an almost rigid shift; Simard et al. used σ = 4, α = 34 on MNIST. α = 0 leaves images unchanged.
 *
 * <p>The same as the common numpy recipe {@code dx = alpha * scipy.ndimage.gaussian_filter(
 * rng.uniform(-1, 1, (h, w)), sigma, mode="constant", truncate=4)} (and dy likewise), then
 * {@code map_coordinates(image, (y + dy, x + dx), order=1, mode="nearest")}. torchvision:
 * {@code ElasticTransform(alpha, sigma)} (which fills outside with a constant).
 *
 * @param alpha scale of the displacements in pixels (≥ 0)
 * @param sigma smoothing width in pixels (&gt; 0)
 */
public record ElasticDistortion(double alpha, double sigma) implements Augmentation {
  /**
   * Validates the components.
   *
   * @param alpha scale of the displacements in pixels (≥ 0)
   * @param sigma smoothing width in pixels (&gt; 0)
   * @throws IllegalArgumentException when {@code alpha} is negative or {@code sigma} not positive (or either
   *     is not finite)
   */
  public ElasticDistortion {
    if (!(alpha >= 0 && Double.isFinite(alpha))) {
      throw new IllegalArgumentException("The 'alpha' parameter of ElasticDistortion must be >= 0. Got " + alpha
          + " instead.");
    }
    if (!(sigma > 0 && Double.isFinite(sigma))) {
      throw new IllegalArgumentException("The 'sigma' parameter of ElasticDistortion must be > 0. Got " + sigma
          + " instead.");
    }
  }

  /**
   * Simard et al.'s MNIST setting: α = 34, σ = 4.
   *
   * @return {@code new ElasticDistortion(34, 4)}
   */
  public static ElasticDistortion simard() {
    return new ElasticDistortion(34, 4);
  }

  @Override
  public void apply(float[] batch, int rows, int channels, int h, int w, long seed) {
    if (alpha == 0) return;
    SplittableRandom rng = new SplittableRandom(seed);
    int plane = h * w;
    double[] kernel = kernel(sigma);
    float[] out = new float[plane];
    for (int r = 0; r < rows; r++) {
      double[][] d = displacementField(h, w, alpha, kernel, rng);
      for (int c = 0; c < channels; c++) {
        int off = (r * channels + c) * plane;
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int i = y * w + x;
            out[i] = AffineAugmentation.bilinear(batch, off, h, w, x + d[0][i], y + d[1][i]);
          }
        }
        System.arraycopy(out, 0, batch, off, plane);
      }
    }
  }

  /** The normalised Gaussian kernel exp(−k²/2σ²)/Σ for k = −⌈4σ⌉..⌈4σ⌉. */
  static double[] kernel(double sigma) {
    int radius = (int) Math.ceil(4 * sigma);
    double[] k = new double[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
    for (int i = 0; i < k.length; i++) k[i] /= sum;
    return k;
  }

  /**
   * One displacement field: {@code [0]} = Δx, {@code [1]} = Δy, each {@code [h·w]} row-major, drawn from
   * {@code rng} (Δx first, then Δy, pixels in row-major order).
   */
  static double[][] displacementField(int h, int w, double alpha, double[] kernel, SplittableRandom rng) {
    double[][] d = new double[2][];
    for (int a = 0; a < 2; a++) {
      double[] u = new double[h * w];
      for (int i = 0; i < u.length; i++) u[i] = 2 * rng.nextDouble() - 1;
      d[a] = smooth(u, h, w, kernel, alpha);
    }
    return d;
  }

  /** alpha · (separable Gaussian smoothing of u), zero outside the image. */
  private static double[] smooth(double[] u, int h, int w, double[] k, double alpha) {
    int radius = k.length / 2;
    double[] rowsDone = new double[h * w], out = new double[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int t = Math.max(-radius, -x); t <= Math.min(radius, w - 1 - x); t++) {
          s += k[t + radius] * u[y * w + x + t];
        }
        rowsDone[y * w + x] = s;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int t = Math.max(-radius, -y); t <= Math.min(radius, h - 1 - y); t++) {
          s += k[t + radius] * rowsDone[(y + t) * w + x];
        }
        out[y * w + x] = alpha * s;
      }
    }
    return out;
  }

  /**
   * Elastic distortions of this scale and smoothness.
   *
   * @param alpha scale of the displacements in pixels (≥ 0)
   * @param sigma smoothing width in pixels (&gt; 0)
   * @return the augmentation
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static ElasticDistortion of(double alpha, double sigma) {
    return new ElasticDistortion(alpha, sigma);
  }
}
