package org.mlmp.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A feed-forward network as a value: the input shape, the layers in order, the loss and the weight
 * initialisation. Building it checks every layer against the shape its predecessor produces, so an
 * impossible network fails here, not in training: e.g. a 5×5 convolution on a 2×2 map fails with
 * "Layer 3 (Conv2d(...)) cannot be applied to its input [20, 2, 2]: ... 2 + 2*0 = 2 &lt; 5".
 *
 * <p>The last layer is the output layer and must be {@link Dense}. With {@link Loss#CROSS_ENTROPY}
 * it must use {@link Activation#SOFTMAX} (one unit per class) or {@link Activation#SIGMOID} with one
 * unit (two classes).
 *
 * <p>Example, LeNet-5 as in the benchmarks (MNIST, 1×28×28):
 * <pre>{@code
 * Network lenet = Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY,
 *     Conv2d.of(20, 5, IDENTITY), MaxPool.of(2), Conv2d.of(50, 5, IDENTITY), MaxPool.of(2),
 *     Flatten.of(), Dense.of(500, RELU), Dense.of(10, SOFTMAX));
 * }</pre>
 *
 * @param input shape of one sample
 * @param layers the layers, input side first (at least one)
 * @param loss the cost minimised
 * @param init the weight initialisation
 */
public record Network(Shape input, List<Layer> layers, Loss loss, WeightInit init) {
  /**
   * Validates the network and copies {@code layers} into an unmodifiable list.
   *
   * @param input shape of one sample
   * @param layers the layers, input side first (at least one)
   * @param loss the cost minimised
   * @param init the weight initialisation
   * @throws IllegalArgumentException when a component is null, there is no layer, a layer does not fit the shape
   *     before it, the last layer is not {@link Dense}, or CROSS_ENTROPY is used without a SOFTMAX output (or one
   *     SIGMOID unit)
   */
  public Network {
    if (input == null) throw new IllegalArgumentException("The 'input' parameter of Network is null.");
    if (loss == null) throw new IllegalArgumentException("The 'loss' parameter of Network is null.");
    if (init == null) throw new IllegalArgumentException("The 'init' parameter of Network is null.");
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("A Network needs at least one layer (the output Dense layer).");
    }
    layers = List.copyOf(layers);
    Shape s = input;
    for (int i = 0; i < layers.size(); i++) s = layers.get(i).outputShape(i, s);
    Layer last = layers.get(layers.size() - 1);
    if (!(last instanceof Dense out)) {
      throw new IllegalArgumentException("The last layer (layer " + (layers.size() - 1) + ", " + last.describe()
          + ") is the output layer and must be a Dense layer.");
    }
    if (loss == Loss.CROSS_ENTROPY) {
      boolean ok = out.activation() == Activation.SOFTMAX
          || (out.activation() == Activation.SIGMOID && out.units() == 1);
      if (!ok) {
        throw new IllegalArgumentException("CROSS_ENTROPY needs an output layer with SOFTMAX (one unit per class) or "
            + "SIGMOID with 1 unit; layer " + (layers.size() - 1) + " is " + out.describe()
            + ". Change its activation, or use SQUARED_ERROR.");
      }
    }
  }

  /**
   * The layers with {@link WeightInit#HE} initialisation.
   *
   * @param input the shape of one sample
   * @param loss the cost minimised
   * @param layers the layers, input side first (at least one; the last a {@link Dense} output layer)
   * @return the network
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static Network of(Shape input, Loss loss, Layer... layers) {
    return new Network(input, List.of(layers), loss, WeightInit.HE);
  }

  /**
   * The same network with another weight initialisation.
   *
   * @param newInit the weight initialisation
   * @return the copy
   * @throws IllegalArgumentException when {@code newInit} is null
   */
  public Network withInit(WeightInit newInit) {
    return new Network(input, layers, loss, newInit);
  }

  /**
   * The shapes along the network.
   *
   * @return the input shape of each layer and, last, the output shape: {@code layers().size() + 1} entries
   */
  public List<Shape> shapes() {
    List<Shape> out = new ArrayList<>();
    Shape s = input;
    out.add(s);
    for (int i = 0; i < layers.size(); i++) {
      s = layers.get(i).outputShape(i, s);
      out.add(s);
    }
    return out;
  }

  /**
   * Shape of the network's output.
   *
   * @return the last entry of {@link #shapes()}
   */
  public Shape outputShape() {
    List<Shape> s = shapes();
    return s.get(s.size() - 1);
  }

  /**
   * The output layer.
   *
   * @return the last layer, always a {@link Dense}
   */
  public Dense outputLayer() {
    return (Dense) layers.get(layers.size() - 1);
  }

  /**
   * Total number of learned parameters (weights, biases, BatchNorm's γ and β).
   *
   * @return the length of the flat parameter vector θ
   */
  public long parameterCount() {
    List<Shape> s = shapes();
    long n = 0;
    for (int i = 0; i < layers.size(); i++) n += layers.get(i).parameterCount(s.get(i));
    return n;
  }

  /**
   * Total number of non-learned statistics kept between steps (BatchNorm's running mean and variance).
   *
   * @return two per BatchNorm channel; 0 without BatchNorm
   */
  public int statisticsCount() {
    List<Shape> s = shapes();
    int n = 0;
    for (int i = 0; i < layers.size(); i++) n += layers.get(i).statisticsCount(s.get(i));
    return n;
  }

  /**
   * Whether the network classifies.
   *
   * @return true for cross-entropy (classification), false for squared error (regression)
   */
  public boolean classifies() {
    return loss == Loss.CROSS_ENTROPY;
  }

  /**
   * A readable table of the network.
   *
   * @return a header, the input, one line per layer (index, layer, output shape, parameters), then the loss,
   *     initialisation and parameter count
   */
  public String summary() {
    StringBuilder b = new StringBuilder();
    List<Shape> s = shapes();
    b.append(String.format(java.util.Locale.ROOT, "%-5s %-48s %-16s %s%n", "layer", "type", "output", "parameters"));
    b.append(String.format(java.util.Locale.ROOT, "%-5s %-48s %-16s %d%n", "in", "input", s.get(0), 0));
    for (int i = 0; i < layers.size(); i++) {
      b.append(String.format(java.util.Locale.ROOT, "%-5d %-48s %-16s %d%n", i, layers.get(i).describe(), s.get(i + 1),
          layers.get(i).parameterCount(s.get(i))));
    }
    b.append("loss ").append(loss).append(", init ").append(init).append(", ").append(parameterCount())
        .append(" parameters");
    return b.toString();
  }

  /**
   * He initialisation, the layers given as a list.
   *
   * @param input shape of one sample
   * @param loss the cost minimised
   * @param layers the layers, input side first (at least one)
   * @return the network
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static Network of(Shape input, Loss loss, List<Layer> layers) {
    return new Network(input, layers, loss, WeightInit.HE);
  }
}
