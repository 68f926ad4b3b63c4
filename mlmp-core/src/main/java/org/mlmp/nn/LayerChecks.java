package org.mlmp.nn;

/** Shared validation of layer parameters and shapes, with messages naming index, shapes and inequality. */
final class LayerChecks {
  private LayerChecks() {}

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

  /** The output of a pooling layer (no padding) on an image input, or the error naming the layer and shapes. */
  static Shape pooledShape(int index, Layer layer, Shape in, int size, int stride) {
    if (!in.image()) {
      throw wrongKind(index, layer, in, "an image [channels, height, width]", "Put pooling before Flatten.");
    }
    return Shape.image(in.channels(), slide(index, layer, in, "height", in.height(), size, stride, 0),
        slide(index, layer, in, "width", in.width(), size, stride, 0));
  }
}
