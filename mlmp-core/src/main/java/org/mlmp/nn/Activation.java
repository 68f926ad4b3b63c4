package org.mlmp.nn;

/**
 * Activation functions f applied element-wise to a layer's pre-activation z = W·x + b (softmax: per
 * sample, across the units).
 *
 * <table>
 *   <caption>Activations and their derivatives</caption>
 *   <tr><th>constant</th><th>f(z)</th><th>f′(z) used in back-propagation</th></tr>
 *   <tr><td>IDENTITY</td><td>z</td><td>1</td></tr>
 *   <tr><td>BINARY_STEP</td><td>1 if z &gt; 0, else 0</td><td>0 (the true derivative almost everywhere):
 *       layers below a step receive no gradient, so a step is for inference or for
 *       the perceptron's own learning rule ({@link org.mlmp.linear.Perceptron}: a step unit on w·x + w0
 *       with Rosenblatt's update), not for gradient descent</td></tr>
 *   <tr><td>SIGMOID</td><td>1 / (1 + e^{−z})</td><td>f(z)(1 − f(z))</td></tr>
 *   <tr><td>TANH</td><td>tanh z</td><td>1 − tanh² z</td></tr>
 *   <tr><td>RELU</td><td>max(0, z)</td><td>1 if z &gt; 0, else 0</td></tr>
 *   <tr><td>LEAKY_RELU</td><td>z if z &gt; 0, else 0.01·z</td><td>1 if z &gt; 0, else 0.01</td></tr>
 *   <tr><td>SOFTMAX</td><td>e^{z_k} / Σ_j e^{z_j}</td><td>Jacobian s_k(δ_kj − s_j)</td></tr>
 * </table>
 *
 * <p>PyTorch equivalents: {@code nn.Identity, nn.Sigmoid, nn.Tanh, nn.ReLU, nn.LeakyReLU(0.01),
 * nn.Softmax(dim=1)}; the slope 0.01 is PyTorch's default {@code negative_slope}.
 */
public enum Activation {
  /** f(z) = z: no activation (a linear layer, the usual regression output). */
  IDENTITY,
  /** f(z) = 1 if z &gt; 0, else 0: the perceptron's threshold unit; passes no gradient. */
  BINARY_STEP,
  /** f(z) = 1 / (1 + e^{−z}), in (0, 1); with one output unit, the binary classifier's probability. */
  SIGMOID,
  /** f(z) = tanh z, in (−1, 1). */
  TANH,
  /** f(z) = max(0, z), the rectified linear unit. */
  RELU,
  /** f(z) = z if z &gt; 0, else 0.01·z. */
  LEAKY_RELU,
  /** f(z)_k = e^{z_k} / Σ_j e^{z_j} across a sample's units: class probabilities (output layer only). */
  SOFTMAX;

  /** The negative-side slope of {@link #LEAKY_RELU}. */
  public static final double LEAKY_SLOPE = org.mlmp.nn.engine.Nonlinearity.LEAKY_SLOPE;
}
