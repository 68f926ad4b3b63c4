package org.mlmp.nn;

import java.util.SplittableRandom;

/**
 * On-the-fly data augmentation by random affine distortions of the training images (the "distorted
 * copies" of the course; Simard, Steinkraus &amp; Platt, ICDAR 2003): every image of every mini-batch is
 * rotated by an angle uniform in ±{@code maxRotationDegrees}, scaled by a factor uniform in
 * 1 ± {@code maxScale} and shifted by offsets uniform in ±{@code maxShift} pixels, about the image centre.
 * The random numbers come from the mini-batch seed, itself drawn from (seed, epoch, step), so a run (and a
 * resumed run) sees the same distortions. Validation and test images are never distorted.
 *
 * <p>The map sends a pixel at p to {@code s·R(θ)·(p − c) + c + t} with c = ((W−1)/2, (H−1)/2); the output is
 * computed by inverse mapping with bilinear interpolation, coordinates outside the image clamped to the
 * nearest edge pixel (the background of digit images). torchvision: {@code RandomAffine(degrees, translate,
 * scale)} (which fills outside with a constant instead).
 *
 * @param maxRotationDegrees largest rotation, in degrees (in [0, 180])
 * @param maxScale largest relative change of size (in [0, 1))
 * @param maxShift largest shift in pixels along each axis (≥ 0)
 */
public record AffineAugmentation(double maxRotationDegrees, double maxScale, double maxShift)
    implements Augmentation {
  /**
   * Validates the ranges.
   *
   * @param maxRotationDegrees largest rotation, in degrees (in [0, 180])
   * @param maxScale largest relative change of size (in [0, 1))
   * @param maxShift largest shift in pixels along each axis (≥ 0)
   * @throws IllegalArgumentException naming the parameter and the value when one is outside its range
   */
  public AffineAugmentation {
    if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 180)) {
      throw new IllegalArgumentException("The 'maxRotationDegrees' parameter of AffineAugmentation must be in the range"
          + " [0, 180]. Got " + maxRotationDegrees + " instead.");
    }
    if (!(maxScale >= 0 && maxScale < 1)) {
      throw new IllegalArgumentException("The 'maxScale' parameter of AffineAugmentation must be in the range [0, 1). Got "
          + maxScale + " instead.");
    }
    if (!(maxShift >= 0 && Double.isFinite(maxShift))) {
      throw new IllegalArgumentException("The 'maxShift' parameter of AffineAugmentation must be >= 0. Got " + maxShift
          + " instead.");
    }
  }

  /**
   * Rotation ±10°, scale ±10 %, shift ±2 pixels: mild distortions that keep digits legible.
   *
   * @return {@code new AffineAugmentation(10, 0.1, 2)}
   */
  public static AffineAugmentation mild() {
    return new AffineAugmentation(10, 0.1, 2);
  }

  /**
   * Distorts {@code rows} images of {@code channels × h × w} pixels stored one after another in
   * {@code batch} (row-major), in place, with fresh random parameters per image drawn from {@code seed}.
   * All channels of an image get the same map.
   */
  @Override
  public void apply(float[] batch, int rows, int channels, int h, int w, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int plane = h * w;
    float[] out = new float[plane];
    for (int r = 0; r < rows; r++) {
      double angle = Math.toRadians(uniform(rng, maxRotationDegrees));
      double scale = 1 + uniform(rng, maxScale);
      double dx = uniform(rng, maxShift), dy = uniform(rng, maxShift);
      for (int c = 0; c < channels; c++) {
        int off = (r * channels + c) * plane;
        warp(batch, off, h, w, angle, scale, dx, dy, out);
        System.arraycopy(out, 0, batch, off, plane);
      }
    }
  }

  private static double uniform(SplittableRandom rng, double half) {
    return half == 0 ? 0 : (2 * rng.nextDouble() - 1) * half;
  }

  /**
   * One image {@code [h, w]} at {@code image[offset...]} mapped by p ↦ s·R(θ)·(p − c) + c + (dx, dy) (x to the
   * right, y down, θ in radians) into {@code out [h·w]}; identity parameters give the image unchanged.
   *
   * @param image the source pixels, row-major
   * @param offset the index in {@code image} of the image's first pixel
   * @param h the image height in pixels
   * @param w the image width in pixels
   * @param angle the rotation θ in radians
   * @param scale the scale factor s (1 = unchanged)
   * @param dx the shift to the right in pixels
   * @param dy the shift down in pixels
   * @param out receives the {@code h·w} mapped pixels, row-major
   */
  public static void warp(float[] image, int offset, int h, int w, double angle, double scale, double dx, double dy,
      float[] out) {
    double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0, cos = Math.cos(angle) / scale, sin = Math.sin(angle) / scale;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double u = x - cx - dx, v = y - cy - dy;
        double xs = cos * u + sin * v + cx, ys = -sin * u + cos * v + cy;
        out[y * w + x] = bilinear(image, offset, h, w, xs, ys);
      }
    }
  }

  static float bilinear(float[] img, int off, int h, int w, double xs, double ys) {
    xs = Math.min(Math.max(xs, 0), w - 1);
    ys = Math.min(Math.max(ys, 0), h - 1);
    int x0 = (int) Math.floor(xs), y0 = (int) Math.floor(ys);
    int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
    double fx = xs - x0, fy = ys - y0;
    if (fx == 0 && fy == 0) return img[off + y0 * w + x0];
    double top = (1 - fx) * img[off + y0 * w + x0] + fx * img[off + y0 * w + x1];
    double bottom = (1 - fx) * img[off + y1 * w + x0] + fx * img[off + y1 * w + x1];
    return (float) ((1 - fy) * top + fy * bottom);
  }

  /**
   * Random affine distortions up to these limits.
   *
   * @param maxRotationDegrees largest rotation, in degrees (in [0, 180])
   * @param maxScale largest relative change of size (in [0, 1))
   * @param maxShift largest shift in pixels along each axis (≥ 0)
   * @return the augmentation
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static AffineAugmentation of(double maxRotationDegrees, double maxScale, double maxShift) {
    return new AffineAugmentation(maxRotationDegrees, maxScale, maxShift);
  }
}
