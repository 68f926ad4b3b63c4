package org.mlmp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AffineAugmentationTest {
  private static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) Math.sin(i * 0.7) + i * 0.01f;
    return v;
  }

  @Test
  void identityParametersGiveTheIdenticalImage() {
    float[] img = ramp(28 * 28), out = new float[28 * 28];
    AffineAugmentation.warp(img, 0, 28, 28, 0, 1, 0, 0, out);
    assertArrayEquals(img, out);
    float[] batch = ramp(3 * 2 * 5 * 5), copy = batch.clone();
    AffineAugmentation.of(0, 0, 0).apply(batch, 3, 2, 5, 5, 42);
    assertArrayEquals(copy, batch);
  }

  @Test
  void aPureShiftMovesAPixelByTheShift() {
    float[] img = new float[10 * 12], out = new float[10 * 12];
    img[5 * 12 + 5] = 1;                        // pixel at x = 5, y = 5
    AffineAugmentation.warp(img, 0, 10, 12, 0, 1, 2, -1, out);
    assertEquals(1f, out[4 * 12 + 7]);          // moved to x = 7, y = 4
    assertEquals(1f, (float) sum(out));
  }

  @Test
  void aQuarterTurnAboutTheCentreMovesRightMiddleToBottomMiddle() {
    // p' = R(90°)(p − c) + c with x right, y down: (2, 1) − (1, 1) = (1, 0) ↦ (0, 1), i.e. (1, 2).
    float[] img = new float[9], out = new float[9];
    img[1 * 3 + 2] = 1;
    AffineAugmentation.warp(img, 0, 3, 3, Math.PI / 2, 1, 0, 0, out);
    assertEquals(1f, out[2 * 3 + 1], 1e-6);
    assertEquals(1.0, sum(out), 1e-6);
  }

  @Test
  void distortionsAreDrawnFromTheSeed() {
    AffineAugmentation a = AffineAugmentation.mild();
    float[] b1 = ramp(4 * 28 * 28), b2 = b1.clone(), b3 = b1.clone();
    a.apply(b1, 4, 1, 28, 28, 7);
    a.apply(b2, 4, 1, 28, 28, 7);
    a.apply(b3, 4, 1, 28, 28, 8);
    assertArrayEquals(b1, b2);
    assertFalse(Arrays.equals(b1, b3));
  }

  @Test
  void trainingOnDistortedDigitsIsReproducibleAndStillLearns() {
    // The distortions are drawn from (seed, epoch, step): the same configuration gives bitwise the same network,
    // and it differs from the one trained on the undistorted images.
    org.mlmp.api.Dataset train = SyntheticDigits.make(600, 1), test = SyntheticDigits.make(300, 2);
    NeuralNet plain = NeuralNet.of(NeuralNetTest.smallCnn(), Optimizer.Adam.of(2e-3)).withEpochs(2).withBatchSize(32)
        .withSeed(4);
    NeuralNet augmented = plain.withAugmentation(AffineAugmentation.mild());
    NeuralNetModel a = augmented.fit(train), b = augmented.fit(train), c = plain.fit(train);
    assertArrayEquals(NeuralNetTest.bits(a.parameters()), NeuralNetTest.bits(b.parameters()));
    assertFalse(Arrays.equals(NeuralNetTest.bits(a.parameters()), NeuralNetTest.bits(c.parameters())));
    double acc = a.accuracy(test.x(), test.y());
    org.junit.jupiter.api.Assertions.assertTrue(acc >= 0.90, "test accuracy " + acc); // measured 0.963 (09:56)
  }

  @Test
  void badParametersAreNamed() {
    assertEquals("The 'maxScale' parameter of AffineAugmentation must be in the range [0, 1). Got 1.5 instead.",
        assertThrows(IllegalArgumentException.class, () -> AffineAugmentation.of(10, 1.5, 2)).getMessage());
    Network mlp = Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(2, Activation.SOFTMAX));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NeuralNet.of(mlp, Optimizer.Adam.of(1e-3)).withAugmentation(AffineAugmentation.mild()));
    assertEquals("The 'augmentation' parameter of NeuralNet needs an image input (Shape.image); this network's input is "
        + Shape.vector(4) + ". Use an image input shape, or no augmentation.", e.getMessage());
  }

  private static double sum(float[] v) {
    double s = 0;
    for (float x : v) s += x;
    return s;
  }
}
