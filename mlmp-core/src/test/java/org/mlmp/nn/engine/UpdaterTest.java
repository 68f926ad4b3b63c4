package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.nn.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Each optimiser's flat update against its formula written out in plain Java, over three steps. */
class UpdaterTest {
  static Stream<Optimizer> optimizers() {
    return Stream.of(new Optimizer.GradientDescent(0.1), new Optimizer.Momentum(0.1, 0.9, false),
        new Optimizer.Momentum(0.1, 0.9, true), new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void updateFollowsTheFormula(Optimizer opt) {
    Network net = new Network(Shape.vector(2), List.of(new Dense(2, Activation.IDENTITY)), Loss.SQUARED_ERROR,
        WeightInit.HE);
    Program p = new Program(net, DataType.DOUBLE);
    double[] w = {0.5, -1, 2, 0.25, 0.1, -0.3};
    p.setParameters(w);
    Updater u = new Updater(opt, p);
    double[][] g = {{1, -2, 0.5, 3, -1, 0.2}, {0.3, 0.1, -0.5, 1, 2, -3}, {-1, 1, -1, 1, -1, 1}};
    double[] m = new double[6], v = new double[6], expected = w.clone();
    for (int t = 1; t <= 3; t++) {
      p.grads().assign(Nd4j.createFromArray(g[t - 1]));
      u.step();
      for (int i = 0; i < 6; i++) {
        double gi = g[t - 1][i];
        if (opt instanceof Optimizer.GradientDescent gd) {
          expected[i] -= gd.learningRate() * gi;
        } else if (opt instanceof Optimizer.Momentum mo) {
          m[i] = mo.momentum() * m[i] - mo.learningRate() * gi;
          expected[i] += mo.nesterov() ? mo.momentum() * m[i] - mo.learningRate() * gi : m[i];
        } else if (opt instanceof Optimizer.Adam a) {
          m[i] = a.beta1() * m[i] + (1 - a.beta1()) * gi;
          v[i] = a.beta2() * v[i] + (1 - a.beta2()) * gi * gi;
          double at = a.learningRate() * Math.sqrt(1 - Math.pow(a.beta2(), t)) / (1 - Math.pow(a.beta1(), t));
          expected[i] -= at * m[i] / (Math.sqrt(v[i]) + a.epsilon());
        }
      }
      assertArrayEquals(expected, p.params().data().asDouble(), 1e-12, "after step " + t);
    }
  }
}
