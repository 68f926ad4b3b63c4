package org.mlmp.cluster;

import org.mlmp.api.Matrices;
import java.util.Random;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;
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
 * the lowest J of {@code restarts} runs is kept. The assignment step forms all distances with one matrix
 * product ({@code Nd4j.gemm}, on data centred on their mean), the update step sums each cluster with
 * another (one-hot labels), so the O(n k d) work runs on either ND4J backend; the O(n k) arg-min and
 * the final inertia (from exact differences) are flat Java passes. A cluster that loses all its samples is re-seeded with
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
  /**
   * Validates the components.
   *
   * @param clusters number of clusters k ≥ 1
   * @param restarts number of k-means++ restarts ≥ 1 (scikit-learn's n_init; default 10)
   * @param maxIterations maximum Lloyd iterations per restart ≥ 1 (default 300)
   * @param tolerance relative tolerance ≥ 0 on the centre shift (default 1e-4)
   * @param seed seed of the k-means++ draws
   * @throws IllegalArgumentException when clusters, restarts or maxIterations is below 1, or the tolerance is
   *     negative or not finite
   */
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

  /**
   * k clusters with scikit-learn's defaults: 10 restarts, 300 iterations, tolerance 1e-4, seed 0.
   *
   * @param clusters k ≥ 1
   * @return the configuration
   * @throws IllegalArgumentException when {@code clusters < 1}
   */
  public static KMeans of(int clusters) {
    return new KMeans(clusters, 10, 300, 1e-4, 0);
  }

  /**
   * A copy with another seed.
   *
   * @param s seed of the k-means++ draws
   * @return the copy
   */
  public KMeans withSeed(long s) {
    return new KMeans(clusters, restarts, maxIterations, tolerance, s);
  }

  /**
   * A copy with another number of restarts (the best inertia is kept).
   *
   * @param r restarts ≥ 1 (scikit-learn's n_init)
   * @return the copy
   * @throws IllegalArgumentException when {@code r < 1}
   */
  public KMeans withRestarts(int r) {
    return new KMeans(clusters, r, maxIterations, tolerance, seed);
  }

  /**
   * A copy with another limit on the Lloyd iterations per restart.
   *
   * @param m iterations ≥ 1
   * @return the copy
   * @throws IllegalArgumentException when {@code m < 1}
   */
  public KMeans withMaxIterations(int m) {
    return new KMeans(clusters, restarts, m, tolerance, seed);
  }

  /**
   * A copy with another tolerance on the centre shift.
   *
   * @param t relative tolerance ≥ 0
   * @return the copy
   * @throws IllegalArgumentException when {@code t} is negative or not finite
   */
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
    INDArray x = data.x().castTo(DataType.DOUBLE);
    INDArray mean = x.mean(0).reshape(1, d);
    INDArray xc = x.subRowVector(mean); // centred: the distance expansion cancels less
    double meanVariance = xc.mul(xc).sumNumber().doubleValue() / n;
    double tolAbs = tolerance * meanVariance / d;
    double[][] xs = Matrices.rows(xc);
    INDArray left = Distances.augmentLeft(xc);
    double[] mu = mean.toDoubleVector();
    Random rng = new Random(seed);
    Run best = null;
    for (int r = 0; r < restarts; r++) {
      int[] seeds = KMeansPlusPlus.seedIndices(xs, left, clusters, rng);
      double[][] c = new double[clusters][];
      for (int j = 0; j < clusters; j++) c[j] = xs[seeds[j]].clone();
      Run run = lloyd(xc, left, xs, c, tolAbs);
      if (best == null || run.inertia < best.inertia) best = run;
    }
    double[][] centers = best.centers;
    for (double[] row : centers) for (int f = 0; f < d; f++) row[f] += mu[f];
    return new KMeansModel(this, centers, best.labels, best.inertia, best.iterations, d);
  }

  private record Run(double[][] centers, int[] labels, double inertia, int iterations) {}

  /**
   * Squared distances of every sample to every centre as one flat row-major {@code [n * k]} array,
   * from one {@code Nd4j.gemm} of {@code left = }{@link Distances#augmentLeft} of the samples with the
   * augmented centres (clamped at 0).
   */
  static double[] assignmentDistances(INDArray left, double[][] c) {
    INDArray right = augmentRight(c);
    INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, left.rows(), c.length);
    Nd4j.gemm(left, right, out, false, true, 1.0, 0.0);
    double[] dist = out.data().asDouble();
    for (int i = 0; i < dist.length; i++) if (dist[i] < 0) dist[i] = 0; // a flat pass: cheaper than an ND4J op
    return dist;
  }

  /** [−2c, 1, ‖c‖²] {@code [k, d + 2]} for a few rows c, built in Java (small; no ND4J op overhead). */
  static INDArray augmentRight(double[][] c) {
    int k = c.length, d = c[0].length;
    double[] r = new double[k * (d + 2)];
    for (int j = 0, o = 0; j < k; j++, o += d + 2) {
      double sq = 0;
      for (int f = 0; f < d; f++) {
        r[o + f] = -2 * c[j][f];
        sq += c[j][f] * c[j][f];
      }
      r[o + d] = 1;
      r[o + d + 1] = sq;
    }
    return Nd4j.createFromArray(r).reshape(k, d + 2);
  }

  /** The one-hot matrix {@code [n, k]} of the labels. */
  static INDArray oneHot(int[] labels, int k) {
    double[] h = new double[labels.length * k];
    for (int i = 0; i < labels.length; i++) h[i * k + labels[i]] = 1;
    return Nd4j.createFromArray(h).reshape(labels.length, k);
  }

  /** Σ_i ‖x_i − c_{ℓ(i)}‖², each difference formed exactly (the centre of each row picked by a one-hot GEMM). */
  static double inertia(INDArray x, INDArray hot, INDArray centers) {
    INDArray assigned = Nd4j.createUninitialized(DataType.DOUBLE, x.rows(), x.columns());
    Nd4j.gemm(hot, centers, assigned, false, false, 1.0, 0.0);
    INDArray diff = assigned.rsubi(x);
    return diff.muli(diff).sumNumber().doubleValue();
  }

  private Run lloyd(INDArray xc, INDArray left, double[][] xs, double[][] c, double tolAbs) {
    int n = (int) xc.rows(), d = (int) xc.columns(), k = c.length;
    int[] labels = null;
    int it = 0;
    while (it < maxIterations) {
      it++;
      double[] dist = assignmentDistances(left, c);
      int[] newLabels = argMin(dist, k);
      boolean unchanged = labels != null && java.util.Arrays.equals(labels, newLabels);
      labels = newLabels;
      int[] counts = new int[k];
      for (int l : labels) counts[l]++;
      INDArray sums = Nd4j.createUninitialized(DataType.DOUBLE, k, d);
      Nd4j.gemm(oneHot(labels, k), xc, sums, true, false, 1.0, 0.0);
      double[] sf = sums.data().asDouble();
      double[][] next = new double[k][d];
      for (int j = 0; j < k; j++) System.arraycopy(sf, j * d, next[j], 0, d);
      relocateEmpty(xs, dist, k, labels, counts, next);
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
    labels = argMin(assignmentDistances(left, c), k);
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      double[] ci = c[labels[i]], xi = xs[i];
      for (int f = 0; f < d; f++) inertia += (xi[f] - ci[f]) * (xi[f] - ci[f]);
    }
    return new Run(c, labels, inertia, it);
  }

  /** Gives every empty cluster the not-yet-moved sample farthest from its centre (labels and sums updated). */
  private static void relocateEmpty(double[][] xs, double[] dist, int k, int[] labels, int[] counts,
      double[][] sums) {
    boolean[] moved = new boolean[xs.length];
    for (int j = 0; j < counts.length; j++) {
      if (counts[j] > 0) continue;
      int far = -1;
      for (int i = 0; i < xs.length; i++) {
        if (moved[i] || counts[labels[i]] <= 1) continue;
        if (far < 0 || dist[i * k + labels[i]] > dist[far * k + labels[far]]) far = i;
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

  /** Row-wise argmin of a flat row-major {@code [n * k]} array (ties: the lowest index). */
  static int[] argMin(double[] dist, int k) {
    int n = dist.length / k;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0, o = i * k;
      for (int j = 1; j < k; j++) if (dist[o + j] < dist[o + best]) best = j;
      out[i] = best;
    }
    return out;
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
