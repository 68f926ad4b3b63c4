package org.mlmp.linear;

import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;

class PerceptronContractTest extends LinearClassifierContract {
  @Override
  protected Trainer<LinearClassifierModel> trainer(long seed) {
    return new Perceptron(50, seed, true, true);
  }

  @Override
  protected Dataset data() {
    // linearly separable labels, so the perceptron converges: class 1 where x0 − x1 > 0.1
    Dataset d = Fixtures.reference();
    double[][] x = d.x().toDoubleMatrix();
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = x[i][0] - x[i][1] > 0.1 ? 1 : 0;
    return Dataset.of(d.x(), org.nd4j.linalg.factory.Nd4j.createFromArray(y));
  }
}
