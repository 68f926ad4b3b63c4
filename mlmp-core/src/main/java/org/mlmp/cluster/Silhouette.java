package org.mlmp.cluster;

import org.mlmp.api.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
 * {@code silhouette_samples}. Costs O(n² d) time; the distances are formed in row blocks of about 2^22
 * entries with one {@code Nd4j.gemm} each (‖x‖² + ‖x'‖² − 2x·x' on centred data, as scikit-learn) and
 * summed per cluster with a second, so it runs on either ND4J backend.
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

  /**
   * The silhouette coefficient s(i) of every sample (scikit-learn's {@code silhouette_samples}).
   *
   * @param x {@code [nSamples, nFeatures]}
   * @param labels cluster index ≥ 0 of each sample, with 2 ≤ (number of distinct labels) ≤ nSamples − 1
   * @return s(i) in [−1, 1] for every sample
   * @throws IllegalArgumentException when the label count differs from the rows, a label is negative, or the
   *     number of distinct labels is outside [2, nSamples − 1]
   */
  public static double[] samples(INDArray x, int[] labels) {
    return samples(x, labels, 0);
  }

  /** As {@link #samples(INDArray, int[])} with a given number of rows per block (0: automatic). */
  static double[] samples(INDArray x, int[] labels, int blockRows) {
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
    // Per-cluster distance sums by matrix products, in row blocks: D (one GEMM, clamped, own distance
    // set to exactly 0, square-rooted) times the one-hot labels [n, k].
    Distances.Pairwise pw = new Distances.Pairwise(x, x);
    double[] hotFlat = new double[n * k];
    for (int i = 0; i < n; i++) hotFlat[i * k + labels[i]] = 1;
    INDArray hot = Nd4j.createFromArray(hotFlat).reshape(n, k);
    int block = blockRows > 0 ? blockRows : pw.blockRows();
    double[] s = new double[n];
    for (int r0 = 0; r0 < n; r0 += block) {
      int r1 = Math.min(n, r0 + block), b = r1 - r0;
      INDArray dist = Nd4j.createUninitialized(DataType.DOUBLE, b, n);
      pw.into(r0, r1, dist, 1.0);
      // the entries (i, i) of this block: offset r0, stride n + 1
      Nd4j.create(dist.data(), new long[] {b}, new long[] {n + 1}, r0, 'c', DataType.DOUBLE).assign(0.0);
      Transforms.sqrt(dist, false);
      INDArray sumsBlock = Nd4j.createUninitialized(DataType.DOUBLE, b, k);
      Nd4j.gemm(dist, hot, sumsBlock, false, false, 1.0, 0.0);
      double[] sums = sumsBlock.data().asDouble();
      for (int i = r0; i < r1; i++) {
        int own = labels[i], o = (i - r0) * k;
        if (counts[own] == 1) continue; // s = 0 for a singleton
        double a = sums[o + own] / (counts[own] - 1);
        double bb = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) if (j != own && counts[j] > 0) bb = Math.min(bb, sums[o + j] / counts[j]);
        double m = Math.max(a, bb);
        s[i] = m > 0 ? (bb - a) / m : 0;
      }
    }
    return s;
  }
}
