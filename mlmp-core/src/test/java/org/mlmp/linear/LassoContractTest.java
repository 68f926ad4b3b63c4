package org.mlmp.linear;

import org.mlmp.api.Trainer;

class LassoContractTest extends LinearRegressionContract {
  @Override
  protected Trainer<LinearModel> trainer(long seed) {
    return Lasso.of(0.02);
  }
}
