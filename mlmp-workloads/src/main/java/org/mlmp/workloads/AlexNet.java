package org.mlmp.workloads;

import static org.mlmp.nn.Activation.IDENTITY;
import static org.mlmp.nn.Activation.RELU;

import java.util.List;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Dropout;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Loss;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.Shape;

/**
 * The AlexNet convolution layers of issue #6 (Krizhevsky et al. 2012, single tower, groups 1), one by
 * one, as mlmp networks whose timing is that layer's.
 *
 * <p>Each benchmark network is {@code Dropout(0) → Conv2d(identity) → Flatten → Dense(1)}: the identity
 * dropout in front makes the convolution the second layer, so its backward pass computes the input
 * gradient too (the first layer of a network skips it); the one-unit head is there because an mlmp network ends
 * with a dense layer. The benchmarks run the convolution alone, as the peers do ({@code conv(x)} and
 * {@code conv(x).sum().backward()}): forward through it ({@link org.mlmp.nn.TrainingSession#forward(int)}) and
 * back-propagation of ∂C/∂a = 1 of its output
 * ({@link org.mlmp.nn.TrainingSession#backpropagate(int, org.nd4j.linalg.api.ndarray.INDArray)}), so the head never
 * runs. (Until 2026-12-05 the convolution had a ReLU and the squared-error loss was evaluated; until 2026-12-06 the
 * head ran too, forward and backward. Its passes took as long as copying ∂C/∂a = 1 in now takes, so the
 * forward+backward rows did not change; the forward row is 1–2 ms of about 45 faster; docs/nn-measurements.md.)
 * FLOPs are counted as 2·K²·Cin·Cout·Hout·Wout per image forward and twice that backward.
 */
public final class AlexNet {
  private AlexNet() {}

  /**
   * One convolution layer: name, input channels, output channels, kernel, stride, padding, input size.
   *
   * @param name "conv1" … "conv5"
   * @param cin input channels
   * @param cout output channels (filters)
   * @param kernel window height and width k
   * @param stride step between windows
   * @param padding zeros added on each border
   * @param size input height and width in pixels
   */
  public record ConvLayer(String name, int cin, int cout, int kernel, int stride, int padding, int size) {
    /**
     * The output height and width.
     *
     * @return (size + 2·padding − kernel) / stride + 1
     */
    public int outSize() {
      return (size + 2 * padding - kernel) / stride + 1;
    }

    /**
     * Forward FLOPs per image.
     *
     * @return 2·K²·Cin·Cout·Hout·Wout
     */
    public double flops() {
      return 2.0 * kernel * kernel * cin * cout * outSize() * outSize();
    }

    /** The index of the convolution in {@link #network()}: the layer the benchmarks run to and back-propagate from. */
    public static final int CONVOLUTION = 1;

    /**
     * Values per image of the convolution's output.
     *
     * @return Cout·Hout·Wout
     */
    public int outputs() {
      return cout * outSize() * outSize();
    }

    /**
     * The benchmark network for this layer: the convolution without activation, as the peers time it (PyTorch's
     * {@code nn.Conv2d}, forward and {@code conv(x).sum().backward()}), and the one-unit linear head every mlmp network
     * ends with, which the benchmarks do not run: they run layers up to {@link #CONVOLUTION} forward and
     * back-propagate ∂C/∂a = 1 of its output with
     * {@link org.mlmp.nn.TrainingSession#backpropagate(int, org.nd4j.linalg.api.ndarray.INDArray)} (the loss is never
     * evaluated). {@code Dropout(0)} in front makes the convolution compute its input gradient, as the peers' inputs
     * with {@code requires_grad} do (the network's first layer skips it). The engine runs a rate-0 dropout as a view of
     * its input (no copy, nothing to time).
     *
     * @return {@code Dropout(0) → Conv2d(identity) → Flatten → Dense(1, identity)} with squared error
     */
    public Network network() {
      return Network.of(Shape.image(cin, size, size), Loss.SQUARED_ERROR, Dropout.of(0.0),
          Conv2d.of(cout, kernel, IDENTITY).withStride(stride).withPadding(padding), Flatten.of(), Dense.of(1, IDENTITY));
    }
  }

  /** AlexNet's five convolution layers, conv1 first (single tower, 224 × 224 input). */
  public static final List<ConvLayer> LAYERS = List.of(
      new ConvLayer("conv1", 3, 96, 11, 4, 2, 224),
      new ConvLayer("conv2", 96, 256, 5, 1, 2, 27),
      new ConvLayer("conv3", 256, 384, 3, 1, 1, 13),
      new ConvLayer("conv4", 384, 384, 3, 1, 1, 13),
      new ConvLayer("conv5", 384, 256, 3, 1, 1, 13));

  /**
   * The whole network as torchvision's {@code alexnet()} defines it (3×224×224 input; conv 64/192/384/256/256
   * with ReLU and 3×3 stride-2 max-pools; the adaptive 6×6 average pool is the identity at this input size;
   * dropout 0.5, dense 4096-4096-1000, softmax cross-entropy). No local response normalisation.
   *
   * @return the network
   */
  public static Network torchvision() {
    return Network.of(Shape.image(3, 224, 224), Loss.CROSS_ENTROPY,
        Conv2d.of(64, 11, RELU).withStride(4).withPadding(2), MaxPool.of(3).withStride(2),
        Conv2d.of(192, 5, RELU).withPadding(2), MaxPool.of(3).withStride(2),
        Conv2d.of(384, 3, RELU).withPadding(1), Conv2d.of(256, 3, RELU).withPadding(1), Conv2d.of(256, 3, RELU)
            .withPadding(1),
        MaxPool.of(3).withStride(2), Flatten.of(),
        Dropout.of(0.5), Dense.of(4096, RELU), Dropout.of(0.5), Dense.of(4096, RELU),
        Dense.of(1000, org.mlmp.nn.Activation.SOFTMAX));
  }

  /**
   * One layer of {@link #LAYERS} by name.
   *
   * @param name "conv1" … "conv5"
   * @return the layer
   * @throws IllegalArgumentException for any other name
   */
  public static ConvLayer layer(String name) {
    return LAYERS.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("layer must be one of conv1..conv5. Got '" + name + "' instead."));
  }
}
