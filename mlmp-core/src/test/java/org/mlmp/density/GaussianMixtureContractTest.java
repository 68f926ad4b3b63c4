package org.mlmp.density;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class GaussianMixtureContractTest extends TrainerContract<GaussianMixtureModel> {
  @Override
  protected Trainer<GaussianMixtureModel> trainer(long seed) {
    return GaussianMixture.of(2).withSeed(seed).withRestarts(2);
  }

  @Override
  protected Dataset data() {
    return GaussianMixtureTest.overlapping(30, 4);
  }

  @Override
  protected INDArray output(GaussianMixtureModel model, INDArray x) {
    return model.logDensity(x);
  }
}
