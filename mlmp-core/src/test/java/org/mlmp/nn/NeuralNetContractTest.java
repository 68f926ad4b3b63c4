package org.mlmp.nn;

import static org.mlmp.nn.Activation.*;

import java.util.Random;
import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class NeuralNetContractTest extends TrainerContract<NeuralNetModel> {
  @Override
  protected Trainer<NeuralNetModel> trainer(long seed) {
    Network net = Network.of(Shape.vector(3), Loss.CROSS_ENTROPY, new Dense(8, TANH), new Dropout(0.1),
        new Dense(2, SOFTMAX));
    return NeuralNet.of(net, Optimizer.Adam.of(0.01)).withEpochs(4).withBatchSize(8).withSeed(seed)
        .withScaling(InputScaling.PER_FEATURE);
  }

  @Override
  protected Dataset data() {
    Random r = new Random(1);
    double[][] x = new double[40][3];
    double[] y = new double[40];
    for (int i = 0; i < 40; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 3; j++) x[i][j] = r.nextGaussian() + (i % 2 == 0 ? -1 : 1) * (j + 1);
    }
    return Dataset.of(x, y);
  }

  @Override
  protected INDArray output(NeuralNetModel model, INDArray x) {
    return model.output(x);
  }
}
