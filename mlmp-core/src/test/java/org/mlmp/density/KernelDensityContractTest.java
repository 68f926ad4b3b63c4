package org.mlmp.density;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class KernelDensityContractTest extends TrainerContract<KernelDensityModel> {
  @Override
  protected Trainer<KernelDensityModel> trainer(long seed) {
    return new KernelDensity(Bandwidth.scott());
  }

  @Override
  protected Dataset data() {
    return Dataset.of(KernelDensityTest.Z, null);
  }

  @Override
  protected INDArray output(KernelDensityModel model, INDArray x) {
    return model.logDensity(x);
  }
}
