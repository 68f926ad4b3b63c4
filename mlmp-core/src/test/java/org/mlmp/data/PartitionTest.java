package org.mlmp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionTest {
  @ParameterizedTest
  @CsvSource({"100, 0.2, 0.1, 70, 20, 10", "7, 0.3, 0.3, 3, 2, 2", "10, 0.0, 0.5, 5, 0, 5"})
  void splitSizesAreDisjointAndCoverAll(int n, double v, double t, int nTrain, int nVal, int nTest) {
    Partition.Split s = Partition.split(n, v, t, 42);
    assertEquals(nTrain, s.train().length);
    assertEquals(nVal, s.validation().length);
    assertEquals(nTest, s.test().length);
    Set<Integer> all = new HashSet<>();
    for (int[] part : List.of(s.train(), s.validation(), s.test())) for (int i : part) assertTrue(all.add(i), "index twice: " + i);
    assertEquals(n, all.size());
  }

  @Test
  void sameSeedSameSplitOtherSeedOther() {
    assertArrayEquals(Partition.split(50, 0.2, 0.2, 1).test(), Partition.split(50, 0.2, 0.2, 1).test());
    assertTrue(!Arrays.equals(Partition.split(50, 0.2, 0.2, 1).test(), Partition.split(50, 0.2, 0.2, 2).test()));
  }

  @Test
  void stratifiedSplitKeepsClassProportions() {
    double[] labels = new double[200];
    for (int i = 0; i < 200; i++) labels[i] = i < 150 ? 0 : 1; // 75 % / 25 %
    Partition.Split s = Partition.stratifiedSplit(labels, 0.2, 0.2, 3);
    for (int[] part : List.of(s.train(), s.validation(), s.test())) {
      long ones = Arrays.stream(part).filter(i -> labels[i] == 1).count();
      assertEquals(0.25, (double) ones / part.length, 1e-9, "class 1 fraction in a part of " + part.length);
    }
    assertEquals(200, s.train().length + s.validation().length + s.test().length);
  }

  @ParameterizedTest
  @CsvSource({"10, 3", "100, 10", "5, 5", "101, 4"})
  void kFoldValidatesEverySampleExactlyOnce(int n, int k) {
    List<Partition.Fold> folds = Partition.kFold(n, k, 9);
    assertEquals(k, folds.size());
    int[] seen = new int[n];
    for (Partition.Fold f : folds) {
      for (int i : f.validation()) seen[i]++;
      assertEquals(n, f.train().length + f.validation().length);
      Set<Integer> tr = new HashSet<>();
      for (int i : f.train()) tr.add(i);
      for (int i : f.validation()) assertTrue(!tr.contains(i), "sample in both train and validation");
      assertTrue(Math.abs(f.validation().length - n / (double) k) < 1);
    }
    assertArrayEquals(IntStream.range(0, n).map(i -> 1).toArray(), seen);
  }

  @Test
  void badArgumentsNameTheValue() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.kFold(5, 6, 0)).getMessage()
        .contains("k must be in [2, nSamples=5]. Got 6 instead."));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.split(10, 0.6, 0.5, 0)).getMessage()
        .contains("Got validation 0.6 and test 0.5 instead."));
  }
}
