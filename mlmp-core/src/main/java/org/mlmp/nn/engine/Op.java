package org.mlmp.nn.engine;

/**
 * Internal (not API): one layer as the engine executes it, in engine-owned types (the public layer
 * records of {@code org.mlmp.nn} are translated into these, so the engine does not depend on them).
 */
public sealed interface Op permits Op.Affine, Op.Convolution, Op.Pooling, Op.Flattening, Op.Dropping,
    Op.Normalization {
  /** a = f(x·W + b), W {@code [inputs, units]}. */
  record Affine(int units, Nonlinearity f) implements Op {}

  /** a = f(conv(x, W) + b), W {@code [channels, Cin, kernel, kernel]} (OIYX), square stride and padding. */
  record Convolution(int channels, int kernel, int stride, int padding, Nonlinearity f) implements Op {}

  /** Max ({@code max}) or average pooling over {@code size × size} windows, no padding. */
  record Pooling(boolean max, int size, int stride) implements Op {}

  /** An image {@code [C, H, W]} seen as a vector {@code [C·H·W]} (a view, nothing runs). */
  record Flattening() implements Op {}

  /** Inverted dropout: each value kept with probability 1 − rate and scaled by 1/(1 − rate) in training. */
  record Dropping(double rate) implements Op {}

  /** Batch normalisation per channel (γ then β as parameters; running means then variances as statistics). */
  record Normalization(double momentum, double epsilon, Nonlinearity f) implements Op {}
}
