package org.mlmp.linear;

import org.mlmp.api.Trainer;

class ForwardSelectionContractTest extends LinearRegressionContract {
  @Override
  protected Trainer<LinearModel> trainer(long seed) {
    return ForwardSelection.of(0.01);
  }
}
