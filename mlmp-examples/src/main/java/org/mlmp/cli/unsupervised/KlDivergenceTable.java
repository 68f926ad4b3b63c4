package org.mlmp.cli.unsupervised;

import java.util.ArrayList;
import java.util.List;
import org.mlmp.api.Dataset;
import org.mlmp.density.Bandwidth;
import org.mlmp.density.GaussianMixture;
import org.mlmp.density.GaussianMixtureModel;
import org.mlmp.density.KernelDensity;
import org.mlmp.density.KlDivergence;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How well density estimates learn a known density as the sample grows: KL(p ‖ q̂_N) for a Gaussian
 * mixture fitted by EM and a kernel density estimate (Scott's rule), each fitted to N samples of a known
 * two-component mixture p in 2-D, estimated by Monte Carlo on fresh samples of p.
 */
public final class KlDivergenceTable {
  private KlDivergenceTable() {}

  /** The true density: two correlated Gaussians, weights 0.4 / 0.6. */
  public static final GaussianMixtureModel TRUTH = GaussianMixtureModel.of(new double[] {0.4, 0.6},
      new double[][] {{-1.5, 0}, {1.5, 0.5}}, new double[][][] {{{0.5, 0.2}, {0.2, 0.6}}, {{0.4, -0.1}, {-0.1, 0.3}}});

  /** One row: N and the two estimates. */
  public record KlRow(int n, KlDivergence.Estimate gmm, KlDivergence.Estimate kde) {}

  /**
   * @param sizes the sample sizes N
   * @param testSamples fresh samples of p for the Monte Carlo estimate
   * @param seed seed of the draws and fits
   */
  public static List<KlRow> compute(int[] sizes, int testSamples, long seed) {
    INDArray test = TRUTH.sample(testSamples, seed + 1_000_003L);
    List<KlRow> rows = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      Dataset train = Dataset.unlabeled(TRUTH.sample(sizes[i], seed + i));
      GaussianMixtureModel g = GaussianMixture.of(2).withRestarts(3).withSeed(seed).fit(train);
      var k = KernelDensity.of(Bandwidth.scott()).fit(train);
      rows.add(new KlRow(sizes[i], KlDivergence.estimate(TRUTH, g, test), KlDivergence.estimate(TRUTH, k, test)));
    }
    return rows;
  }
}
