package org.mlmp.baseline;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class MeanRegressorContractTest extends TrainerContract<MeanModel> {
  @Override
  protected Trainer<MeanModel> trainer(long seed) {
    return new MeanRegressor();
  }

  @Override
  protected Dataset data() {
    double[][] x = new double[12][3];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i, i * i, Math.sin(i)};
      y[i] = 2 * i + 1;
    }
    return Dataset.of(x, y);
  }

  @Override
  protected INDArray output(MeanModel model, INDArray x) {
    return model.predict(x);
  }
}
