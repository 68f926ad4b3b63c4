package org.mlmp.nn;

import org.mlmp.api.Checks;

/**
 * A 2D convolution layer as CNNs compute it: a cross-correlation (no kernel flip) of the input with
 * {@code channels} filters of size {@code kernel × kernel}, plus a bias per filter, then the activation:
 * z[o, i, j] = b[o] + Σ_c Σ_u Σ_v W[o, c, u, v] · x[c, s·i + u − p, s·j + v − p] (zero outside the image).
 *
 * <p>Input {@code [Cin, H, W]}, output {@code [channels, H', W']} with H' = ⌊(H + 2p − k)/s⌋ + 1 (and
 * likewise W'); the layer needs H + 2p ≥ k. Weights {@code [channels, Cin, kernel, kernel]} (PyTorch's
 * layout). PyTorch: {@code nn.Conv2d(Cin, channels, kernel, stride, padding)}.
 *
 * @param channels number of filters (output channels, ≥ 1)
 * @param kernel kernel height and width (≥ 1)
 * @param stride step between windows (≥ 1)
 * @param padding zeros added on each border (≥ 0)
 * @param activation the activation f
 */
public record Conv2d(int channels, int kernel, int stride, int padding, Activation activation) implements Layer {
  /**
   * Validates the components.
   *
   * @param channels number of filters (output channels, ≥ 1)
   * @param kernel kernel height and width (≥ 1)
   * @param stride step between windows (≥ 1)
   * @param padding zeros added on each border (≥ 0)
   * @param activation the activation f
   * @throws IllegalArgumentException when channels, kernel or stride is below 1, padding is negative, or
   *     activation is null or SOFTMAX
   */
  public Conv2d {
    Checks.positive("channels", "Conv2d", channels);
    Checks.positive("kernel", "Conv2d", kernel);
    Checks.positive("stride", "Conv2d", stride);
    if (padding < 0) {
      throw new IllegalArgumentException("The 'padding' parameter of Conv2d must be >= 0. Got " + padding + " instead.");
    }
    if (activation == null) throw new IllegalArgumentException("The 'activation' parameter of Conv2d is null.");
    if (activation == Activation.SOFTMAX) {
      throw new IllegalArgumentException("The 'activation' parameter of Conv2d cannot be SOFTMAX (softmax is for "
          + "the output Dense layer). Use IDENTITY, RELU, ... instead.");
    }
  }

  /**
   * Stride 1, no padding.
   *
   * @param channels number of output channels (filters, ≥ 1)
   * @param kernel window height and width k (≥ 1)
   * @param activation the activation f (not SOFTMAX)
   * @return the layer
   * @throws IllegalArgumentException when a size is below 1 or the activation is null or SOFTMAX
   */
  public static Conv2d of(int channels, int kernel, Activation activation) {
    return new Conv2d(channels, kernel, 1, 0, activation);
  }

  @Override
  public Shape outputShape(int index, Shape in) {
    if (!in.image()) {
      throw LayerChecks.wrongKind(index, this, in, "an image [channels, height, width]",
          "Give the network an image input shape (Shape.image) and put convolutions before Flatten.");
    }
    int h = LayerChecks.slide(index, this, in, "height", in.height(), kernel, stride, padding);
    int w = LayerChecks.slide(index, this, in, "width", in.width(), kernel, stride, padding);
    return Shape.image(channels, h, w);
  }

  @Override
  public int parameterCount(Shape in) {
    return channels * in.channels() * kernel * kernel + channels;
  }

  @Override
  public String describe() {
    return "Conv2d(" + channels + ", " + kernel + "x" + kernel + ", stride " + stride + ", padding " + padding + ", "
        + activation + ")";
  }

  /**
   * This layer with another stride.
   *
   * @param s step between windows (≥ 1)
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public Conv2d withStride(int s) {
    return new Conv2d(channels, kernel, s, padding, activation);
  }

  /**
   * This layer with another padding.
   *
   * @param p zeros added on each border (≥ 0)
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public Conv2d withPadding(int p) {
    return new Conv2d(channels, kernel, stride, p, activation);
  }
}
