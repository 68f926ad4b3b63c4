package org.mlmp.linear;

import org.mlmp.api.Trainer;

class ElasticNetContractTest extends LinearRegressionContract {
  @Override
  protected Trainer<LinearModel> trainer(long seed) {
    return ElasticNet.of(0.03, 0.6).withStandardize(true);
  }
}
