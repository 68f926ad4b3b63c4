package org.mlmp.linear;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class LassoContractTest extends TrainerContract<LinearModel> {
  @Override
  protected Trainer<LinearModel> trainer(long seed) {
    return Lasso.of(0.02);
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
