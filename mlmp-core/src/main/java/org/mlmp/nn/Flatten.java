package org.mlmp.nn;

/**
 * Turns an image {@code [C, H, W]} into a vector {@code [C·H·W]} in channel-major (C order, as PyTorch's
 * {@code nn.Flatten}) so dense layers can follow. A vector passes unchanged.
 */
public record Flatten() implements Layer {
  @Override
  public Shape outputShape(int index, Shape in) {
    return Shape.vector(in.size());
  }

  @Override
  public String describe() {
    return "Flatten";
  }

  /**
   * The flattening layer (it has no parameter).
   *
   * @return the layer
   */
  public static Flatten of() {
    return new Flatten();
  }
}
