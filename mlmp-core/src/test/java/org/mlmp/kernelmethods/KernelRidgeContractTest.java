package org.mlmp.kernelmethods;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class KernelRidgeContractTest extends TrainerContract<KernelRidgeModel> {
  @Override
  protected Trainer<KernelRidgeModel> trainer(long seed) {
    return new KernelRidge(new Gaussian(1.0), 0.1);
  }

  @Override
  protected Dataset data() {
    return KernelRidgeTest.referenceData();
  }

  @Override
  protected INDArray output(KernelRidgeModel model, INDArray x) {
    return model.predict(x);
  }
}
