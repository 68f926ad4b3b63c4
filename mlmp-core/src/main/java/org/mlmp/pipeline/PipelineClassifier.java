package org.mlmp.pipeline;

import java.util.List;
import org.mlmp.api.ClassLabels;
import org.mlmp.api.Classifier;
import org.mlmp.api.Transform;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted {@link Pipeline} whose model is a {@link Classifier}: it predicts classes from the raw features. The
 * model's other outputs (decision values, probabilities) take {@link #preprocess}'s output, e.g.
 * {@code ((SvmModel) p.model()).decisionFunction(p.preprocess(x))}.
 */
public final class PipelineClassifier extends PipelineModel implements Classifier {
  PipelineClassifier(List<? extends Transform> steps, Classifier model) {
    super(steps, model);
  }

  /**
   * The fitted classifier.
   *
   * @return the model, which takes {@link #preprocess}'s output
   */
  @Override
  public Classifier model() {
    return (Classifier) super.model();
  }

  /**
   * The model's classes.
   *
   * @return the distinct class values seen in training, sorted ascending
   */
  @Override
  public double[] classes() {
    return model().classes();
  }

  /**
   * The model's classes as they came (names for a model fitted on text labels), so that
   * {@link #predictLabels(INDArray)} gives the model's labels.
   *
   * @return the model's class labels
   */
  @Override
  public ClassLabels classLabels() {
    return model().classLabels();
  }

  /**
   * The model's predicted classes for x after every step.
   *
   * @param x features {@code [nSamples, nFeatures]}, as the pipeline was fitted on
   * @return predicted class values {@code [nSamples]}, from {@link #classes()}
   * @throws IllegalArgumentException for a wrong feature count or a NaN or ±∞ in x (row and column named)
   */
  @Override
  public INDArray predict(INDArray x) {
    return model().predict(preprocess(x));
  }
}
