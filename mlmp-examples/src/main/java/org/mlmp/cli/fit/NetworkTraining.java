package org.mlmp.cli.fit;

import java.io.IOException;
import org.mlmp.api.Dataset;
import org.mlmp.nn.NeuralNet;

/**
 * Where {@code mlmp fit}'s networks ({@code --model mlp-regressor|mlp-classifier|cnn}) are trained: on this
 * machine ({@link #LOCAL}, the default) or elsewhere — {@code mlmp spark train} runs the same command with the
 * steps on Spark, so both take the same options and print the same JSON.
 */
@FunctionalInterface
public interface NetworkTraining {
  /** {@link NeuralNet#train} in this process, without validation set, listener or checkpoint. */
  NetworkTraining LOCAL = (trainer, data) -> trainer.train(data, null, null, null);

  /**
   * Trains a network.
   *
   * @param trainer the configuration {@code mlmp fit} built from its options
   * @param data the training rows
   * @return the model and its learning curves
   * @throws IOException if a file the training writes or reads fails
   */
  NeuralNet.TrainingResult train(NeuralNet trainer, Dataset data) throws IOException;
}
