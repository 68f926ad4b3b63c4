package org.mlmp.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A fitted model that predicts real-valued targets. */
public interface Regressor extends Model {
  /**
   * @param x features {@code [nSamples, nFeatures]}
   * @return predictions {@code [nSamples]} (one target) or {@code [nSamples, nTargets]}
   */
  INDArray predict(INDArray x);

  /** Mean squared error of the predictions against {@code y}. */
  default double mse(INDArray x, INDArray y) {
    return Metrics.mse(predict(x), y);
  }

  /** Coefficient of determination R² = 1 − SS_res / SS_tot (per target, averaged). */
  default double r2(INDArray x, INDArray y) {
    return Metrics.r2(predict(x), y);
  }
}
