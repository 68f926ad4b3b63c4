package org.mlmp.decomposition;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class PcaContractTest extends TrainerContract<PcaModel> {
  @Override
  protected Trainer<PcaModel> trainer(long seed) {
    return new Pca(2, true);
  }

  @Override
  protected Dataset data() {
    return Dataset.of(PcaTest.X, null);
  }

  @Override
  protected INDArray output(PcaModel model, INDArray x) {
    return model.transform(x);
  }
}
