package org.mlmp.cli.nn;

import static org.mlmp.nn.Activation.IDENTITY;
import static org.mlmp.nn.Activation.RELU;
import static org.mlmp.nn.Activation.SOFTMAX;

import org.mlmp.data.MnistData;
import org.mlmp.nn.BatchNorm;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Dropout;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Loss;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.Shape;
import picocli.CommandLine.Command;

/**
 * {@code mlmp fashion-mnist}: {@link MnistCommand} on Fashion-MNIST. Its CNN is wider than MNIST's
 * LeNet-like one and batch-normalised (that net stops at about 9.5 % test error here): three blocks of a
 * 3×3 convolution (32, 64, 128 channels, padding 1), BatchNorm + ReLU and 2×2 max pooling, dropout 0.25,
 * then Dense(256) + BatchNorm + ReLU, dropout 0.5 and the softmax output. Without augmentation it overfits
 * after ~5 epochs at a constant learning rate (8.62 % test error), and affine distortions slowed it down
 * (9.5 % validation error after 6 epochs; docs/nn-measurements.md), so by default this command decays
 * the learning rate by 0.75 per epoch, for up to 12 epochs with patience 4, without distortions.
 */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
    description = "Train a CNN (default) or an MLP on Fashion-MNIST and report the test error.")
public final class FashionMnistCommand extends MnistCommand {
  @Override
  MnistData.Kind kind() {
    return MnistData.Kind.FASHION_MNIST;
  }

  @Override
  int defaultEpochs() {
    return 12;
  }

  @Override
  int defaultPatience() {
    return 4;
  }

  @Override
  double defaultLearningRateDecay() {
    return 0.75;
  }

  @Override
  Network cnn() {
    return Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY,
        new Conv2d(32, 3, 1, 1, IDENTITY), BatchNorm.of(RELU), MaxPool.of(2),
        new Conv2d(64, 3, 1, 1, IDENTITY), BatchNorm.of(RELU), MaxPool.of(2),
        new Conv2d(128, 3, 1, 1, IDENTITY), BatchNorm.of(RELU), MaxPool.of(2), new Dropout(0.25),
        new Flatten(), new Dense(256, IDENTITY), BatchNorm.of(RELU), new Dropout(0.5), new Dense(10, SOFTMAX));
  }
}
