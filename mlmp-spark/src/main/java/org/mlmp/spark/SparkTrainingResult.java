package org.mlmp.spark;

import java.util.List;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;

/**
 * The outcome of a Spark training run.
 *
 * @param result what {@link NeuralNet#train} returns: the model (best validation epoch's parameters, or the last
 *     ones), learning curves, best epoch, whether early stopping ended the run
 * @param epochs one record per epoch, with the time the tasks spent in the engine
 */
public record SparkTrainingResult(NeuralNet.TrainingResult result, List<SparkEpoch> epochs) {
  /**
   * The trained model.
   *
   * @return {@code result().model()}
   */
  public NeuralNetModel model() {
    return result.model();
  }
}
