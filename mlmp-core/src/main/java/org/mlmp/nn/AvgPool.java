package org.mlmp.nn;

import org.mlmp.api.Checks;

/**
 * Avg pooling: each channel is covered by {@code size × size} windows moved by {@code stride}, and each
 * window is replaced by the mean of its values. No padding, no parameters.
 *
 * <p>Input {@code [C, H, W]}, output {@code [C, ⌊(H − size)/stride⌋ + 1, ⌊(W − size)/stride⌋ + 1]}; needs
 * H, W ≥ size. PyTorch: {@code nn.AvgPool2d(size, stride)}.
 *
 * @param size window height and width (≥ 1)
 * @param stride step between windows (≥ 1)
 */
public record AvgPool(int size, int stride) implements Layer {
  /**
   * Validates the window.
   *
   * @param size window height and width (≥ 1)
   * @param stride step between windows (≥ 1)
   * @throws IllegalArgumentException when {@code size} or {@code stride} is below 1
   */
  public AvgPool {
    Checks.positive("size", "AvgPool", size);
    Checks.positive("stride", "AvgPool", stride);
  }

  /**
   * Non-overlapping windows: stride = size.
   *
   * @param size window height and width (≥ 1)
   * @return the layer
   * @throws IllegalArgumentException when {@code size < 1}
   */
  public static AvgPool of(int size) {
    return new AvgPool(size, size);
  }

  @Override
  public Shape outputShape(int index, Shape in) {
    return LayerChecks.pooledShape(index, this, in, size, stride);
  }

  @Override
  public String describe() {
    return "AvgPool(" + size + "x" + size + ", stride " + stride + ")";
  }

  /**
   * This layer with another stride (the default is the window size).
   *
   * @param s step between windows (≥ 1)
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public AvgPool withStride(int s) {
    return new AvgPool(size, s);
  }
}
