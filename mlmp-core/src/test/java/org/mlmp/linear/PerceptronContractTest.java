package org.mlmp.linear;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class PerceptronContractTest extends TrainerContract<LinearClassifierModel> {
  @Override
  protected Trainer<LinearClassifierModel> trainer(long seed) {
    return new Perceptron(50, seed, true, true);
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
