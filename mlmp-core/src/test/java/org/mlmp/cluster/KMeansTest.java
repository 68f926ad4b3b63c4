package org.mlmp.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class KMeansTest {
  // scikit-learn 1.2.1 / numpy 1.24.2 (/usr/bin/python3): rng = np.random.default_rng(7); (earlier draws for
  // the PCA, GMM and KDE data first, then)
  //   S = np.round(np.vstack([rng.normal(size=(6,2)), rng.normal(size=(5,2))+[2.5,0.5],
  //                           rng.normal(size=(4,2))+[0,3]]), 3); labels = [0]*6+[1]*5+[2]*4
  //   silhouette_score(S, labels), silhouette_samples(S, labels)
  //   KMeans(3, n_init=10, random_state=0).fit(S).inertia_
  public static final double[][] S = {{-0.197, -1.114}, {-0.012, -0.444}, {1.166, 0.653}, {-0.024, 0.668}, {-0.34, 1.052},
      {-0.005, 0.583}, {1.209, 0.847}, {0.812, -1.535}, {2.196, -0.4}, {2.664, 2.745}, {1.668, -0.124},
      {0.205, 3.493}, {-0.176, 2.794}, {0.702, 3.52}, {-1.034, 2.921}};
  static final int[] S_LABELS = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2};

  /** k well separated Gaussian blobs (σ = 0.3, centres ≥ 6 apart), n per blob; labels = blob index. */
  static double[][] blobs(int k, int n, long seed, int[] truth) {
    Random r = new Random(seed);
    double[][] x = new double[k * n][2];
    for (int i = 0; i < k * n; i++) {
      int b = i % k;
      truth[i] = b;
      x[i][0] = 6 * b + 0.3 * r.nextGaussian();
      x[i][1] = 6 * (b % 2) + 0.3 * r.nextGaussian();
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 5})
  void wellSeparatedBlobsAreRecovered(int k) {
    int[] truth = new int[k * 40];
    double[][] x = blobs(k, 40, k, truth);
    KMeansModel m = KMeans.of(k).withSeed(1).fit(Dataset.of(x, null));
    int[] labels = m.labels();
    int[] map = new int[k];
    Arrays.fill(map, -1);
    for (int i = 0; i < labels.length; i++) {
      if (map[truth[i]] < 0) map[truth[i]] = labels[i];
      assertEquals(map[truth[i]], labels[i], "sample " + i + " of blob " + truth[i]);
    }
    assertEquals(k, Arrays.stream(map).distinct().count(), "one cluster per blob");
    for (int b = 0; b < k; b++) {
      assertArrayEquals(new double[] {6 * b, 6 * (b % 2)}, m.centers().getRow(map[b]).toDoubleVector(), 0.15);
    }
    assertArrayEquals(labels, m.predict(Nd4j.createFromArray(x)));
    assertTrue(Silhouette.score(Nd4j.createFromArray(x), labels) > 0.9);
  }

  @Test
  void inertiaMatchesScikitLearnAndTheDefinition() {
    // S has several local minima (scikit-learn's n_init=1 runs with random_state 0..9 end at 16.09, 16.19, 16.26,
    // 16.37, 18.77); enough restarts find the best one, the value scikit-learn 1.2.1 KMeans(3, n_init=10,
    // random_state=0).inertia_ reports: 16.09494925.
    KMeansModel m = KMeans.of(3).withRestarts(40).fit(Dataset.of(S, null));
    assertEquals(16.09494925, m.inertia(), 1e-10);
    for (long seed = 0; seed < 5; seed++) {
      double single = KMeans.of(3).withRestarts(1).withSeed(seed).fit(Dataset.of(S, null)).inertia();
      assertTrue(single >= m.inertia() - 1e-12, "a single run cannot beat the best of 40");
    }
    assertEquals(m.inertia(), m.inertia(Nd4j.createFromArray(S)), 1e-12);
    // centres are the means of their clusters (a fixed point of Lloyd's algorithm)
    int[] l = m.labels();
    for (int j = 0; j < 3; j++) {
      double[] mean = new double[2];
      int c = 0;
      for (int i = 0; i < S.length; i++) {
        if (l[i] != j) continue;
        mean[0] += S[i][0];
        mean[1] += S[i][1];
        c++;
      }
      assertArrayEquals(new double[] {mean[0] / c, mean[1] / c}, m.centers().getRow(j).toDoubleVector(), 1e-12);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 10, 40})
  void theMatrixProductPathAgreesWithThePlainJavaOne(int d) {
    // the GEMM distances (any d) against the direct Java sums; a fit is a fixed point of Lloyd's steps
    // computed in plain Java: every label is the nearest centre, every centre the mean of its samples
    Random r = new Random(5 + d);
    int n = 300, k = 4;
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) for (int f = 0; f < d; f++) x[i][f] = 5 + 3 * (i % k == f % k ? 1 : 0) + r.nextGaussian();
    double[][] c = {x[0], x[1], x[2], x[3]};
    double[][] direct = Distances.squaredEuclidean(x, c);
    double[] byGemm = KMeans.assignmentDistances(Distances.augmentLeft(Nd4j.createFromArray(x)), c);
    double[][] pairwise = new Distances.Pairwise(Nd4j.createFromArray(x), Nd4j.createFromArray(c)).all().toDoubleMatrix();
    for (int i = 0; i < n; i++) {
      double scale = 1e-12 * (1 + Arrays.stream(x[i]).map(v -> v * v).sum());
      assertArrayEquals(direct[i], Arrays.copyOfRange(byGemm, i * k, i * k + k), scale);
      assertArrayEquals(direct[i], pairwise[i], scale);
    }
    KMeansModel m = KMeans.of(k).withRestarts(3).withTolerance(0).withSeed(1).fit(Dataset.of(x, null));
    int[] labels = m.labels();
    double[][] centers = m.centers().toDoubleMatrix();
    double[][] dist = Distances.squaredEuclidean(x, centers);
    double[][] mean = new double[k][d];
    int[] count = new int[k];
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) assertTrue(dist[i][labels[i]] <= dist[i][j] + 1e-12, "row " + i);
      count[labels[i]]++;
      for (int f = 0; f < d; f++) mean[labels[i]][f] += x[i][f];
      inertia += dist[i][labels[i]];
    }
    for (int j = 0; j < k; j++) {
      for (int f = 0; f < d; f++) mean[j][f] /= count[j];
      assertArrayEquals(mean[j], centers[j], 1e-12);
    }
    assertEquals(inertia, m.inertia(), 1e-10 * inertia);
    assertEquals(m.inertia(), m.inertia(Nd4j.createFromArray(x)), 1e-10 * inertia);
    if (d >= k) for (int i = k; i < n; i++) assertEquals(labels[i % k], labels[i], "the blobs are recovered");
  }

  @Test
  void transformGivesDistancesToTheCentres() {
    KMeansModel m = KMeans.of(2).fit(Dataset.of(S, null));
    INDArray d = m.transform(Nd4j.createFromArray(new double[][] {S[0]}));
    double[] c0 = m.centers().getRow(0).toDoubleVector();
    assertEquals(Math.hypot(S[0][0] - c0[0], S[0][1] - c0[1]), d.getDouble(0, 0), 1e-12);
  }

  @Test
  void silhouetteMatchesScikitLearn() {
    INDArray x = Nd4j.createFromArray(S);
    assertEquals(0.31033038085205505, Silhouette.score(x, S_LABELS), 1e-12);
    assertArrayEquals(new double[] {0.33464742740495784, 0.4677102075235055, -0.04846374216564497, 0.5872400136976016,
        0.43215924747624596, 0.5908926423042551, -0.2468929700436474, -0.2308687288417109, 0.23195385380734262,
        -0.15440911083708325, 0.11363564336476689, 0.7317179642882093, 0.6446802361103432, 0.6577089384929046,
        0.5432440901987804}, Silhouette.samples(x, S_LABELS), 1e-12);
  }

  @Test
  void badInputsAreExplained() {
    assertEquals("The 'clusters' parameter of KMeans must be an int >= 1. Got 0 instead.",
        assertThrows(IllegalArgumentException.class, () -> KMeans.of(0)).getMessage());
    assertEquals("The 'restarts' parameter of KMeans must be an int >= 1. Got 0 instead.",
        assertThrows(IllegalArgumentException.class, () -> KMeans.of(2).withRestarts(0)).getMessage());
    assertEquals("The 'tolerance' parameter of KMeans must be a finite float >= 0. Got -1.0 instead.",
        assertThrows(IllegalArgumentException.class, () -> KMeans.of(2).withTolerance(-1)).getMessage());
    assertEquals("KMeans needs at least as many samples as clusters: nSamples = 15 < clusters = 16. Lower 'clusters' "
        + "or provide more data.", assertThrows(IllegalArgumentException.class,
        () -> KMeans.of(16).fit(Dataset.of(S, null))).getMessage());
    INDArray x = Nd4j.createFromArray(S);
    int[] one = new int[15];
    assertEquals("Silhouette: the number of distinct labels is 1. Valid values are 2 to nSamples - 1 = 14 (inclusive).",
        assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, one)).getMessage());
    assertEquals("Silhouette: x has 15 rows but labels has 3 entries; give one label per sample.",
        assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[] {0, 1, 0})).getMessage());
  }

  @Test
  void duplicatePointsDoNotBreakSeeding() {
    double[][] x = {{0, 0}, {0, 0}, {0, 0}, {5, 5}};
    KMeansModel m = KMeans.of(2).fit(Dataset.of(x, null));
    assertEquals(0.0, m.inertia(), 0.0);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 12})
  void kMeansPlusPlusDrawsTheSameSeedsWithMatrixProductsAsWithPlainJava(int d) {
    Random r = new Random(77 + d);
    double[][] x = new double[500][d];
    for (double[] row : x) for (int f = 0; f < d; f++) row[f] = r.nextGaussian() + 4 * r.nextInt(3);
    INDArray left = Distances.augmentLeft(Nd4j.createFromArray(x));
    for (long seed = 0; seed < 5; seed++) {
      assertArrayEquals(KMeansPlusPlus.seedIndices(x, 6, new Random(seed)),
          KMeansPlusPlus.seedIndices(x, left, 6, new Random(seed)), "seed " + seed);
    }
  }
}
