package org.mlmp.pipeline;

import java.util.List;
import org.mlmp.api.Regressor;
import org.mlmp.api.Transform;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A fitted {@link Pipeline} whose model is a {@link Regressor}: it predicts values from the raw features. */
public final class PipelineRegressor extends PipelineModel implements Regressor {
  PipelineRegressor(List<? extends Transform> steps, Regressor model) {
    super(steps, model);
  }

  /**
   * The fitted regressor.
   *
   * @return the model, which takes {@link #preprocess}'s output
   */
  @Override
  public Regressor model() {
    return (Regressor) super.model();
  }

  /**
   * The model's predictions for x after every step.
   *
   * @param x features {@code [nSamples, nFeatures]}, as the pipeline was fitted on
   * @return predictions {@code [nSamples]} (one target) or {@code [nSamples, nTargets]}
   * @throws IllegalArgumentException for a wrong feature count or a NaN or ±∞ in x (row and column named)
   */
  @Override
  public INDArray predict(INDArray x) {
    return model().predict(preprocess(x));
  }
}
