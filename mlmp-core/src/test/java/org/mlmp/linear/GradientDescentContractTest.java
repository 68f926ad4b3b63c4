package org.mlmp.linear;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class GradientDescentContractTest extends TrainerContract<LinearModel> {
  @Override
  protected Trainer<LinearModel> trainer(long seed) {
    return GradientDescent.of(0.05).withStandardize(true).withBatchSize(10, seed).withMaxIterations(50);
  }

  @Override
  protected Dataset data() {
    return Fixtures.reference();
  }

  @Override
  protected INDArray output(LinearModel model, INDArray x) {
    return model.predict(x);
  }
}
