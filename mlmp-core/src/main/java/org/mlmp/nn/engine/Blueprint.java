package org.mlmp.nn.engine;

import java.util.List;

/**
 * Internal (not API): everything the engine needs to know about a network, in engine-owned types:
 * per layer its {@link Op}, the per-sample shape entering it and its numbers of parameters and
 * statistics; the output shape; and the cost. {@code org.mlmp.nn} builds it from a public
 * {@code Network} (the engine never sees that type, so the dependency points one way: nn → engine).
 *
 * @param stages the layers, input side first (at least one; the last is an {@link Op.Affine})
 * @param output the per-sample shape of the network's output
 * @param crossEntropy the cost: cross-entropy (true) or ½ squared error (false)
 */
public record Blueprint(List<Stage> stages, Dims output, boolean crossEntropy) {
  public Blueprint {
    stages = List.copyOf(stages);
    if (stages.isEmpty() || !(stages.get(stages.size() - 1).op() instanceof Op.Affine)) {
      throw new IllegalArgumentException("A Blueprint needs at least one stage and an Affine output stage; got "
          + stages + ".");
    }
  }

  /**
   * One layer.
   *
   * @param op what it computes
   * @param input the per-sample shape entering it
   * @param parameters its number of learned parameters (its slice of the flat vector)
   * @param statistics its number of non-learned running statistics
   */
  public record Stage(Op op, Dims input, int parameters, int statistics) {}

  /**
   * A per-sample shape: an image {@code [channels, height, width]} or a vector {@code [channels]}.
   *
   * @param channels channels, or the vector's length
   * @param height image height (1 for a vector)
   * @param width image width (1 for a vector)
   * @param image image or vector
   */
  public record Dims(int channels, int height, int width, boolean image) {
    /** Values per sample. */
    public int size() {
      return channels * height * width;
    }
  }

  /** The output layer's function (softmax or sigmoid output selects the cross-entropy form). */
  public Nonlinearity outputFunction() {
    return ((Op.Affine) stages.get(stages.size() - 1).op()).f();
  }

  /** The per-sample input shape of layer {@code i}, or the output shape for {@code i == stages().size()}. */
  Dims shape(int i) {
    return i == stages.size() ? output : stages.get(i).input();
  }
}
