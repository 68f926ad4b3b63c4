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
  /**
   * Validates the sizes.
   *
   * @param channels channels of an image, or the length of a vector
   * @param height image height (1 for a vector)
   * @param width image width (1 for a vector)
   * @param image true for an image, false for a vector
   * @throws IllegalArgumentException when a size is below 1, or a vector has a height or width other than 1
   */
  public Shape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("A Shape needs positive sizes. Got [" + channels + ", " + height + ", "
          + width + "] instead.");
    }
    if (!image && (height != 1 || width != 1)) {
      throw new IllegalArgumentException("A vector Shape has height = width = 1. Got " + height + "x" + width + ".");
    }
  }

  /**
   * An image of {@code channels × height × width}.
   *
   * @param channels number of channels (≥ 1)
   * @param height image height in pixels (≥ 1)
   * @param width image width in pixels (≥ 1)
   * @return the image shape
   * @throws IllegalArgumentException when a size is below 1
   */
  public static Shape image(int channels, int height, int width) {
    return new Shape(channels, height, width, true);
  }

  /**
   * A vector of {@code size} features.
   *
   * @param size number of features (≥ 1)
   * @return the vector shape ({@code channels = size}, height = width = 1)
   * @throws IllegalArgumentException when {@code size < 1}
   */
  public static Shape vector(int size) {
    return new Shape(size, 1, 1, false);
  }

  /**
   * Number of values per sample.
   *
   * @return {@code channels·height·width}
   */
  public int size() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return image ? "[" + channels + ", " + height + ", " + width + "]" : "[" + channels + "]";
  }
}
