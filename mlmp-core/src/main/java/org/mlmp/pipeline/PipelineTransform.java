package org.mlmp.pipeline;

import java.util.List;
import org.mlmp.api.Transform;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted {@link Pipeline} whose model is itself a {@link Transform} (e.g. standardisation then PCA): it transforms
 * the raw features through every step and the model, and can be a step of another pipeline.
 */
public final class PipelineTransform extends PipelineModel implements Transform {
  PipelineTransform(List<? extends Transform> steps, Transform model) {
    super(steps, model);
  }

  /**
   * The fitted last transform.
   *
   * @return the model, which takes {@link #preprocess}'s output
   */
  @Override
  public Transform model() {
    return (Transform) super.model();
  }

  /**
   * x through every step and the model.
   *
   * @param x features {@code [nSamples, nFeatures]}, as the pipeline was fitted on
   * @return the model's transform of the steps' output {@code [nSamples, nOutputFeatures()]}
   * @throws IllegalArgumentException for a wrong feature count or a NaN or ±∞ in x (row and column named)
   */
  @Override
  public INDArray transform(INDArray x) {
    return model().transform(preprocess(x));
  }

  /**
   * The model's number of output features.
   *
   * @return the number of columns {@link #transform} returns
   */
  @Override
  public int nOutputFeatures() {
    return model().nOutputFeatures();
  }
}
