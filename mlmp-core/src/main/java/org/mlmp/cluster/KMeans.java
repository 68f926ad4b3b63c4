package org.mlmp.cluster;

import java.util.Random;
import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * k-means clustering by Lloyd's algorithm: minimise the inertia (within-cluster sum of squares)
 *
 * <pre>
 *   J = Σ_i ‖x_i − c_{ℓ(i)}‖²,   ℓ(i) = argmin_j ‖x_i − c_j‖²
 * </pre>
 *
 * by alternating the assignment step (each sample to its nearest centre) and the update step (each
 * centre to the mean of its samples). Each run starts from {@link KMeansPlusPlus} seeds; the run with
 * the lowest J of {@code restarts} runs is kept. With 16 or more features the assignment step forms all
 * distances with one matrix product ({@code Nd4j.gemm}); the inertia is always summed exactly. A cluster that loses all its samples is re-seeded with
 * the sample farthest from its centre. A run stops when no label changes or when the total squared
 * centre shift Σ_j ‖c_j^new − c_j^old‖² falls to {@code tolerance × (mean per-feature variance of x)}.
 *
 * <p>scikit-learn: {@code KMeans(n_clusters=clusters, n_init=restarts, max_iter=maxIterations,
 * tol=tolerance, algorithm="lloyd", random_state=seed)} (same stopping rule; the random streams differ,
 * so on data with several local minima the two may pick different ones).
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]}; labels are ignored. Needs nSamples ≥ clusters.
 *
 * @param clusters number of clusters k ≥ 1
 * @param restarts number of k-means++ restarts ≥ 1 (scikit-learn's n_init; default 10)
 * @param maxIterations maximum Lloyd iterations per restart ≥ 1 (default 300)
 * @param tolerance relative tolerance ≥ 0 on the centre shift (default 1e-4)
 * @param seed seed of the k-means++ draws
 */
public record KMeans(int clusters, int restarts, int maxIterations, double tolerance, long seed)
    implements Trainer<KMeansModel> {
  public KMeans {
    if (clusters < 1) {
      throw new IllegalArgumentException("The 'clusters' parameter of KMeans must be an int >= 1. Got " + clusters
          + " instead.");
    }
    if (restarts < 1) {
      throw new IllegalArgumentException("The 'restarts' parameter of KMeans must be an int >= 1. Got " + restarts
          + " instead.");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("The 'maxIterations' parameter of KMeans must be an int >= 1. Got "
          + maxIterations + " instead.");
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("The 'tolerance' parameter of KMeans must be a finite float >= 0. Got "
          + tolerance + " instead.");
    }
  }

  /** k clusters with scikit-learn's defaults: 10 restarts, 300 iterations, tolerance 1e-4, seed 0. */
  public static KMeans of(int clusters) {
    return new KMeans(clusters, 10, 300, 1e-4, 0);
  }

  public KMeans withSeed(long s) {
    return new KMeans(clusters, restarts, maxIterations, tolerance, s);
  }

  public KMeans withRestarts(int r) {
    return new KMeans(clusters, r, maxIterations, tolerance, seed);
  }

  public KMeans withMaxIterations(int m) {
    return new KMeans(clusters, restarts, m, tolerance, seed);
  }

  public KMeans withTolerance(double t) {
    return new KMeans(clusters, restarts, maxIterations, t, seed);
  }

  @Override
  public KMeansModel fit(Dataset data) {
    data.requireFinite();
    int n = data.nSamples(), d = data.nFeatures();
    if (n < clusters) {
      throw new IllegalArgumentException("KMeans needs at least as many samples as clusters: nSamples = " + n
          + " < clusters = " + clusters + ". Lower 'clusters' or provide more data.");
    }
    double[][] xs = Distances.toDouble(data.x());
    double meanVariance = 0;
    for (int f = 0; f < d; f++) {
      double m = 0, v = 0;
      for (double[] r : xs) m += r[f];
      m /= n;
      for (double[] r : xs) v += (r[f] - m) * (r[f] - m);
      meanVariance += v / n;
    }
    double tolAbs = tolerance * meanVariance / d;
    Random rng = new Random(seed);
    Run best = null;
    for (int r = 0; r < restarts; r++) {
      int[] seeds = KMeansPlusPlus.seedIndices(xs, clusters, rng);
      double[][] c = new double[clusters][];
      for (int j = 0; j < clusters; j++) c[j] = xs[seeds[j]].clone();
      Run run = lloyd(xs, c, tolAbs);
      if (best == null || run.inertia < best.inertia) best = run;
    }
    return new KMeansModel(best.centers, best.labels, best.inertia, best.iterations, d, seed);
  }

  private record Run(double[][] centers, int[] labels, double inertia, int iterations) {}

  /** From this many features on, the assignment step uses one matrix product per iteration. */
  static final int GEMM_FEATURES = 16;

  /**
   * Squared distances of every sample to every centre, {@code [n][k]}: summed directly for few features,
   * else as ‖x‖² − 2 x·c + ‖c‖² with one {@code Nd4j.gemm} (clamped at 0), as scikit-learn does.
   */
  static double[][] assignmentDistances(double[][] xs, INDArray xm, double[] xNorms, double[][] c) {
    if (xm == null) return Distances.squaredEuclidean(xs, c);
    int n = xs.length, k = c.length;
    INDArray cm = Distances.toMatrix(c);
    INDArray prod = Nd4j.createUninitialized(DataType.DOUBLE, n, k);
    Nd4j.gemm(xm, cm, prod, false, true, -2.0, 0.0);
    double[][] d = Distances.toDouble(prod);
    double[] cNorms = new double[k];
    for (int j = 0; j < k; j++) for (double v : c[j]) cNorms[j] += v * v;
    for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) d[i][j] = Math.max(0, d[i][j] + xNorms[i] + cNorms[j]);
    return d;
  }

  private Run lloyd(double[][] xs, double[][] c, double tolAbs) {
    INDArray xm = null;
    double[] xNorms = null;
    if (xs[0].length >= GEMM_FEATURES) {
      xm = Distances.toMatrix(xs);
      xNorms = new double[xs.length];
      for (int i = 0; i < xs.length; i++) for (double v : xs[i]) xNorms[i] += v * v;
    }
    int n = xs.length, d = xs[0].length, k = c.length;
    int[] labels = null;
    int it = 0;
    while (it < maxIterations) {
      it++;
      double[][] dist = assignmentDistances(xs, xm, xNorms, c);
      int[] newLabels = argMin(dist);
      boolean unchanged = labels != null && java.util.Arrays.equals(labels, newLabels);
      labels = newLabels;
      double[][] next = new double[k][d];
      int[] counts = new int[k];
      for (int i = 0; i < n; i++) {
        counts[labels[i]]++;
        for (int f = 0; f < d; f++) next[labels[i]][f] += xs[i][f];
      }
      relocateEmpty(xs, dist, labels, counts, next);
      double shift = 0;
      for (int j = 0; j < k; j++) {
        for (int f = 0; f < d; f++) {
          next[j][f] /= counts[j];
          shift += (next[j][f] - c[j][f]) * (next[j][f] - c[j][f]);
        }
      }
      c = next;
      if (unchanged || shift <= tolAbs) break;
    }
    // Final assignment, so that labels and inertia belong to the returned centres.
    labels = argMin(assignmentDistances(xs, xm, xNorms, c));
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < d; f++) {
        double e = xs[i][f] - c[labels[i]][f];
        inertia += e * e;
      }
    }
    return new Run(c, labels, inertia, it);
  }

  /** Gives every empty cluster the not-yet-moved sample farthest from its centre (labels and sums updated). */
  private static void relocateEmpty(double[][] xs, double[][] dist, int[] labels, int[] counts, double[][] sums) {
    boolean[] moved = new boolean[xs.length];
    for (int j = 0; j < counts.length; j++) {
      if (counts[j] > 0) continue;
      int far = -1;
      for (int i = 0; i < xs.length; i++) {
        if (moved[i] || counts[labels[i]] <= 1) continue;
        if (far < 0 || dist[i][labels[i]] > dist[far][labels[far]]) far = i;
      }
      if (far < 0) continue; // fewer distinct samples than clusters; leave it empty
      int from = labels[far];
      counts[from]--;
      for (int f = 0; f < xs[far].length; f++) {
        sums[from][f] -= xs[far][f];
        sums[j][f] = xs[far][f];
      }
      counts[j] = 1;
      labels[far] = j;
      moved[far] = true;
    }
  }

  static int[] argMin(double[][] dist) {
    int[] out = new int[dist.length];
    for (int i = 0; i < dist.length; i++) {
      int best = 0;
      for (int j = 1; j < dist[i].length; j++) if (dist[i][j] < dist[i][best]) best = j;
      out[i] = best;
    }
    return out;
  }
}
