package org.mlmp.nn;

import org.mlmp.io.ConfigJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlmp.nn.Activation.*;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Build-time shape checking, parameter validation and the network description's JSON form. */
class NetworkTest {
  static Network lenet() {
    return Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY, Conv2d.of(20, 5, IDENTITY), MaxPool.of(2),
        Conv2d.of(50, 5, IDENTITY), MaxPool.of(2), Flatten.of(), Dense.of(500, RELU), Dense.of(10, SOFTMAX));
  }

  @Test
  void lenetShapesAndParameterCount() {
    Network n = lenet();
    assertEquals(List.of(Shape.image(1, 28, 28), Shape.image(20, 24, 24), Shape.image(20, 12, 12),
        Shape.image(50, 8, 8), Shape.image(50, 4, 4), Shape.vector(800), Shape.vector(500), Shape.vector(10)),
        n.shapes());
    // 20·1·25+20 + 50·20·25+50 + 800·500+500 + 500·10+10, as torch's sum(p.numel()) for the same model.
    assertEquals(520 + 25050 + 400500 + 5010, n.parameterCount());
  }

  @Test
  void batchNormKeepsTheShapeAndHasTwoParametersAndTwoStatisticsPerChannel() {
    // Per feature map after a convolution (as torch.nn.BatchNorm2d(8)), per unit after a Dense layer (BatchNorm1d(5)).
    Network n = Network.of(Shape.image(1, 6, 6), Loss.CROSS_ENTROPY, Conv2d.of(8, 3, IDENTITY), BatchNorm.of(RELU),
        Flatten.of(), Dense.of(5, IDENTITY), BatchNorm.of(TANH), Dense.of(2, SOFTMAX));
    assertEquals(Shape.image(8, 4, 4), n.shapes().get(2));
    assertEquals(Shape.vector(5), n.shapes().get(5));
    assertEquals(8 * 9 + 8 + 16 + 128 * 5 + 5 + 10 + 5 * 2 + 2, n.parameterCount());
    assertEquals(16 + 10, n.statisticsCount());
  }

  @Test
  void kernelLargerThanItsInputFailsWithIndexShapesAndInequality() {
    // 28 → conv5 → 24 → pool2 → 12 → conv5 → 8 → pool4 → 2; a 5×5 kernel cannot fit on the 2×2 map.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY, Conv2d.of(20, 5, RELU), MaxPool.of(2),
            Conv2d.of(20, 5, RELU), MaxPool.of(4), Conv2d.of(10, 5, RELU), Flatten.of(), Dense.of(10, SOFTMAX)));
    assertEquals("Layer 4 (Conv2d(10, 5x5, stride 1, padding 0, RELU)) cannot be applied to its input [20, 2, 2]: "
        + "the 5x5 window needs height + 2*padding >= kernel, but 2 + 2*0 = 2 < 5. Use a smaller kernel, more padding,"
        + " or fewer pooling layers before it.", e.getMessage());
  }

  static Stream<Arguments> badNetworks() {
    return Stream.of(
        Arguments.of((Supplier<Object>) () -> Network.of(Shape.image(1, 8, 8), Loss.CROSS_ENTROPY, Dense.of(10, SOFTMAX)),
            "Layer 0 (Dense(10, SOFTMAX)) needs a vector input but receives [1, 8, 8]. Insert a Flatten layer before it."),
        Arguments.of((Supplier<Object>) () -> Network.of(Shape.vector(4), Loss.SQUARED_ERROR, MaxPool.of(2),
            Dense.of(1, IDENTITY)), "Layer 0 (MaxPool(2x2, stride 2)) needs an image [channels, height, width] input"),
        Arguments.of((Supplier<Object>) () -> Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(3, RELU)),
            "CROSS_ENTROPY needs an output layer with SOFTMAX (one unit per class) or SIGMOID with 1 unit; layer 0 is "
                + "Dense(3, RELU)."),
        Arguments.of((Supplier<Object>) () -> Network.of(Shape.vector(4), Loss.SQUARED_ERROR, Dense.of(3, RELU),
            Dropout.of(0.5)), "The last layer (layer 1, Dropout(0.5)) is the output layer and must be a Dense layer."),
        Arguments.of((Supplier<Object>) () -> Network.of(Shape.image(1, 6, 6), Loss.SQUARED_ERROR, MaxPool.of(2)
            .withStride(1),
            AvgPool.of(6), Flatten.of(), Dense.of(1, IDENTITY)),
            "Layer 1 (AvgPool(6x6, stride 6)) cannot be applied to its input [1, 5, 5]: the 6x6 window needs height"
                + " + 2*padding >= kernel, but 5 + 2*0 = 5 < 6."),
        Arguments.of((Supplier<Object>) () -> Conv2d.of(4, 3, RELU).withPadding(-1),
            "The 'padding' parameter of Conv2d must be >= 0. Got -1 instead."),
        Arguments.of((Supplier<Object>) () -> Conv2d.of(4, 0, RELU),
            "The 'kernel' parameter of Conv2d must be >= 1. Got 0 instead."),
        Arguments.of((Supplier<Object>) () -> BatchNorm.of(RELU).withMomentum(0),
            "The 'momentum' parameter of BatchNorm must be in the range (0, 1]. Got 0.0 instead."),
        Arguments.of((Supplier<Object>) () -> BatchNorm.of(RELU).withEpsilon(-1e-5),
            "The 'epsilon' parameter of BatchNorm must be > 0. Got -1.0E-5 instead."),
        Arguments.of((Supplier<Object>) () -> BatchNorm.of(SOFTMAX),
            "The 'activation' parameter of BatchNorm cannot be SOFTMAX"),
        Arguments.of((Supplier<Object>) () -> Network.of(Shape.vector(4), Loss.SQUARED_ERROR, Dense.of(3, IDENTITY),
            BatchNorm.of(IDENTITY)), "The last layer (layer 1, BatchNorm(momentum 0.1, epsilon 1.0E-5, IDENTITY)) is the"
                + " output layer and must be a Dense layer."),
        Arguments.of((Supplier<Object>) () -> Dropout.of(1.0),
            "The 'rate' parameter of Dropout must be in the range [0, 1). Got 1.0 instead."),
        Arguments.of((Supplier<Object>) () -> Optimizer.Adam.of(1e-3).withBeta2(1.0),
            "The 'beta2' parameter of Adam must be in the range [0, 1). Got 1.0 instead."),
        Arguments.of((Supplier<Object>) () -> Optimizer.Sgd.of(-0.1),
            "The 'learningRate' parameter of GradientDescent must be > 0. Got -0.1 instead."),
        Arguments.of((Supplier<Object>) () -> Optimizer.Momentum.of(0.1, 1.0).withNesterov(true),
            "The 'momentum' parameter of Momentum must be in the range [0, 1). Got 1.0 instead."),
        Arguments.of((Supplier<Object>) () -> NeuralNet.of(lenet(), Optimizer.Adam.of(1e-3)).withEpochs(0),
            "The 'epochs' parameter of NeuralNet must be >= 1. Got 0 instead."),
        Arguments.of((Supplier<Object>) () -> NeuralNet.of(lenet(), Optimizer.Adam.of(1e-3)).withValidation(1.0, 2),
            "The 'validationFraction' parameter of NeuralNet must be in the range [0, 1). Got 1.0 instead."));
  }

  @ParameterizedTest
  @MethodSource("badNetworks")
  void invalidConfigurationsFailWithTheirMessage(Supplier<Object> build, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertTrue(e.getMessage().startsWith(message), "message was: " + e.getMessage());
  }

  @Test
  void jsonRoundTrip() {
    Network n = Network.of(Shape.image(3, 9, 9), Loss.CROSS_ENTROPY, Conv2d.of(4, 3, LEAKY_RELU).withStride(2)
        .withPadding(1), AvgPool.of(2).withStride(1), BatchNorm.of(RELU).withMomentum(0.2)
        .withEpsilon(1e-3), Flatten.of(), Dropout.of(0.25), Dense.of(5, TANH), Dense.of(1, SIGMOID))
        .withInit(WeightInit.XAVIER);
    assertEquals(n, ConfigJson.read(ConfigJson.write(n), Network.class));
    for (Optimizer o : List.of(Optimizer.Sgd.of(0.5), Optimizer.Momentum.of(0.1, 0.8).withNesterov(true),
        Optimizer.Adam.of(3e-4))) {
      assertEquals(o, ConfigJson.readAny(ConfigJson.writeAny(o), Optimizer.class));
      if (o instanceof Optimizer.Sgd) {
        assertEquals("GradientDescent", ConfigJson.writeAny(o).path("type").asText(), "the name of format version 1");
      }
    }
  }
}
