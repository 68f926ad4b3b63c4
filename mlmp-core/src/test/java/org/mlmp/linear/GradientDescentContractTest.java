package org.mlmp.linear;

import org.mlmp.api.Trainer;

class GradientDescentContractTest extends LinearRegressionContract {
  @Override
  protected Trainer<LinearModel> trainer(long seed) {
    return GradientDescent.of(0.05).withStandardize(true).withBatchSize(10, seed).withMaxIterations(50);
  }
}
