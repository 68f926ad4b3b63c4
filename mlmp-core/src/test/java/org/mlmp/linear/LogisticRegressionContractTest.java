package org.mlmp.linear;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;

class LogisticRegressionContractTest extends LinearClassifierContract {
  @Override
  protected Trainer<LinearClassifierModel> trainer(long seed) {
    return LogisticRegression.of(0.01).withStandardize(true);
  }

  @Override
  protected Dataset data() {
    return org.mlmp.data.Dataset.of(Fixtures.reference().x(), org.nd4j.linalg.factory.Nd4j.createFromArray(ClassifierTest.C3));
  }
}
