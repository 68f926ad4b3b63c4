package org.mlmp.linear;

import org.mlmp.api.Trainer;

class RidgeContractTest extends LinearRegressionContract {
  @Override
  protected Trainer<LinearModel> trainer(long seed) {
    return Ridge.of(0.05).withStandardize(true);
  }
}
