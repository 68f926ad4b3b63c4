package org.mlmp.nn;

/**
 * Batch normalisation (Ioffe &amp; Szegedy 2015), then an activation: each channel c is normalised by the
 * mean μ_c and variance σ²_c of its values, scaled and shifted by the learned γ_c and β_c,
 * z = γ_c · (x − μ_c) / √(σ²_c + ε) + β_c, a = f(z).
 *
 * <p>After a Conv2d (input {@code [C, H, W]}) a channel is a feature map and its statistics run over the
 * batch and all H·W pixels; after a Dense layer (input {@code [C]}) over the batch. In training μ, σ² are
 * the mini-batch's (σ² biased, divided by the count m) and the running estimates are updated,
 * running ← (1 − momentum)·running + momentum·batch value (the variance with the unbiased m/(m − 1)
 * factor); at prediction time the running estimates replace the batch statistics, so an output depends
 * on its own input only. Running mean starts at 0, running variance at 1, γ at 1, β at 0. The running
 * estimates are saved with the model and in checkpoints; they are not learned parameters
 * ({@link #parameterCount} counts γ and β, {@link #statisticsCount} the running estimates).
 *
 * <p>Output shape = input shape. PyTorch: {@code nn.BatchNorm2d(C, eps=epsilon, momentum=momentum)} (or
 * {@code BatchNorm1d}) followed by the activation; Keras' {@code momentum} is 1 − this one.
 *
 * @param momentum weight of the new batch in the running estimates, in (0, 1]; PyTorch's default 0.1
 * @param epsilon added to the variance, &gt; 0; PyTorch's default 1e-5
 * @param activation the activation f applied after the affine step (IDENTITY for none)
 */
public record BatchNorm(double momentum, double epsilon, Activation activation) implements Layer {
  /**
   * Validates the components.
   *
   * @param momentum weight of the new batch in the running estimates, in (0, 1]; PyTorch's default 0.1
   * @param epsilon added to the variance, &gt; 0; PyTorch's default 1e-5
   * @param activation the activation f applied after the affine step (IDENTITY for none)
   * @throws IllegalArgumentException when {@code momentum} is outside (0, 1], {@code epsilon} is not a positive
   *     finite number, or {@code activation} is null or SOFTMAX
   */
  public BatchNorm {
    if (!(momentum > 0 && momentum <= 1)) {
      throw new IllegalArgumentException("The 'momentum' parameter of BatchNorm must be in the range (0, 1]. Got "
          + momentum + " instead.");
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("The 'epsilon' parameter of BatchNorm must be > 0. Got " + epsilon
          + " instead.");
    }
    if (activation == null) throw new IllegalArgumentException("The 'activation' parameter of BatchNorm is null.");
    if (activation == Activation.SOFTMAX) {
      throw new IllegalArgumentException("The 'activation' parameter of BatchNorm cannot be SOFTMAX (softmax is for "
          + "the output Dense layer). Use IDENTITY, RELU, ... instead.");
    }
  }

  /**
   * PyTorch's defaults: momentum 0.1, epsilon 1e-5.
   *
   * @param activation the activation f applied after the affine step (IDENTITY for none; not SOFTMAX)
   * @return the layer
   * @throws IllegalArgumentException when {@code activation} is null or SOFTMAX
   */
  public static BatchNorm of(Activation activation) {
    return new BatchNorm(0.1, 1e-5, activation);
  }

  @Override
  public Shape outputShape(int index, Shape in) {
    return in;
  }

  /** γ and β: two per channel. */
  @Override
  public int parameterCount(Shape in) {
    return 2 * in.channels();
  }

  /** The running mean and variance: two per channel. */
  @Override
  public int statisticsCount(Shape in) {
    return 2 * in.channels();
  }

  @Override
  public String describe() {
    return "BatchNorm(momentum " + momentum + ", epsilon " + epsilon + ", " + activation + ")";
  }

  /**
   * This layer with another momentum of the running estimates.
   *
   * @param m weight of the new batch, in (0, 1]
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public BatchNorm withMomentum(double m) {
    return new BatchNorm(m, epsilon, activation);
  }

  /**
   * This layer with another epsilon.
   *
   * @param e added to the variance, &gt; 0
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public BatchNorm withEpsilon(double e) {
    return new BatchNorm(momentum, e, activation);
  }
}
