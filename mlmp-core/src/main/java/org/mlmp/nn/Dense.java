package org.mlmp.nn;

import org.mlmp.api.Checks;

/**
 * A fully connected layer: a = f(W·x + b) with W of shape {@code [units, inputs]} (stored transposed,
 * {@code [inputs, units]}, in the parameter vector) and b of length {@code units}.
 *
 * <p>Input: a vector {@code [inputs]} (put a {@link Flatten} after convolution or pooling layers).
 * Output: {@code [units]}. PyTorch: {@code nn.Linear(inputs, units)} followed by the activation.
 *
 * @param units number of output units (≥ 1)
 * @param activation the activation f
 */
public record Dense(int units, Activation activation) implements Layer {
  /**
   * Validates the components.
   *
   * @param units number of output units (≥ 1)
   * @param activation the activation f
   * @throws IllegalArgumentException when {@code units < 1} or {@code activation} is null
   */
  public Dense {
    Checks.positive("units", "Dense", units);
    if (activation == null) throw new IllegalArgumentException("The 'activation' parameter of Dense is null.");
  }

  @Override
  public Shape outputShape(int index, Shape in) {
    if (in.image()) {
      throw LayerChecks.wrongKind(index, this, in, "a vector", "Insert a Flatten layer before it.");
    }
    return Shape.vector(units);
  }

  @Override
  public int parameterCount(Shape in) {
    return in.size() * units + units;
  }

  @Override
  public String describe() {
    return "Dense(" + units + ", " + activation + ")";
  }

  /**
   * A fully connected layer.
   *
   * @param units number of output units (≥ 1)
   * @param activation the activation f
   * @return the layer
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static Dense of(int units, Activation activation) {
    return new Dense(units, activation);
  }
}
