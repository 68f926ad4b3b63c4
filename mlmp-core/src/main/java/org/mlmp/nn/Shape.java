package org.mlmp.nn;

/**
 * The shape of one sample as it flows through a {@link Network}: an image {@code [channels, height,
 * width]} (as PyTorch's NCHW without the batch axis) or a vector {@code [size]}.
 *
 * @param channels channels of an image, or the length of a vector
 * @param height image height (1 for a vector)
 * @param width image width (1 for a vector)
 * @param image true for an image, false for a vector
 */
public record Shape(int channels, int height, int width, boolean image) {
  public Shape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("A Shape needs positive sizes. Got [" + channels + ", " + height + ", "
          + width + "] instead.");
    }
    if (!image && (height != 1 || width != 1)) {
      throw new IllegalArgumentException("A vector Shape has height = width = 1. Got " + height + "x" + width + ".");
    }
  }

  /** An image of {@code channels × height × width}. */
  public static Shape image(int channels, int height, int width) {
    return new Shape(channels, height, width, true);
  }

  /** A vector of {@code size} features. */
  public static Shape vector(int size) {
    return new Shape(size, 1, 1, false);
  }

  /** Number of values per sample, {@code channels·height·width}. */
  public int size() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return image ? "[" + channels + ", " + height + ", " + width + "]" : "[" + channels + "]";
  }
}
