package org.mlmp.nn;

import org.mlmp.api.Checks;

/**
 * Max pooling: each channel is covered by {@code size × size} windows moved by {@code stride}, and each
 * window is replaced by the maximum of its values. No padding, no parameters.
 *
 * <p>Input {@code [C, H, W]}, output {@code [C, ⌊(H − size)/stride⌋ + 1, ⌊(W − size)/stride⌋ + 1]}; needs
 * H, W ≥ size. PyTorch: {@code nn.MaxPool2d(size, stride)}.
 *
 * @param size window height and width (≥ 1)
 * @param stride step between windows (≥ 1)
 */
public record MaxPool(int size, int stride) implements Layer {
  /**
   * Validates the window.
   *
   * @param size window height and width (≥ 1)
   * @param stride step between windows (≥ 1)
   * @throws IllegalArgumentException when {@code size} or {@code stride} is below 1
   */
  public MaxPool {
    Checks.positive("size", "MaxPool", size);
    Checks.positive("stride", "MaxPool", stride);
  }

  /**
   * Non-overlapping windows: stride = size.
   *
   * @param size window height and width (≥ 1)
   * @return the layer
   * @throws IllegalArgumentException when {@code size < 1}
   */
  public static MaxPool of(int size) {
    return new MaxPool(size, size);
  }

  @Override
  public Shape outputShape(int index, Shape in) {
    return LayerChecks.pooledShape(index, this, in, size, stride);
  }

  @Override
  public String describe() {
    return "MaxPool(" + size + "x" + size + ", stride " + stride + ")";
  }

  /**
   * This layer with another stride (the default is the window size).
   *
   * @param s step between windows (≥ 1)
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public MaxPool withStride(int s) {
    return new MaxPool(size, s);
  }
}
