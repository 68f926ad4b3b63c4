package org.mlmp.kernelmethods;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class SvmContractTest extends TrainerContract<SvmModel> {
  @Override
  protected Trainer<SvmModel> trainer(long seed) {
    return new Svm(new Gaussian(0.8), 2.0);
  }

  @Override
  protected Dataset data() {
    return Dataset.of(SvmTest.X, SvmTest.labels());
  }

  @Override
  protected INDArray output(SvmModel model, INDArray x) {
    return model.decisionFunction(x);
  }
}
