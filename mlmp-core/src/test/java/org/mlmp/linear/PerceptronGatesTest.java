package org.mlmp.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlmp.api.Dataset;

/**
 * The course's single-layer perceptron story (the networks tour shows it): a step unit trained with
 * Rosenblatt's rule separates AND (linearly separable: Novikoff's theorem bounds the updates) and never
 * XOR (Minsky &amp; Papert 1969), whatever the visiting order.
 */
class PerceptronGatesTest {
  static final double[][] CORNERS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

  static int epochsUsed(LinearClassifierModel m) {
    return m.toState().config().path("epochs").asInt();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {0, 1, 2, 3})
  void learnsAndButNotXor(long seed) {
    Dataset and = Dataset.of(CORNERS, new double[] {0, 0, 0, 1});
    LinearClassifierModel a = Perceptron.of(seed).withMaxEpochs(50).fit(and);
    assertEquals(1.0, a.accuracy(and.x(), and.y()));
    assertTrue(epochsUsed(a) < 50, "epochs " + epochsUsed(a));
    // The separating line w·x + w0 = 0 puts (1, 1) alone on the positive side.
    double[] w = a.coef().getRow(0).toDoubleVector();
    double w0 = a.intercept()[0];
    assertTrue(w[0] + w[1] + w0 > 0 && w[0] + w0 <= 0 && w[1] + w0 <= 0 && w0 <= 0);

    Dataset xor = Dataset.of(CORNERS, new double[] {0, 1, 1, 0});
    LinearClassifierModel x = Perceptron.of(seed).withMaxEpochs(50).fit(xor);
    assertTrue(x.accuracy(xor.x(), xor.y()) <= 0.75, "no line separates XOR");
    assertEquals(50, epochsUsed(x));
  }
}
