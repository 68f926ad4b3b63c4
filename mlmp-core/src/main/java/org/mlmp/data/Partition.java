package org.mlmp.data;

import org.mlmp.api.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded partitions of sample indices as the course uses them: train / validation / test splits
 * (optionally stratified by class) and k-fold cross-validation. All methods return index arrays; use
 * {@link Dataset#rows(int[])} to take the rows. The same seed gives the same partition.
 */
public final class Partition {
  private Partition() {}

  /**
   * Indices of a three-way split.
   *
   * @param train the training rows
   * @param validation the validation rows
   * @param test the test rows
   */
  public record Split(int[] train, int[] validation, int[] test) {}

  /**
   * Indices of one cross-validation fold.
   *
   * @param train the rows to fit on (all but this fold)
   * @param validation the rows of this fold
   */
  public record Fold(int[] train, int[] validation) {}

  /**
   * 0..n-1 in a seeded random order (Fisher–Yates with {@link Random}).
   *
   * @param n the number of indices
   * @param seed seeds the order
   * @return a permutation of 0..n-1
   */
  public static int[] shuffled(int n, long seed) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    Random r = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx;
  }

  /**
   * Shuffles and splits n samples; the test part gets round(n·testFraction) samples, validation
   * round(n·validationFraction), train the rest.
   *
   * @param n the number of samples
   * @param validationFraction the validation share, ≥ 0
   * @param testFraction the test share, ≥ 0 (the two sum below 1)
   * @param seed seeds the shuffle
   * @return the three index sets
   * @throws IllegalArgumentException when a fraction is negative or they sum to 1 or more
   */
  public static Split split(int n, double validationFraction, double testFraction, long seed) {
    checkFractions(validationFraction, testFraction);
    int[] idx = shuffled(n, seed);
    int nTest = (int) Math.round(n * testFraction), nVal = (int) Math.round(n * validationFraction);
    if (n - nTest - nVal < 1) {
      throw new IllegalArgumentException("split: " + n + " samples leave no training sample with validation "
          + validationFraction + " and test " + testFraction + ".");
    }
    return new Split(Arrays.copyOfRange(idx, nTest + nVal, n), Arrays.copyOfRange(idx, nTest, nTest + nVal),
        Arrays.copyOfRange(idx, 0, nTest));
  }

  /**
   * As {@link #split}, but each class keeps its proportion in every part (labels compared exactly).
   *
   * @param labels the class label of every sample
   * @param validationFraction the validation share, ≥ 0
   * @param testFraction the test share, ≥ 0 (the two sum below 1)
   * @param seed seeds the shuffle
   * @return the three index sets
   * @throws IllegalArgumentException when a fraction is negative or they sum to 1 or more
   */
  public static Split stratifiedSplit(double[] labels, double validationFraction, double testFraction, long seed) {
    checkFractions(validationFraction, testFraction);
    List<Integer> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
    Random r = new Random(seed);
    for (int[] members : byClass(labels).values()) {
      int[] perm = shuffled(members.length, r.nextLong());
      int m = members.length;
      int nTest = (int) Math.round(m * testFraction), nVal = (int) Math.round(m * validationFraction);
      for (int i = 0; i < m; i++) {
        int s = members[perm[i]];
        (i < nTest ? te : i < nTest + nVal ? va : tr).add(s);
      }
    }
    return new Split(mix(tr, r), mix(va, r), mix(te, r));
  }

  /**
   * k-fold cross-validation: the shuffled samples are cut into k folds of sizes differing by at most
   * one; each sample is in exactly one validation fold.
   *
   * @param n the number of samples
   * @param k the number of folds, 2 ≤ k ≤ n
   * @param seed seeds the shuffle
   * @return the k folds
   * @throws IllegalArgumentException when k is outside [2, n]
   */
  public static List<Fold> kFold(int n, int k, long seed) {
    if (k < 2 || k > n) {
      throw new IllegalArgumentException("kFold: k must be in [2, nSamples=" + n + "]. Got " + k + " instead.");
    }
    int[] idx = shuffled(n, seed);
    List<Fold> folds = new ArrayList<>();
    int start = 0;
    for (int f = 0; f < k; f++) {
      int size = n / k + (f < n % k ? 1 : 0);
      int[] val = Arrays.copyOfRange(idx, start, start + size);
      int[] train = new int[n - size];
      System.arraycopy(idx, 0, train, 0, start);
      System.arraycopy(idx, start + size, train, start, n - start - size);
      folds.add(new Fold(train, val));
      start += size;
    }
    return folds;
  }

  private static Map<Double, int[]> byClass(double[] labels) {
    Map<Double, List<Integer>> m = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) m.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
    Map<Double, int[]> out = new TreeMap<>();
    m.forEach((c, l) -> out.put(c, l.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  private static int[] mix(List<Integer> l, Random r) {
    int[] a = l.stream().mapToInt(Integer::intValue).toArray();
    int[] p = shuffled(a.length, r.nextLong());
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) out[i] = a[p[i]];
    return out;
  }

  private static void checkFractions(double v, double t) {
    if (!(v >= 0 && t >= 0 && v + t < 1)) {
      throw new IllegalArgumentException("split: validation and test fractions must be >= 0 with a sum < 1."
          + " Got validation " + v + " and test " + t + " instead.");
    }
  }
}
