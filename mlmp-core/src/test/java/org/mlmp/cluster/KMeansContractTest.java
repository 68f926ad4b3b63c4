package org.mlmp.cluster;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class KMeansContractTest extends TrainerContract<KMeansModel> {
  @Override
  protected Trainer<KMeansModel> trainer(long seed) {
    return KMeans.of(3).withSeed(seed);
  }

  @Override
  protected Dataset data() {
    return Dataset.of(KMeansTest.S, null);
  }

  @Override
  protected INDArray output(KMeansModel model, INDArray x) {
    return model.transform(x);
  }
}
