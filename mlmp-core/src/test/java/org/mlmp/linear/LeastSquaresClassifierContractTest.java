package org.mlmp.linear;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;

class LeastSquaresClassifierContractTest extends LinearClassifierContract {
  @Override
  protected Trainer<LinearClassifierModel> trainer(long seed) {
    return new LeastSquaresClassifier(0.01, true, true);
  }

  @Override
  protected Dataset data() {
    return ClassifierTest.binary();
  }
}
