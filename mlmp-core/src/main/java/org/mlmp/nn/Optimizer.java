package org.mlmp.nn;

import org.mlmp.api.Checks;

/**
 * How the parameters w move against the gradient g = ∂C/∂w of the mini-batch cost; α is the course's
 * learning rate. One of {@link Sgd}, {@link Momentum}, {@link Adam}.
 */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Momentum, Optimizer.Adam {
  /**
   * The learning rate α.
   *
   * @return α &gt; 0
   */
  double learningRate();

  /**
   * The same optimiser with learning rate {@code lr} (e.g. for a learning-rate schedule).
   *
   * @param lr the new α &gt; 0
   * @return a copy with the other settings unchanged
   * @throws IllegalArgumentException when {@code lr} is not a positive finite number
   */
  default Optimizer withLearningRate(double lr) {
    if (this instanceof Sgd) return new Sgd(lr);
    if (this instanceof Momentum m) return new Momentum(lr, m.momentum(), m.nesterov());
    Adam a = (Adam) this;
    return new Adam(lr, a.beta1(), a.beta2(), a.epsilon());
  }

  /**
   * Plain (stochastic) gradient descent, the course's rule w ← w − α ∂C/∂w. PyTorch: {@code SGD(lr=α)}. Named
   * {@code Sgd} so that it is not confused with the linear regression {@link org.mlmp.linear.GradientDescent}; model
   * files and messages keep its earlier name, {@code "GradientDescent"}, so files written before still load.
   *
   * @param learningRate α &gt; 0
   */
  record Sgd(double learningRate) implements Optimizer {
    /**
     * Validates the learning rate.
     *
     * @param learningRate α &gt; 0
     * @throws IllegalArgumentException when {@code learningRate} is not a positive finite number
     */
    public Sgd {
      rate("GradientDescent", learningRate);
    }

    /**
     * Plain gradient descent with learning rate α.
     *
     * @param learningRate α &gt; 0
     * @return the optimiser
     * @throws IllegalArgumentException if a value breaks the constraint documented on the component
     */
    public static Sgd of(double learningRate) {
      return new Sgd(learningRate);
    }
  }

  /**
   * Gradient descent with momentum μ: v ← μ v − α g, then w ← w + v (classical momentum, Polyak 1964), or
   * with {@code nesterov} w ← w + μ v − α g (Nesterov's accelerated gradient in the form of Sutskever et
   * al. 2013 / Bengio et al. 2012). The same iterates as PyTorch's {@code SGD(lr=α, momentum=μ,
   * nesterov=...)}. v starts at 0.
   *
   * @param learningRate α &gt; 0
   * @param momentum μ in [0, 1)
   * @param nesterov whether to use Nesterov's look-ahead
   */
  record Momentum(double learningRate, double momentum, boolean nesterov) implements Optimizer {
    /**
     * Validates the components.
     *
     * @param learningRate α &gt; 0
     * @param momentum μ in [0, 1)
     * @param nesterov whether to use Nesterov's look-ahead
     * @throws IllegalArgumentException when {@code learningRate} is not positive or {@code momentum} is outside [0, 1)
     */
    public Momentum {
      rate("Momentum", learningRate);
      Checks.inRange("momentum", "Momentum", momentum, 0, true, 1, false);
    }

    /**
     * Classical momentum (not Nesterov's).
     *
     * @param learningRate α &gt; 0
     * @param momentum μ in [0, 1)
     * @return the optimiser
     * @throws IllegalArgumentException if a value breaks the constraint documented on the component
     */
    public static Momentum of(double learningRate, double momentum) {
      return new Momentum(learningRate, momentum, false);
    }

    /**
     * This optimiser with or without Nesterov's look-ahead.
     *
     * @param n whether to use Nesterov's look-ahead
     * @return a copy with the new value
     */
    public Momentum withNesterov(boolean n) {
      return new Momentum(learningRate, momentum, n);
    }
  }

  /**
   * Adam (Kingma &amp; Ba 2015, Algorithm 1 with the efficient ordering of its Section 2): at step t,
   * m ← β₁ m + (1 − β₁) g, v ← β₂ v + (1 − β₂) g², w ← w − α_t m / (√v + ε̂) with
   * α_t = α √(1 − β₂ᵗ) / (1 − β₁ᵗ). This is TensorFlow's and DL4J's form; PyTorch's {@code Adam} adds ε to
   * √v̂ instead, which differs only through ε.
   *
   * @param learningRate α &gt; 0 (typically 1e-3)
   * @param beta1 β₁ in [0, 1) (0.9)
   * @param beta2 β₂ in [0, 1) (0.999)
   * @param epsilon ε̂ &gt; 0 (1e-8)
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
    /**
     * Validates the components.
     *
     * @param learningRate α &gt; 0 (typically 1e-3)
     * @param beta1 β₁ in [0, 1) (0.9)
     * @param beta2 β₂ in [0, 1) (0.999)
     * @param epsilon ε̂ &gt; 0 (1e-8)
     * @throws IllegalArgumentException when {@code learningRate} or {@code epsilon} is not positive, or a β is
     *     outside [0, 1)
     */
    public Adam {
      rate("Adam", learningRate);
      Checks.inRange("beta1", "Adam", beta1, 0, true, 1, false);
      Checks.inRange("beta2", "Adam", beta2, 0, true, 1, false);
      Checks.positive("epsilon", "Adam", epsilon);
    }

    /**
     * Adam with the usual constants β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
     *
     * @param learningRate α &gt; 0 (typically 1e-3)
     * @return the optimiser
     * @throws IllegalArgumentException when {@code learningRate} is not positive
     */
    public static Adam of(double learningRate) {
      return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * This optimiser with another β₁.
     *
     * @param b β₁ in [0, 1)
     * @return a copy with the new value
     * @throws IllegalArgumentException if a value breaks the constraint documented on the component
     */
    public Adam withBeta1(double b) {
      return new Adam(learningRate, b, beta2, epsilon);
    }

    /**
     * This optimiser with another β₂.
     *
     * @param b β₂ in [0, 1)
     * @return a copy with the new value
     * @throws IllegalArgumentException if a value breaks the constraint documented on the component
     */
    public Adam withBeta2(double b) {
      return new Adam(learningRate, beta1, b, epsilon);
    }

    /**
     * This optimiser with another ε̂.
     *
     * @param e ε̂ &gt; 0
     * @return a copy with the new value
     * @throws IllegalArgumentException if a value breaks the constraint documented on the component
     */
    public Adam withEpsilon(double e) {
      return new Adam(learningRate, beta1, beta2, e);
    }
  }

  private static void rate(String owner, double lr) {
    if (!(lr > 0 && Double.isFinite(lr))) {
      throw new IllegalArgumentException("The 'learningRate' parameter of " + owner + " must be > 0. Got " + lr
          + " instead.");
    }
  }
}
