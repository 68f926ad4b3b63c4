package org.mlmp.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

class KlDivergenceTest {
  static final GaussianMixtureModel TRUTH = GaussianMixtureModel.of(new double[] {0.4, 0.6},
      new double[][] {{-1.5, 0}, {1.5, 0.5}}, new double[][][] {{{0.5, 0.2}, {0.2, 0.6}}, {{0.4, -0.1}, {-0.1, 0.3}}});

  @Test
  void monteCarloEstimateAgreesWithTheClosedFormBetweenGaussians() {
    double[] m0 = {0, 0}, m1 = {0.5, -0.3};
    double[][] s0 = {{1, 0.3}, {0.3, 0.8}}, s1 = {{1.5, -0.2}, {-0.2, 0.6}};
    GaussianMixtureModel p = GaussianMixtureModel.of(new double[] {1}, new double[][] {m0}, new double[][][] {s0});
    GaussianMixtureModel q = GaussianMixtureModel.of(new double[] {1}, new double[][] {m1}, new double[][][] {s1});
    double exact = KlDivergence.betweenGaussians(m0, s0, m1, s1);
    KlDivergence.Estimate e = KlDivergence.estimate(p, q, p.sample(20000, 9));
    assertEquals(exact, e.value(), 4 * e.standardError());
    assertTrue(e.standardError() < 0.01, "standard error " + e.standardError());
    // hand check of the closed form in 1-D: KL(N(0,1) ‖ N(1,4)) = ½ (1/4 + 1/4 − 1 + ln 4)
    assertEquals(0.5 * (0.25 + 0.25 - 1 + Math.log(4)),
        KlDivergence.betweenGaussians(new double[] {0}, new double[][] {{1}}, new double[] {1}, new double[][] {{4}}), 1e-15);
  }

  @Test
  void divergenceOfADensityFromItselfIsZero() {
    KlDivergence.Estimate e = KlDivergence.estimate(TRUTH, TRUTH, TRUTH.sample(100, 1));
    assertEquals(0.0, e.value(), 0.0);
    assertEquals(0.0, e.standardError(), 0.0);
  }

  @Test
  void modelsFittedToMoreSamplesAreCloserToTheTruth() {
    INDArray test = TRUTH.sample(5000, 99); // fresh samples for the Monte Carlo estimate
    double[] gmm = new double[2], kde = new double[2];
    int[] sizes = {50, 2000};
    for (int s = 0; s < 2; s++) {
      Dataset train = Dataset.unlabeled(TRUTH.sample(sizes[s], 10 + s));
      gmm[s] = KlDivergence.estimate(TRUTH, GaussianMixture.of(2).withRestarts(3).fit(train), test).value();
      kde[s] = KlDivergence.estimate(TRUTH, KernelDensity.of(Bandwidth.scott()).fit(train), test).value();
    }
    assertTrue(gmm[1] < gmm[0] && kde[1] < kde[0], "KL should shrink with N: gmm " + java.util.Arrays.toString(gmm)
        + ", kde " + java.util.Arrays.toString(kde));
    assertTrue(gmm[1] < 0.01, "a 2-component GMM on 2000 samples of a 2-component mixture: KL " + gmm[1]);
    assertTrue(gmm[1] < kde[1], "the correctly specified parametric model beats the KDE");
  }

  @Test
  void tooFewSamplesAreRejected() {
    assertEquals("KlDivergence.estimate needs at least 2 samples from p. Got 1.", assertThrows(
        IllegalArgumentException.class, () -> KlDivergence.estimate(TRUTH, TRUTH, TRUTH.sample(1, 0))).getMessage());
  }
}
