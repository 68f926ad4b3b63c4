package org.mlmp.cluster;

import org.mlmp.api.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The silhouette coefficient of a clustering (Rousseeuw 1987, J. Comput. Appl. Math. 20, 53–65). For
 * sample i with a = mean Euclidean distance to the other members of its own cluster and b = the
 * smallest mean distance to the members of another cluster,
 *
 * <pre>
 *   s(i) = (b − a) / max(a, b)     (s(i) = 0 if i is alone in its cluster)
 * </pre>
 *
 * and the score is the mean of s(i) over all samples, in [−1, 1]: near 1 for compact, well separated
 * clusters. scikit-learn: {@code sklearn.metrics.silhouette_score(x, labels)} and
 * {@code silhouette_samples}. Costs O(n² d) time and O(n) memory.
 */
public final class Silhouette {
  private Silhouette() {}

  /**
   * @param x {@code [nSamples, nFeatures]}
   * @param labels cluster index ≥ 0 of each sample, with 2 ≤ (number of distinct labels) ≤ nSamples − 1
   * @return the mean silhouette coefficient
   */
  public static double score(INDArray x, int[] labels) {
    double s = 0;
    for (double v : samples(x, labels)) s += v;
    return s / labels.length;
  }

  /** The silhouette coefficient s(i) of every sample (same arguments as {@link #score}). */
  public static double[] samples(INDArray x, int[] labels) {
    Checks.matrix(x, "x");
    Checks.finite(x, "x");
    int n = (int) x.rows();
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException("Silhouette: x has " + n + " rows but labels has "
          + (labels == null ? "null" : labels.length + " entries") + "; give one label per sample.");
    }
    int k = 0;
    for (int l : labels) {
      if (l < 0) throw new IllegalArgumentException("Silhouette: labels must be >= 0. Got " + l + " instead.");
      k = Math.max(k, l + 1);
    }
    int[] counts = new int[k];
    for (int l : labels) counts[l]++;
    int distinct = 0;
    for (int c : counts) if (c > 0) distinct++;
    if (distinct < 2 || distinct > n - 1) {
      throw new IllegalArgumentException("Silhouette: the number of distinct labels is " + distinct
          + ". Valid values are 2 to nSamples - 1 = " + (n - 1) + " (inclusive).");
    }
    double[][] xs = Distances.toDouble(x);
    double[] s = new double[n];
    double[] sums = new double[k];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(sums, 0);
      double[] d2 = Distances.squaredEuclidean(xs[i], xs);
      for (int j = 0; j < n; j++) if (j != i) sums[labels[j]] += Math.sqrt(d2[j]);
      int own = labels[i];
      if (counts[own] == 1) continue; // s = 0 for a singleton
      double a = sums[own] / (counts[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) if (j != own && counts[j] > 0) b = Math.min(b, sums[j] / counts[j]);
      double m = Math.max(a, b);
      s[i] = m > 0 ? (b - a) / m : 0;
    }
    return s;
  }
}
