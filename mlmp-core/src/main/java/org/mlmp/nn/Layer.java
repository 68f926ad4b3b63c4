package org.mlmp.nn;

/**
 * One layer of a {@link Network}: a value describing it, with no learned state. The {@link Network}
 * checks, when it is built, that each layer fits the shape its predecessor produces.
 *
 * <p>Shapes are per sample: an image {@code [channels, height, width]} or a vector {@code [size]}
 * (see {@link Shape}); the batch axis is implicit.
 */
public sealed interface Layer permits Dense, Conv2d, MaxPool, AvgPool, Flatten, Dropout {
  /**
   * The shape this layer produces from {@code in}; throws {@link IllegalArgumentException} naming the
   * layer index, both shapes and the violated inequality when the layer cannot be applied.
   */
  Shape outputShape(int index, Shape in);

  /** Number of learned parameters (weights and biases) for input {@code in}. */
  default int parameterCount(Shape in) {
    return 0;
  }

  /** A short description, e.g. "Conv2d(20, 5x5, stride 1, padding 0, IDENTITY)". */
  String describe();

  /** Checks a positive integer parameter with scikit-learn's wording. */
  static int positive(String param, String owner, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("The '" + param + "' parameter of " + owner + " must be >= 1. Got "
          + value + " instead.");
    }
    return value;
  }

  /** The error for a layer that needs an image and got a vector (or the reverse). */
  static IllegalArgumentException wrongKind(int index, Layer layer, Shape in, String need, String fix) {
    return new IllegalArgumentException("Layer " + index + " (" + layer.describe() + ") needs " + need
        + " input but receives " + in + ". " + fix);
  }

  /**
   * Output size of a sliding window, ⌊(n + 2p − k)/s⌋ + 1, after checking n + 2p ≥ k (the window must
   * fit at least once).
   */
  static int slide(int index, Layer layer, Shape in, String axis, int n, int k, int s, int p) {
    if (n + 2 * p < k) {
      throw new IllegalArgumentException("Layer " + index + " (" + layer.describe() + ") cannot be applied to its input "
          + in + ": the " + k + "x" + k + " window needs " + axis + " + 2*padding >= kernel, but " + n + " + 2*" + p
          + " = " + (n + 2 * p) + " < " + k + ". Use a smaller kernel, more padding, or fewer pooling layers before it.");
    }
    return (n + 2 * p - k) / s + 1;
  }
}
