package org.mlmp.nn;

/**
 * One layer of a {@link Network}: a value describing it, with no learned state. The {@link Network}
 * checks, when it is built, that each layer fits the shape its predecessor produces.
 *
 * <p>Shapes are per sample: an image {@code [channels, height, width]} or a vector {@code [size]}
 * (see {@link Shape}); the batch axis is implicit.
 */
public sealed interface Layer permits Dense, Conv2d, MaxPool, AvgPool, Flatten, Dropout, BatchNorm {
  /**
   * The shape this layer produces from {@code in}; throws {@link IllegalArgumentException} naming the
   * layer index, both shapes and the violated inequality when the layer cannot be applied.
   *
   * @param index the layer's position in the network, 0-based, for the message
   * @param in the shape the layer receives
   * @return the shape it produces
   */
  Shape outputShape(int index, Shape in);

  /**
   * Number of learned parameters (weights and biases) for input {@code in}.
   *
   * @param in the shape the layer receives
   * @return the count; 0 for a layer without parameters
   */
  default int parameterCount(Shape in) {
    return 0;
  }

  /**
   * Number of non-learned values the layer keeps between steps for input {@code in} (e.g. the running
   * mean and variance of {@link BatchNorm}); saved with the model and in checkpoints.
   *
   * @param in the shape the layer receives
   * @return the count; 0 for a layer without statistics
   */
  default int statisticsCount(Shape in) {
    return 0;
  }

  /**
   * A short description for summaries and messages.
   *
   * @return e.g. "Conv2d(20, 5x5, stride 1, padding 0, IDENTITY)"
   */
  String describe();
}
