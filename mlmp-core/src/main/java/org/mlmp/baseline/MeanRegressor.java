package org.mlmp.baseline;

import org.mlmp.api.Checks;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;

/**
 * The baseline every regressor must beat: predict the training mean of y, whatever x is
 * (scikit-learn's {@code DummyRegressor(strategy="mean")}). Its R² on the training data is 0.
 */
public record MeanRegressor() implements Trainer<MeanModel> {
  @Override
  public MeanModel fit(Dataset data) {
    if (!data.hasTargets()) throw new IllegalArgumentException("MeanRegressor needs targets y; the data set has none.");
    data.requireFinite();
    var y = data.y();
    Checks.finite(y, "y");
    var y2 = y.rank() == 1 ? y.reshape(y.length(), 1) : y;
    double[] mean = y2.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mean(0).toDoubleVector();
    return new MeanModel(this, mean, data.nFeatures(), y.rank() == 1);
  }

  /**
   * The mean predictor (it has no parameter).
   *
   * @return the configuration
   */
  public static MeanRegressor of() {
    return new MeanRegressor();
  }
}
