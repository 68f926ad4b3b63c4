package org.mlmp.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.mlmp.api.Checks;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;

/**
 * Trains a {@link Network} by mini-batch gradient descent with back-propagation: the configuration of a
 * training run as an immutable value; {@link #fit} returns a new {@link NeuralNetModel}.
 *
 * <p>Each epoch visits the training rows once in an order drawn from (seed, epoch), in mini-batches of
 * {@code batchSize} (the last one smaller if needed), one optimiser step per mini-batch. With
 * {@code validationFraction > 0} that fraction of the rows (a seeded random split) is held out, scored
 * after every epoch, and the parameters of the best validation epoch are the ones returned — best =
 * highest validation accuracy (ties: lower validation cost) for classification, lowest validation cost
 * for regression; with {@code patience > 0} training stops after {@code patience} epochs without
 * improvement (early stopping). Every step's cost is checked: NaN or ±∞ stops training with a
 * {@link TrainingDivergedException} naming the epoch and the first layer whose output is not finite.
 * {@link #train} adds progress reports, an explicit validation set and atomic checkpoints from which a
 * killed run resumes, bitwise identically on the CPU with a fixed thread count.
 *
 * <p>Data: {@code x: [nSamples, C·H·W]} (images flattened row-major) and {@code y: [nSamples]} class labels
 * for {@link Loss#CROSS_ENTROPY} (0..K−1, or any K distinct numbers), or {@code [nSamples]} /
 * {@code [nSamples, K]} targets for {@link Loss#SQUARED_ERROR}. Computation in float on the fast path.
 * PyTorch equivalent: the usual {@code for epoch: for xb, yb in DataLoader(shuffle=True): ...} loop.
 *
 * @param network the architecture, loss and weight initialisation
 * @param optimizer the update rule and learning rate
 * @param epochs maximum number of passes over the training rows (≥ 1)
 * @param batchSize mini-batch size B (≥ 1)
 * @param seed seeds the weights, the validation split, the shuffling and the dropout masks
 * @param validationFraction fraction of rows held out for validation, in [0, 1)
 * @param patience epochs without validation improvement before stopping; 0 = never stop early
 * @param scaling input normalisation, fitted on the training rows
 * @param augmentation random distortions of the training images in every mini-batch
 *     ({@link AffineAugmentation} or {@link ElasticDistortion}), or null for none (image inputs only)
 * @param learningRateDecay the learning rate of epoch e is α·decay^(e−1) (step decay per epoch), in (0, 1];
 *     1 = constant (the default). PyTorch: {@code ExponentialLR(optimizer, gamma=decay)} stepped per epoch
 * @param prefetch prepare the next mini-batch (gathering its shuffled rows and distorting them) on a
 *     background thread while the current step runs (default true); the batches, and so the results, are
 *     bitwise the same either way
 */
public record NeuralNet(Network network, Optimizer optimizer, int epochs, int batchSize, long seed,
    double validationFraction, int patience, InputScaling scaling, Augmentation augmentation, double learningRateDecay,
    boolean prefetch)
    implements Trainer<NeuralNetModel> {
  /**
   * Validates the configuration.
   *
   * @param network the architecture, loss and weight initialisation
   * @param optimizer the update rule and learning rate
   * @param epochs maximum number of passes over the training rows (≥ 1)
   * @param batchSize mini-batch size B (≥ 1)
   * @param seed seeds the weights, the validation split, the shuffling and the dropout masks
   * @param validationFraction fraction of rows held out for validation, in [0, 1)
   * @param patience epochs without validation improvement before stopping; 0 = never stop early
   * @param scaling input normalisation, fitted on the training rows
   * @param augmentation random distortions of the training images in every mini-batch
   *     ({@link AffineAugmentation} or {@link ElasticDistortion}), or null for none (image inputs only)
   * @param learningRateDecay the learning rate of epoch e is α·decay^(e−1) (step decay per epoch), in (0, 1];
   *     1 = constant (the default). PyTorch: {@code ExponentialLR(optimizer, gamma=decay)} stepped per epoch
   * @param prefetch prepare the next mini-batch (gathering its shuffled rows and distorting them) on a
   *     background thread while the current step runs (default true); the batches, and so the results, are
   *     bitwise the same either way
   * @throws IllegalArgumentException naming the parameter and the value when network, optimizer or scaling is
   *     null, epochs or batchSize is below 1, validationFraction is outside [0, 1), patience is negative,
   *     learningRateDecay is outside (0, 1], or an augmentation is given for a network whose input is not an image
   */
  public NeuralNet {
    if (network == null) throw new IllegalArgumentException("The 'network' parameter of NeuralNet is null.");
    if (optimizer == null) throw new IllegalArgumentException("The 'optimizer' parameter of NeuralNet is null.");
    if (scaling == null) throw new IllegalArgumentException("The 'scaling' parameter of NeuralNet is null.");
    Checks.positive("epochs", "NeuralNet", epochs);
    Checks.positive("batchSize", "NeuralNet", batchSize);
    Checks.inRange("validationFraction", "NeuralNet", validationFraction, 0, true, 1, false);
    if (patience < 0) {
      throw new IllegalArgumentException("The 'patience' parameter of NeuralNet must be >= 0. Got " + patience + " instead.");
    }
    Checks.inRange("learningRateDecay", "NeuralNet", learningRateDecay, 0, false, 1, true);
    if (augmentation != null && !network.input().image()) {
      throw new IllegalArgumentException("The 'augmentation' parameter of NeuralNet needs an image input (Shape.image);"
          + " this network's input is " + network.input() + ". Use an image input shape, or no augmentation.");
    }
  }

  /**
   * The defaults: 10 epochs, batch 64, seed 0, 10 % validation, patience 3, {@link InputScaling#GLOBAL}, no
   * augmentation, constant learning rate, prefetching.
   *
   * @param network the architecture, loss and weight initialisation
   * @param optimizer the update rule and learning rate
   * @return the configuration
   * @throws IllegalArgumentException when network or optimizer is null
   */
  public static NeuralNet of(Network network, Optimizer optimizer) {
    return new NeuralNet(network, optimizer, 10, 64, 0, 0.1, 3, InputScaling.GLOBAL, null, 1.0, true);
  }

  /**
   * A copy with another maximum number of epochs.
   *
   * @param e maximum number of passes over the training rows (≥ 1)
   * @return the copy
   * @throws IllegalArgumentException when {@code e < 1}
   */
  public NeuralNet withEpochs(int e) {
    return new NeuralNet(network, optimizer, e, batchSize, seed, validationFraction, patience, scaling,
        augmentation, learningRateDecay, prefetch);
  }

  /**
   * A copy with another mini-batch size.
   *
   * @param b mini-batch size B (≥ 1)
   * @return the copy
   * @throws IllegalArgumentException when {@code b < 1}
   */
  public NeuralNet withBatchSize(int b) {
    return new NeuralNet(network, optimizer, epochs, b, seed, validationFraction, patience, scaling,
        augmentation, learningRateDecay, prefetch);
  }

  /**
   * A copy with another seed (weights, validation split, shuffling, dropout masks).
   *
   * @param s the seed
   * @return the copy
   */
  public NeuralNet withSeed(long s) {
    return new NeuralNet(network, optimizer, epochs, batchSize, s, validationFraction, patience, scaling,
        augmentation, learningRateDecay, prefetch);
  }

  /**
   * A copy with another validation split and early-stopping patience.
   *
   * @param fraction fraction of rows held out for validation, in [0, 1)
   * @param newPatience epochs without validation improvement before stopping (≥ 0; 0 = never stop early)
   * @return the copy
   * @throws IllegalArgumentException when {@code fraction} is outside [0, 1) or {@code newPatience} is negative
   */
  public NeuralNet withValidation(double fraction, int newPatience) {
    return new NeuralNet(network, optimizer, epochs, batchSize, seed, fraction, newPatience, scaling,
        augmentation, learningRateDecay, prefetch);
  }

  /**
   * A copy with another input normalisation.
   *
   * @param s the input scaling, fitted on the training rows
   * @return the copy
   * @throws IllegalArgumentException when {@code s} is null
   */
  public NeuralNet withScaling(InputScaling s) {
    return new NeuralNet(network, optimizer, epochs, batchSize, seed, validationFraction, patience, s,
        augmentation, learningRateDecay, prefetch);
  }

  /**
   * Distorts the training images of every mini-batch (null: none); see {@link AffineAugmentation} and
   * {@link ElasticDistortion}.
   *
   * @param a the distortion, or null for none
   * @return the copy
   * @throws IllegalArgumentException when {@code a} is not null and the network's input is not an image
   */
  public NeuralNet withAugmentation(Augmentation a) {
    return new NeuralNet(network, optimizer, epochs, batchSize, seed, validationFraction, patience, scaling,
        a, learningRateDecay, prefetch);
  }

  /**
   * With the learning rate of epoch e = α·decay^(e−1) (1 = constant).
   *
   * @param decay the factor per epoch, in (0, 1]
   * @return the copy
   * @throws IllegalArgumentException when {@code decay} is outside (0, 1]
   */
  public NeuralNet withLearningRateDecay(double decay) {
    return new NeuralNet(network, optimizer, epochs, batchSize, seed, validationFraction, patience, scaling, augmentation,
        decay, prefetch);
  }

  /**
   * With or without preparing the next mini-batch on a background thread (same results either way).
   *
   * @param p true to prefetch
   * @return the copy
   */
  public NeuralNet withPrefetch(boolean p) {
    return new NeuralNet(network, optimizer, epochs, batchSize, seed, validationFraction, patience, scaling, augmentation,
        learningRateDecay, p);
  }

  /**
   * A copy with another optimiser (update rule and learning rate).
   *
   * @param o the optimiser
   * @return the copy
   * @throws IllegalArgumentException when {@code o} is null
   */
  public NeuralNet withOptimizer(Optimizer o) {
    return new NeuralNet(network, o, epochs, batchSize, seed, validationFraction, patience, scaling,
        augmentation, learningRateDecay, prefetch);
  }

  /** Trains on {@code data} (holding out {@code validationFraction} of it) and returns the model. */
  @Override
  public NeuralNetModel fit(Dataset data) {
    try {
      return train(data, null, TrainingListener.NONE, null).model();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen without a checkpoint file
    }
  }

  /**
   * Trains with everything a long run needs.
   *
   * @param data training rows (and, if {@code validation} is null, the validation rows split off them)
   * @param validation a separate validation set, or null
   * @param listener progress reports ({@link TrainingListener#NONE} for none)
   * @param checkpoint a file written atomically after every epoch, holding parameters, optimiser state,
   *     early-stopping state and learning curves; if it exists when training starts, training resumes from
   *     it (it must come from the same configuration and data). Null for none.
   * @return the model (parameters of the best validation epoch, or of the last epoch without validation) and
   *     the learning curves
   * @throws IOException when the checkpoint cannot be read or written
   */
  public TrainingResult train(Dataset data, Dataset validation, TrainingListener listener, Path checkpoint)
      throws IOException {
    return new TrainingRun(this, data, validation, listener == null ? TrainingListener.NONE : listener, checkpoint)
        .run();
  }

  /**
   * The outcome of {@link #train}.
   *
   * @param model the trained model
   * @param history learning curves, one record per epoch run (including epochs before a resume)
   * @param bestEpoch the epoch whose parameters the model holds
   * @param stoppedEarly whether early stopping ended the run
   * @param resumedAfterEpoch the epochs already done in the checkpoint resumed from (0 = fresh start)
   */
  public record TrainingResult(NeuralNetModel model, History history, int bestEpoch, boolean stoppedEarly,
      int resumedAfterEpoch) {}
}
