package org.mlmp.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A fitted model that predicts real-valued targets. */
public interface Regressor extends Model {
  /**
   * @param x features {@code [nSamples, nFeatures]}
   * @return predictions {@code [nSamples]} (one target) or {@code [nSamples, nTargets]}
   */
  INDArray predict(INDArray x);

  /**
   * {@link #predict(INDArray)} with plain Java arrays, for a model with one target.
   *
   * @param x features {@code double[nSamples][nFeatures]}
   * @return predictions {@code double[nSamples]}
   * @throws IllegalArgumentException for a wrong shape (the row and both feature counts named), a NaN or ±∞
   *     (row and column named), or a model with several targets (use {@link #predict(INDArray)})
   */
  default double[] predict(double[][] x) {
    return oneTarget(predict(Matrices.samples(x, nFeatures(), getClass().getSimpleName())));
  }

  /**
   * The prediction for one sample, for a model with one target.
   *
   * @param sample features {@code double[nFeatures]}
   * @return the prediction
   * @throws IllegalArgumentException for a wrong feature count, a NaN or ±∞, or a model with several targets
   */
  default double predict(double[] sample) {
    return oneTarget(predict(Matrices.sample(sample, nFeatures(), getClass().getSimpleName())))[0];
  }

  private double[] oneTarget(INDArray predictions) {
    if (predictions.rank() == 2 && predictions.columns() != 1) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " predicts " + predictions.columns()
          + " targets per sample; the double[] forms of predict return one. Use predict(INDArray), which returns "
          + "[nSamples, nTargets].");
    }
    return Matrices.flat(predictions);
  }

  /**
   * Mean squared error of the predictions against {@code y}.
   *
   * @param x features {@code [nSamples, nFeatures]}
   * @param y the targets
   * @return the MSE (see {@link Metrics#mse})
   */
  default double mse(INDArray x, INDArray y) {
    return Metrics.mse(predict(x), y);
  }

  /**
   * Coefficient of determination R² = 1 − SS_res / SS_tot (per target, averaged).
   *
   * @param x features {@code [nSamples, nFeatures]}
   * @param y the targets
   * @return R² (see {@link Metrics#r2})
   */
  default double r2(INDArray x, INDArray y) {
    return Metrics.r2(predict(x), y);
  }
}
