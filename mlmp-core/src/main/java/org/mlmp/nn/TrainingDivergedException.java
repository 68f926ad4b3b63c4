package org.mlmp.nn;

/**
 * Training produced NaN or ±∞: thrown by the guard that checks every step's cost, naming the epoch, the
 * step and the first layer whose output is not finite.
 */
public final class TrainingDivergedException extends IllegalStateException {
  private final int epoch;
  private final int layer;

  TrainingDivergedException(String message, int epoch, int layer) {
    super(message);
    this.epoch = epoch;
    this.layer = layer;
  }

  /** The 1-based epoch in which the cost stopped being finite. */
  public int epoch() {
    return epoch;
  }

  /** Index of the first layer whose output held NaN or ±∞ (the output layer if only the cost did). */
  public int layer() {
    return layer;
  }
}
