package org.mlmp.nn;

/**
 * How a layer's weights are drawn at the start of training (biases start at 0). fanIn = inputs per unit
 * (Cin·k² for a convolution), fanOut = outputs per input (Cout·k²).
 *
 * <ul>
 *   <li>{@link #HE}: normal with σ = √(2 / fanIn), for ReLU networks (He et al. 2015, "Delving deep into
 *       rectifiers"; PyTorch {@code kaiming_normal_}).
 *   <li>{@link #XAVIER}: uniform on ±√(6 / (fanIn + fanOut)), for sigmoid/tanh networks (Glorot &amp; Bengio
 *       2010; PyTorch {@code xavier_uniform_}).
 *   <li>{@link #LECUN}: uniform on ±1/√fanIn, PyTorch's default for {@code nn.Linear} and {@code nn.Conv2d}.
 * </ul>
 * Draws come from {@link java.util.SplittableRandom} seeded with the training seed, so they are the same
 * on every backend.
 */
public enum WeightInit {
  /** Normal with σ = √(2 / fanIn), for ReLU networks (PyTorch {@code kaiming_normal_}). */
  HE,
  /** Uniform on ±√(6 / (fanIn + fanOut)), for sigmoid/tanh networks (PyTorch {@code xavier_uniform_}). */
  XAVIER,
  /** Uniform on ±1/√fanIn, PyTorch's default for {@code nn.Linear} and {@code nn.Conv2d}. */
  LECUN
}
