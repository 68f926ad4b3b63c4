package org.mlmp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;

class PerceptronTest extends TrainerContract<PerceptronModel> {
  @Override
  protected Trainer<PerceptronModel> trainer(long seed) {
    return new Perceptron(0.1, 50, seed);
  }

  @Override
  protected Dataset data() {
    double[][] x = new double[12][2];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i, (i * 7) % 5};
      y[i] = i < 6 ? -1 : 1;
    }
    return Dataset.of(x, y);
  }

  @Override
  protected INDArray output(PerceptronModel model, INDArray x) {
    return model.predict(x);
  }

  @Test
  void handComputedUpdate() {
    // x1 = (2, -1), y = 1: z = 0 so ŷ = 0, error 1: w = 0.25·(2, -1) = (0.5, -0.25), b = 0.25.
    // x2 = (-1, 2), y = 0: z = -0.5 - 0.5 + 0.25 = -0.75, ŷ = 0 = y: no update (in either visiting order).
    // Epoch 2 makes no mistake: w·x1 + b = 1.5 > 0, so training stops.
    PerceptronModel m = new Perceptron(0.25, 10, 0).fit(Dataset.of(new double[][] {{2, -1}, {-1, 2}}, new double[] {1, 0}));
    assertArrayEquals(new double[] {0.5, -0.25}, m.weights(), 0);
    assertEquals(0.25, m.bias(), 0);
    assertEquals(List.of(1, 0), m.mistakesPerEpoch());
  }

  static final double[][] CORNERS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

  @Test
  void learnsAndButNotXor() {
    PerceptronModel and = new Perceptron(0.1, 100, 1).fit(Dataset.of(CORNERS, new double[] {0, 0, 0, 1}));
    assertTrue(and.converged());
    assertEquals(1.0, and.accuracy(Dataset.of(CORNERS, null).x(), org.nd4j.linalg.factory.Nd4j.createFromArray(0.0, 0, 0, 1)));
    // XOR is not linearly separable: every epoch makes at least one mistake (Minsky & Papert 1969).
    PerceptronModel xor = new Perceptron(0.1, 100, 1).fit(Dataset.of(CORNERS, new double[] {0, 1, 1, 0}));
    assertFalse(xor.converged());
    assertEquals(100, xor.mistakesPerEpoch().size());
    assertTrue(xor.mistakesPerEpoch().stream().allMatch(k -> k >= 1));
  }

  @Test
  void badInputs() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Perceptron(0.1, 5, 0).fit(Dataset.of(CORNERS, new double[] {0, 1, 2, 0})));
    assertEquals("Perceptron separates two classes; y has 3 distinct labels [0.0, 1.0, 2.0].", e.getMessage());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> new Perceptron(0, 5, 0));
    assertEquals("The 'learningRate' parameter of Perceptron must be > 0. Got 0.0 instead.", e2.getMessage());
  }
}
