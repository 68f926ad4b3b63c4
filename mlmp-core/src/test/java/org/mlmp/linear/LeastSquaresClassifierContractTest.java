package org.mlmp.linear;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class LeastSquaresClassifierContractTest extends TrainerContract<LinearClassifierModel> {
  @Override
  protected Trainer<LinearClassifierModel> trainer(long seed) {
    return new LeastSquaresClassifier(0.01, true, true);
  }

  @Override
  protected Dataset data() {
    return ClassifierTest.binary();
  }

  @Override
  protected INDArray output(LinearClassifierModel model, INDArray x) {
    return model.decisionFunction(x);
  }
}
