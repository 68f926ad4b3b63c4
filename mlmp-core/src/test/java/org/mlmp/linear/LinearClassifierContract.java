package org.mlmp.linear;

import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The trainer contract for the classifiers of this package, comparing decision functions. */
abstract class LinearClassifierContract extends TrainerContract<LinearClassifierModel> {
  @Override
  protected INDArray output(LinearClassifierModel model, INDArray x) {
    return model.decisionFunction(x);
  }
}
