package org.mlmp.linear;

import org.mlmp.api.Trainer;

class BestSubsetContractTest extends LinearRegressionContract {
  @Override
  protected Trainer<LinearModel> trainer(long seed) {
    return BestSubset.of(0.01);
  }
}
