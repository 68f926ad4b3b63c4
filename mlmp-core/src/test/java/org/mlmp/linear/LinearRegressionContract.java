package org.mlmp.linear;

import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The trainer contract for the regressors of this package: on {@link Fixtures#reference()}, comparing predictions. */
abstract class LinearRegressionContract extends TrainerContract<LinearModel> {
  @Override
  protected Dataset data() {
    return Fixtures.reference();
  }

  @Override
  protected INDArray output(LinearModel model, INDArray x) {
    return model.predict(x);
  }
}
