package org.mlmp.decomposition;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class KernelPcaContractTest extends TrainerContract<KernelPcaModel> {
  @Override
  protected Trainer<KernelPcaModel> trainer(long seed) {
    return new KernelPca(new Gaussian(1.5), 2);
  }

  @Override
  protected Dataset data() {
    return Dataset.of(PcaTest.X, null);
  }

  @Override
  protected INDArray output(KernelPcaModel model, INDArray x) {
    return model.transform(x);
  }
}
