package org.mlmp.nn;

/**
 * A random distortion of training images applied on the fly to every mini-batch ({@link NeuralNet}'s
 * {@code augmentation}): {@link AffineAugmentation} (rotation, scale, shift) or {@link ElasticDistortion}
 * (Simard et al. 2003). The random numbers come from a seed derived from (training seed, epoch, step), so
 * a run, a resumed run and a run with or without prefetching see the same distortions.
 */
public sealed interface Augmentation permits AffineAugmentation, ElasticDistortion {
  /**
   * Distorts {@code rows} images of {@code channels × h × w} pixels stored one after another in
   * {@code batch} (row-major), in place, with fresh random numbers per image drawn from {@code seed}.
   * All channels of an image get the same distortion.
   *
   * @param batch the pixels of {@code rows} images, one after another, overwritten by the distorted images
   * @param rows the number of images
   * @param channels channels per image
   * @param h image height in pixels
   * @param w image width in pixels
   * @param seed seeds the random distortion of each image
   */
  void apply(float[] batch, int rows, int channels, int h, int w, long seed);
}
