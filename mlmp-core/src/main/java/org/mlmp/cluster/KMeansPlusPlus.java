package org.mlmp.cluster;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * k-means++ seeding (Arthur and Vassilvitskii 2007, "k-means++: the advantages of careful seeding"), in
 * the greedy form scikit-learn uses: the first centre is a uniformly chosen sample; each further centre
 * is drawn with probability proportional to D(x)², the squared distance of x to its nearest centre so
 * far, trying {@code 2 + ⌊ln k⌋} candidates and keeping the one that lowers the potential Σ D(x)² most.
 * Used by {@link KMeans} and by {@link org.mlmp.density.GaussianMixture} to initialise.
 */
public final class KMeansPlusPlus {
  private KMeansPlusPlus() {}

  /**
   * @param x data {@code [n][d]}, n ≥ k
   * @param k number of centres
   * @param rng the source of randomness (the caller's seeded generator)
   * @return indices of the k chosen rows of x (distinct unless x has fewer than k distinct rows)
   */
  public static int[] seedIndices(double[][] x, int k, Random rng) {
    return seedIndices(x, null, k, rng);
  }

  /**
   * As {@link #seedIndices(double[][], int, Random)}, with the distances from the candidates to all rows
   * formed by one {@code Nd4j.gemm} per step (on either ND4J backend) when {@code left} is given.
   *
   * @param x the rows {@code [n][d]}
   * @param left {@link Distances#augmentLeft} of x as a double matrix {@code [n, d + 2]}, or null to sum
   *     the distances directly in Java
   * @param k number of centres
   * @param rng the source of randomness (the caller's seeded generator)
   * @return indices of the k chosen rows of x (distinct unless x has fewer than k distinct rows)
   */
  public static int[] seedIndices(double[][] x, INDArray left, int k, Random rng) {
    int n = x.length;
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k-means++ needs 1 <= k <= nSamples = " + n + ". Got k = " + k + " instead.");
    }
    int[] chosen = new int[k];
    chosen[0] = rng.nextInt(n);
    double[] closest = distances(x, left, new int[] {chosen[0]})[0];
    double potential = sum(closest);
    int trials = 2 + (int) Math.log(k);
    for (int c = 1; c < k; c++) {
      int[] candidates = new int[trials];
      double[] cumulative = cumulative(closest);
      for (int t = 0; t < trials; t++) {
        candidates[t] = potential > 0 ? sampleIndex(cumulative, rng.nextDouble() * potential) : rng.nextInt(n);
      }
      double[][] candDist = distances(x, left, candidates);
      int best = -1;
      double bestPotential = Double.POSITIVE_INFINITY;
      double[] bestClosest = null;
      for (int t = 0; t < trials; t++) {
        double[] merged = new double[n];
        double p = 0;
        for (int i = 0; i < n; i++) {
          merged[i] = Math.min(closest[i], candDist[t][i]);
          p += merged[i];
        }
        if (p < bestPotential) {
          bestPotential = p;
          best = candidates[t];
          bestClosest = merged;
        }
      }
      chosen[c] = best;
      closest = bestClosest;
      potential = bestPotential;
    }
    return chosen;
  }

  /** Squared distances {@code [idx.length][n]} from the rows idx of x to all rows. */
  private static double[][] distances(double[][] x, INDArray left, int[] idx) {
    int n = x.length, t = idx.length;
    double[][] out = new double[t][];
    if (left == null) {
      for (int c = 0; c < t; c++) out[c] = Distances.squaredEuclidean(x[idx[c]], x);
      return out;
    }
    double[][] rows = new double[t][];
    for (int c = 0; c < t; c++) rows[c] = x[idx[c]];
    INDArray prod = Nd4j.createUninitialized(DataType.DOUBLE, t, n);
    Nd4j.gemm(KMeans.augmentRight(rows), left, prod, false, true, 1.0, 0.0);
    double[] f = prod.data().asDouble();
    for (int c = 0; c < t; c++) {
      out[c] = new double[n];
      for (int i = 0; i < n; i++) out[c][i] = Math.max(0, f[c * n + i]);
      out[c][idx[c]] = 0; // exactly, as in the direct sum
    }
    return out;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double e : v) s += e;
    return s;
  }

  private static double[] cumulative(double[] v) {
    double[] c = new double[v.length];
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += v[i];
      c[i] = s;
    }
    return c;
  }

  /** The first index whose cumulative weight exceeds u (binary search). */
  private static int sampleIndex(double[] cumulative, double u) {
    int lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
