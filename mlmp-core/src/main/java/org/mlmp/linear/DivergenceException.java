package org.mlmp.linear;

/**
 * Gradient descent diverged: the learning rate α exceeds the stable bound 2/λ_max(H) of the cost's
 * Hessian H. The message names the iteration, the costs, the bound and a learning rate to try.
 */
public final class DivergenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  /** 2/λ_max(H), the bound on the learning rate that was exceeded. */
  private final double maxStableLearningRate;

  DivergenceException(String message, double maxStableLearningRate) {
    super(message);
    this.maxStableLearningRate = maxStableLearningRate;
  }

  /**
   * The stable bound of the learning rate.
   *
   * @return 2/λ_max(H): full-batch gradient descent converges for learning rates below this
   */
  public double maxStableLearningRate() {
    return maxStableLearningRate;
  }
}
