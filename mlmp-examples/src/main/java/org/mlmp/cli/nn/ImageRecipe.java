package org.mlmp.cli.nn;

import static org.mlmp.nn.Activation.IDENTITY;
import static org.mlmp.nn.Activation.RELU;
import static org.mlmp.nn.Activation.SOFTMAX;

import java.util.List;
import java.util.Objects;
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

/**
 * One image data set's training defaults for {@link MnistCommand}: the command name a user types, the data set,
 * the default epochs, patience, learning-rate decay and augmentation, and the CNN. The command is registered once
 * per recipe in {@link #ALL}, so {@code mlmp mnist} and {@code mlmp fashion-mnist} are the same code with different
 * values.
 *
 * @param command the subcommand name ({@code mnist}, {@code fashion-mnist})
 * @param kind the data set
 * @param epochs default maximum epochs (--epochs)
 * @param patience default early-stopping patience in epochs, 0 = never (--patience)
 * @param learningRateDecay default per-epoch factor D of the learning rate α·D^(e−1) (--learning-rate-decay)
 * @param augmentation default --augment value: affine, elastic or none
 * @param cnn the network of {@code --network cnn}
 * @param cnnDescription the CNN in words, for --help
 */
public record ImageRecipe(String command, MnistData.Kind kind, int epochs, int patience, double learningRateDecay,
    String augmentation, Network cnn, String cnnDescription) {
  public ImageRecipe {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cnn, "cnn");
    if (epochs < 1) throw new IllegalArgumentException("ImageRecipe " + command + ": epochs must be >= 1. Got " + epochs + " instead.");
    if (patience < 0) {
      throw new IllegalArgumentException("ImageRecipe " + command + ": patience must be >= 0. Got " + patience + " instead.");
    }
    if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
      throw new IllegalArgumentException("ImageRecipe " + command + ": learningRateDecay must be in (0, 1]. Got "
          + learningRateDecay + " instead.");
    }
    if (!List.of("affine", "elastic", "none").contains(augmentation)) {
      throw new IllegalArgumentException("ImageRecipe " + command + ": augmentation must be affine, elastic or none. Got '"
          + augmentation + "' instead.");
    }
  }

  /** MNIST: a LeNet-like CNN (0.8–0.95 % test error), up to 15 epochs, patience 3, constant rate, no distortions. */
  public static final ImageRecipe MNIST = new ImageRecipe("mnist", MnistData.Kind.MNIST, 15, 3, 1, "none",
      Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY, Conv2d.of(20, 5, RELU), MaxPool.of(2),
          Conv2d.of(50, 5, RELU), MaxPool.of(2), Flatten.of(), Dense.of(500, RELU), Dropout.of(0.5),
          Dense.of(10, SOFTMAX)),
      "conv5x5 20 ReLU, maxpool 2, conv5x5 50 ReLU, maxpool 2, dense 500 ReLU, dropout 0.5, softmax");

  /**
   * Fashion-MNIST: a wider, batch-normalised CNN (MNIST's LeNet-like one stops at about 9.5 % test error here):
   * three blocks of a 3×3 convolution (32, 64, 128 channels, padding 1), BatchNorm + ReLU and 2×2 max pooling,
   * dropout 0.25, then Dense(256) + BatchNorm + ReLU, dropout 0.5 and the softmax output. Without augmentation it
   * overfits after ~5 epochs at a constant learning rate (8.62 % test error), and affine distortions slowed it down
   * (9.5 % validation error after 6 epochs; docs/nn-measurements.md), so the rate decays by 0.75 per epoch, for up to
   * 12 epochs with patience 4, without distortions.
   */
  public static final ImageRecipe FASHION_MNIST = new ImageRecipe("fashion-mnist", MnistData.Kind.FASHION_MNIST, 12, 4,
      0.75, "none",
      Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY,
          Conv2d.of(32, 3, IDENTITY).withPadding(1), BatchNorm.of(RELU), MaxPool.of(2),
          Conv2d.of(64, 3, IDENTITY).withPadding(1), BatchNorm.of(RELU), MaxPool.of(2),
          Conv2d.of(128, 3, IDENTITY).withPadding(1), BatchNorm.of(RELU), MaxPool.of(2), Dropout.of(0.25),
          Flatten.of(), Dense.of(256, IDENTITY), BatchNorm.of(RELU), Dropout.of(0.5), Dense.of(10, SOFTMAX)),
      "three blocks conv3x3 (32, 64, 128 channels, padding 1) + BatchNorm ReLU + maxpool 2, dropout 0.25,"
          + " dense 256 + BatchNorm ReLU, dropout 0.5, softmax");

  /** Every recipe, one subcommand each. */
  public static final List<ImageRecipe> ALL = List.of(MNIST, FASHION_MNIST);
}
