package org.mlmp.nn;

/**
 * Inverted dropout (Srivastava et al. 2014): in training, each value is zeroed with probability
 * {@code rate} and the survivors are scaled by 1/(1 − rate), so nothing changes at prediction time,
 * where the layer is the identity. An example's mask is drawn from the training seed, the epoch, the step,
 * the layer and the example's row in the training set — not its position in the mini-batch — so a run is
 * reproducible and a data-parallel trainer draws the masks one process draws. At rate 0 the layer is the identity in
 * training too, and the engine passes its input through without a copy. PyTorch: {@code nn.Dropout(rate)}.
 *
 * @param rate probability of dropping a value, in [0, 1)
 */
public record Dropout(double rate) implements Layer {
  /**
   * Validates the rate.
   *
   * @param rate probability of dropping a value, in [0, 1)
   * @throws IllegalArgumentException when {@code rate} is outside [0, 1)
   */
  public Dropout {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("The 'rate' parameter of Dropout must be in the range [0, 1). Got " + rate
          + " instead.");
    }
  }

  @Override
  public Shape outputShape(int index, Shape in) {
    return in;
  }

  @Override
  public String describe() {
    return "Dropout(" + rate + ")";
  }

  /**
   * Dropout with this rate.
   *
   * @param rate probability of dropping a value, in [0, 1)
   * @return the layer
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static Dropout of(double rate) {
    return new Dropout(rate);
  }
}
