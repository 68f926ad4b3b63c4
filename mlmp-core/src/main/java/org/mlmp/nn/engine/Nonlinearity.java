package org.mlmp.nn.engine;

/**
 * Internal (not API): the element-wise (softmax: per-row) functions the engine's layers apply to their
 * pre-activation; {@code org.mlmp.nn.Activation} documents each formula and maps one to one onto these.
 */
public enum Nonlinearity {
  IDENTITY,
  BINARY_STEP,
  SIGMOID,
  TANH,
  RELU,
  LEAKY_RELU,
  SOFTMAX;

  /** The negative-side slope of {@link #LEAKY_RELU} (PyTorch's default {@code negative_slope}). */
  public static final double LEAKY_SLOPE = 0.01;
}
