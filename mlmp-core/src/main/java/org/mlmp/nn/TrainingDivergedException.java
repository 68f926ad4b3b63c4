package org.mlmp.nn;

/**
 * Training produced NaN or ±∞: thrown by the guard that checks every step's cost, naming the epoch, the
 * step and the first layer whose output is not finite.
 */
public final class TrainingDivergedException extends IllegalStateException {
  /** The 1-based epoch in which the cost stopped being finite. */
  private final int epoch;
  /** Index of the first layer whose output held NaN or ±∞. */
  private final int layer;

  TrainingDivergedException(String message, int epoch, int layer) {
    super(message);
    this.epoch = epoch;
    this.layer = layer;
  }

  /**
   * The epoch in which the cost stopped being finite.
   *
   * @return the epoch, 1-based
   */
  public int epoch() {
    return epoch;
  }

  /**
   * Where the non-finite values first appeared.
   *
   * @return index of the first layer whose output held NaN or ±∞ (the output layer if only the cost did)
   */
  public int layer() {
    return layer;
  }
}
