package org.mlmp.linear;

import org.mlmp.api.Trainer;

class OrdinaryLeastSquaresContractTest extends LinearRegressionContract {
  @Override
  protected Trainer<LinearModel> trainer(long seed) {
    return new OrdinaryLeastSquares();
  }
}
