package org.mlmp.nn;

import org.mlmp.api.Regressor;

/**
 * A trained squared-error {@link Network}: a {@link Regressor} predicting {@code [nSamples]} for one
 * target column or {@code [nSamples, K]} for K. scikit-learn: a fitted {@code MLPRegressor}.
 */
public final class NeuralNetRegressorModel extends NeuralNetModel implements Regressor {
  NeuralNetRegressorModel(Network network, float[] params, float[] stats, Scaler scaler, Targets targets,
      NeuralNet trainer, org.mlmp.data.ImagePreprocessing images, java.util.List<String> classNames) {
    super(network, params, stats, scaler, targets, trainer, images, classNames);
  }
}
