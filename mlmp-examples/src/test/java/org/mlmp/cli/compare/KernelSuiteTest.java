package org.mlmp.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;
import org.nd4j.linalg.factory.Nd4j;

class KernelSuiteTest {
  /** t = 2e-9 n³ measured at n = 1000, 2000, 4000 has the log-log slope 3; a line through noise gives its LS slope. */
  @Test
  void costExponentIsTheLogLogSlope() {
    int[] n = {1000, 2000, 4000};
    double[] x = new double[3], y = new double[3];
    for (int i = 0; i < 3; i++) {
      x[i] = Math.log(n[i]);
      y[i] = Math.log(2e-9 * Math.pow(n[i], 3));
    }
    assertEquals(3.0, KernelSuite.slope(x, y), 1e-12);
    // hand-computable least squares: points (0, 0), (1, 1), (2, 3) -> slope 1.5
    assertEquals(1.5, KernelSuite.slope(new double[] {0, 1, 2}, new double[] {0, 1, 3}), 1e-15);
  }

  /**
   * The suite's data are a function of the seed alone (the same rows in every JVM, so both runs of a row and two
   * runs of the suite fit the same problem): x is SplittableRandom(seed)'s doubles in row order, y = Σ_j sin(3 x_j).
   */
  @Test
  void dataFollowFromTheSeedAlone() {
    Dataset d = KernelSuite.data(4, 3, 0);
    java.util.SplittableRandom r = new java.util.SplittableRandom(0);
    double[][] x = d.x().toDoubleMatrix();
    for (int i = 0; i < 4; i++) {
      double sum = 0;
      for (int j = 0; j < 3; j++) {
        assertEquals(r.nextDouble(), x[i][j]);
        sum += Math.sin(3 * x[i][j]);
      }
      assertEquals(sum, d.y().getDouble(i), 1e-15);
    }
    assertFalse(KernelSuite.data(4, 3, 1).x().equals(d.x()), "another seed, other rows");
  }

  /** LIBSVM's cache_size for the whole kernel matrix: n² floats and a quarter more, in MB, at least 200. */
  @Test
  void libsvmCacheHoldsTheWholeFloatKernelMatrix() {
    assertEquals(200, KernelSuite.libsvmCacheMb(2000)); // 15.3 MB needed
    assertEquals(306, KernelSuite.libsvmCacheMb(8000)); // 8000² · 4 B = 244.1 MB, · 1.25 = 305.2
    assertTrue(KernelSuite.libsvmCacheMb(8000) * (1 << 20) >= 4L * 8000 * 8000);
  }

  /**
   * The SVM row's note states both configurations and both support-vector counts, and says when they are more than
   * 1 % apart (the row then does not compare like with like).
   */
  @Test
  void svmNoteStatesCachesThreadsAndSupportVectorCounts() throws Exception {
    double[][] x = new double[40][];
    double[] y = new double[40];
    for (int i = 0; i < 40; i++) {
      x[i] = new double[] {Math.sin(1.3 * i), Math.cos(0.7 * i * i)};
      y[i] = x[i][0] * x[i][1] > 0 ? 1 : -1;
    }
    Svm svm = Svm.of(Gaussian.of(1.0), 1.0).withCacheBytes(8L * 40 * 40);
    SvmModel m = svm.fit(Dataset.of(x, y));
    int nsv = m.supportIndices().length;
    var mapper = new ObjectMapper();
    String same = KernelSuite.svmNote(svm, 40, 2, 200, 3, m, mapper.readTree("{\"n_sv\": " + nsv + "}"));
    assertTrue(same.contains("support vectors mlmp " + nsv + ", LIBSVM " + nsv + " (0.00 % apart)"), same);
    assertTrue(same.contains("mlmp 2 threads") && same.contains("whole Gram matrix") && same.contains("cache_size 200 MB"),
        same);
    assertFalse(same.contains("MORE THAN 1 %"), same);
    String apart = KernelSuite.svmNote(svm.withCacheBytes(8L * 40 * 10), 40, 1, 200, 3, m,
        mapper.readTree("{\"n_sv\": " + (nsv + 5) + "}"));
    assertTrue(apart.contains("MORE THAN 1 %, the row does not compare like with like"), apart);
    assertTrue(apart.contains("mlmp 1 thread,") && apart.contains("holds 10 of 40 rows"), apart);
    String missing = KernelSuite.svmNote(svm, 40, 1, 200, 3, m, null);
    assertTrue(missing.contains("support vectors mlmp " + nsv + ", LIBSVM –"), missing);
  }

  /**
   * withThreads caps mlmp's own count (Threads.cap(), which Svm asks whether to split kernel rows) and OpenBLAS's
   * threads for the body and restores them after, also when it throws.
   */
  @Test
  void withThreadsRestoresTheThreadCounts() throws Exception {
    int before = Nd4j.factory().blas().getMaxThreads(), capBefore = org.mlmp.backend.Threads.cap();
    assertEquals(1.0, KernelSuite.withThreads(1, () -> (double) Nd4j.factory().blas().getMaxThreads()));
    assertEquals(1.0, KernelSuite.withThreads(1, () -> (double) org.mlmp.backend.Threads.cap()));
    assertEquals(before, Nd4j.factory().blas().getMaxThreads());
    assertEquals(capBefore, org.mlmp.backend.Threads.cap());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> KernelSuite.withThreads(1, () -> {
      throw new IllegalStateException("x");
    }));
    assertEquals(capBefore, org.mlmp.backend.Threads.cap());
    assertEquals(before, Nd4j.factory().blas().getMaxThreads());
  }
}
