package org.mlmp.kernelmethods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Polynomial;
import org.nd4j.linalg.factory.Nd4j;

public class SvmTest {
  /*
   * Reference: LIBSVM 3.24 (Debian libsvm-tools), mlmp-core/src/test/reference/svm_libsvm.py (run in a scratch directory):
   *   X[i] = (round(1.7 sin(2.3 i + 0.4), 4), round(1.7 cos(1.1 i² + 0.3 i), 4)), i = 0..39;
   *   y = +1 if |x|² < 1.2 else −1, then y[5] and y[17] flipped (overlapping classes);
   *   svm-train -s 0 -t 2 -g 0.78125 -c 2 -e 1e-12 -h 0   (Gaussian σ = 0.8, C = 2)
   * Support vectors matched to training rows by their features; decision values at the test points
   * T[i] = (1.3 cos(0.7 i), 1.3 sin(1.9 i)) recomputed in double from the model file's sv_coef and rho
   * (17 digits). LIBSVM's label order is (1, −1), so its decision values have mlmp's sign (> 0: label 1).
   * No point lies on the margin: the smallest y·f of a non-support vector is 1.0096.
   * LIBSVM caches the kernel in single precision (Qfloat = float), so its α carry errors of a few 1e-6;
   * the exact optimum (EXACT_*) was computed by mlmp-core/src/test/reference/svm_exact.py (numpy 1.x, /usr/bin/python3): the KKT
   * equations y_i f(x_i) = 1 for LIBSVM's free support vectors, α = C for its bounded ones and Σ α_i y_i = 0,
   * solved in double (condition number 404).
   */
  public static final double[][] X = {{0.662, 1.7}, {0.7265, 0.2889}, {-1.6302, 0.4822}, {1.4457, -0.3304}, {-0.2964, 1.6979},
      {-1.0508, -1.2717}, {1.6966, -1.441}, {-1.21, 1.4505}, {-0.0842, -1.4552}, {1.3223, -1.307}, {-1.6778, 1.692},
      {0.9134, -0.4359}, {0.4605, 0.351}, {-1.5271, 0.4475}, {1.5745, 1.6894}, {-0.5709, 1.3298}, {-0.8137, -1.4794},
      {1.6552, -1.4182}, {-1.3919, -1.478}, {0.1996, 1.326}, {1.1259, 1.6904}, {-1.7, 0.4358}, {1.1394, 0.3658},
      {0.1817, -0.4183}, {-1.3815, 1.6939}, {1.6592, -1.2914}, {-0.8295, -1.4409}, {-0.5539, 1.466}, {1.5676, -1.4231},
      {-1.535, -1.2474}, {0.4779, 1.6994}, {0.8982, -0.2888}, {-1.6747, 0.5255}, {1.3335, 0.2412}, {-0.1023, 1.6992},
      {-1.1973, 1.1448}, {1.6977, -1.3088}, {-1.065, -1.5728}, {-0.2785, -1.2675}, {1.4362, 1.0483}};
  static final int[] Y = {-1, 1, -1, -1, -1, 1, -1, -1, -1, -1, -1, 1, 1, -1, -1, -1, -1, 1, -1, -1, -1, -1, -1, 1, -1,
      -1, -1, -1, -1, -1, -1, 1, -1, -1, -1, -1, -1, -1, -1, -1};
  static final int[] LIBSVM_SUPPORT = {1, 3, 5, 6, 9, 11, 12, 13, 17, 18, 19, 22, 29, 31, 33, 37, 38};
  static final double[] LIBSVM_COEF = {2.0, -2.0, 2.0, -0.3831990699922706, -2.0, 2.0, 0.7529240810712688,
      -0.10201571403299096, 2.0, -0.4077042692277374, -0.6799890557688512, -2.0, -0.791983888237519, 2.0,
      -0.842138537465111, -0.19214873395374155, -1.3537448123930467};
  static final double LIBSVM_INTERCEPT = -0.95932906267126;
  static final double[] LIBSVM_DECISION = {-0.6381666542646139, -1.2611018023462364, 0.31404033968638656,
      -0.5050666478384072, -1.0632947828159, -0.777001133675658, -0.9139526361110132, -0.1671132910214307,
      -0.5919261135490779, -0.9045202720500142};

  static final double[] EXACT_COEF = {2.0, -2.0, 2.0, -0.383199007369271, -2.0, 2.0, 0.7529239862168593,
      -0.1020157251800857, 2.0, -0.40770677285108015, -0.6799890373320658, -2.0, -0.7919827569998934, 2.0,
      -0.8421384647669702, -0.1921470305947544, -1.353745191122739};
  static final double EXACT_INTERCEPT = -0.9593290802326975;
  static final double[] EXACT_DECISION = {-0.6381666526063702, -1.2611018198919273, 0.3140401988112316,
      -0.5050666502548304, -1.0632948054350204, -0.7770011064760243, -0.9139525846762862, -0.16711335224366464,
      -0.5919261384925236, -0.9045202704965143};

  public static double[] labels() {
    double[] y = new double[Y.length];
    for (int i = 0; i < y.length; i++) y[i] = Y[i];
    return y;
  }

  static double[][] testPoints() {
    double[][] t = new double[10][];
    for (int i = 0; i < 10; i++) t[i] = new double[] {Math.cos(0.7 * i) * 1.3, Math.sin(1.9 * i) * 1.3};
    return t;
  }

  @Test
  void matchesLibsvm() {
    SvmModel m = Svm.of(Gaussian.of(0.8), 2.0).withTolerance(1e-12).fit(Dataset.of(X, labels()));
    assertArrayEquals(new double[] {-1, 1}, m.classes());
    assertArrayEquals(LIBSVM_SUPPORT, m.supportIndices());
    assertArrayEquals(new int[] {11, 6}, m.nSupport()); // LIBSVM nr_sv: 6 for label 1, 11 for label −1
    double[] decision = m.decisionFunction(Nd4j.createFromArray(testPoints())).toDoubleVector();
    assertArrayEquals(LIBSVM_DECISION, decision, 1e-6);
    assertEquals(LIBSVM_INTERCEPT, m.intercept(0), 1e-6);
    assertArrayEquals(LIBSVM_COEF, m.dualCoef(0), 1e-5); // LIBSVM's float kernel cache
    // the exact optimum, in double
    assertArrayEquals(EXACT_COEF, m.dualCoef(0), 1e-9);
    assertEquals(EXACT_INTERCEPT, m.intercept(0), 1e-9);
    assertArrayEquals(EXACT_DECISION, decision, 1e-9);
  }

  /**
   * The precomputed Gram matrix (CPU: dgemm + Java pass, used when n² doubles fit in cacheBytes) and the
   * on-demand rows by Kernel.value give the same kernel rows (to round-off) and the same SMO solution.
   */
  @Test
  void precomputedAndOnDemandKernelRowsGiveTheSameSolution() {
    Gaussian k = Gaussian.of(0.8);
    org.nd4j.linalg.api.ndarray.INDArray x = Nd4j.createFromArray(X);
    Svm.GlobalRows full = Svm.GlobalRows.create(k, x, X, Svm.DEFAULT_CACHE_BYTES),
        onDemand = new Svm.GlobalRows(k, X, Svm.DEFAULT_CACHE_BYTES);
    for (int i = 0; i < X.length; i++) {
      assertArrayEquals(onDemand.row(i), full.row(i), 1e-14, "row " + i); // |x|²+|x'|²−2x·x' vs (x−x')²
      assertEquals(1.0, full.diagonal(i), 0.0, "exact k(0) diagonal");
    }
    double[] y = new double[X.length];
    for (int i = 0; i < y.length; i++) y[i] = Y[i] > 0 ? 1 : -1;
    SmoSolver.SmoSolution a = SmoSolver.solve(full, X.length, y, 2.0, 1e-12, 1_000_000);
    SmoSolver.SmoSolution b = SmoSolver.solve(onDemand, X.length, y, 2.0, 1e-12, 1_000_000);
    assertArrayEquals(b.alpha(), a.alpha(), 1e-9);
    assertEquals(b.rho(), a.rho(), 1e-9);
  }

  /**
   * Shrinking (LIBSVM's heuristic; with n = 40 it runs every 40 steps) with gradient reconstruction reaches
   * the solution of SMO without shrinking at tolerance 1e-12.
   */
  @Test
  void shrinkingReachesTheSameSolution() {
    Svm.GlobalRows rows = new Svm.GlobalRows(Gaussian.of(0.8), X, Svm.DEFAULT_CACHE_BYTES);
    double[] y = new double[X.length];
    for (int i = 0; i < y.length; i++) y[i] = Y[i] > 0 ? 1 : -1;
    SmoSolver.SmoSolution a = SmoSolver.solve(rows, X.length, y, 2.0, 1e-12, 1_000_000, true);
    SmoSolver.SmoSolution b = SmoSolver.solve(rows, X.length, y, 2.0, 1e-12, 1_000_000, false);
    assertTrue(a.converged() && b.converged());
    assertArrayEquals(b.alpha(), a.alpha(), 1e-9);
    assertEquals(b.rho(), a.rho(), 1e-9);
    assertArrayEquals(EXACT_COEF, Svm.of(Gaussian.of(0.8), 2.0).withTolerance(1e-12).fit(Dataset.of(X, labels()))
        .dualCoef(0), 1e-9);
  }

  /** The row cache is sized in bytes: with room for two rows, the least recently used one is dropped. */
  @Test
  void rowCacheDropsTheLeastRecentlyUsedRow() {
    int n = (int) (Svm.DEFAULT_CACHE_BYTES / (8 * 2)); // two rows of n doubles fill the budget
    Svm.RowCache cache = new Svm.RowCache(n, Svm.DEFAULT_CACHE_BYTES);
    cache.put(0, new double[0]);
    cache.put(1, new double[0]);
    cache.get(0); // 1 is now the least recently used
    cache.put(2, new double[0]);
    assertEquals(java.util.Set.of(0, 2), cache.keySet());
  }

  /** KKT conditions of the dual at tolerance 1e-12: box, equality, and the margin of each kind of point. */
  @Test
  void solutionSatisfiesTheKktConditions() {
    double c = 2.0;
    SvmModel m = Svm.of(Gaussian.of(0.8), c).withTolerance(1e-12).fit(Dataset.of(X, labels()));
    double[] f = m.decisionFunction(Nd4j.createFromArray(X)).toDoubleVector();
    double[] alphaY = new double[X.length];
    int[] sv = m.machineSupport(0);
    double[] coef = m.dualCoef(0);
    double sum = 0;
    for (int r = 0; r < sv.length; r++) {
      alphaY[sv[r]] = coef[r];
      sum += coef[r];
      assertTrue(Math.abs(coef[r]) <= c + 1e-15);
    }
    assertEquals(0, sum, 1e-12, "Σ α_i y_i = 0");
    for (int i = 0; i < X.length; i++) {
      double margin = Y[i] * f[i], a = Math.abs(alphaY[i]);
      if (a == 0) assertTrue(margin >= 1 - 1e-9, "non-support vector " + i + " inside the margin: " + margin);
      else if (a < c) assertEquals(1, margin, 1e-9, "free support vector " + i);
      else assertTrue(margin <= 1 + 1e-9, "bounded support vector " + i + ": " + margin);
    }
  }

  /** Three blobs: one-vs-one gives three machines, each equal to a binary SVM on its two classes only. */
  @Test
  void oneVsOneMachinesEqualPairwiseBinaryFits() {
    Random r = new Random(3);
    double[][] x = new double[45][2];
    double[] y = new double[45];
    double[][] centres = {{0, 0}, {3, 0}, {0, 3}};
    for (int i = 0; i < 45; i++) {
      int c = i % 3;
      x[i][0] = centres[c][0] + 0.7 * r.nextGaussian();
      x[i][1] = centres[c][1] + 0.7 * r.nextGaussian();
      y[i] = 10 * c + 5; // labels 5, 15, 25
    }
    Svm svm = Svm.of(Polynomial.of(2, 1.0), 1.0).withTolerance(1e-10);
    SvmModel m = svm.fit(Dataset.of(x, y));
    assertEquals(3, m.nMachines());
    assertArrayEquals(new double[] {5, 15, 25}, m.classes());
    assertTrue(m.accuracy(Nd4j.createFromArray(x), Nd4j.createFromArray(y)) > 0.9);
    int k = 0;
    for (int a = 0; a < 3; a++) {
      for (int b = a + 1; b < 3; b++, k++) {
        final int ca = a, cb = b;
        int[] rows = java.util.stream.IntStream.range(0, 45).filter(i -> i % 3 == ca || i % 3 == cb).toArray();
        SvmModel pair = svm.fit(Dataset.of(x, y).rows(rows));
        assertArrayEquals(new double[] {10 * a + 5, 10 * b + 5}, m.machineClasses(k));
        assertArrayEquals(pair.dualCoef(0), m.dualCoef(k), 1e-12);
        assertEquals(pair.intercept(0), m.intercept(k), 1e-12);
        int[] global = pair.machineSupport(0);
        for (int i = 0; i < global.length; i++) global[i] = rows[global[i]];
        assertArrayEquals(global, m.machineSupport(k));
      }
    }
  }

  @Test
  void badInputsAreRejectedWithTheirValues() {
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> Svm.of(Gaussian.of(1), 0));
    assertEquals("The 'C' parameter of Svm must be a finite number > 0. Got 0.0 instead.", c.getMessage());
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> Svm.of(Gaussian.of(1), 1).fit(Dataset.of(new double[][] {{0, 1}, {1, 0}}, new double[] {3, 3})));
    assertEquals("Svm needs at least two classes in y. Got only [3.0].", one.getMessage());
    IllegalStateException it = assertThrows(IllegalStateException.class,
        () -> Svm.of(Gaussian.of(0.8), 2.0).withTolerance(1e-12).withMaxIterations(3).fit(Dataset.of(X, labels())));
    assertTrue(it.getMessage().startsWith("Svm: SMO did not reach tolerance 1.0E-12 within 3 steps"), it.getMessage());
  }

  /**
   * cacheBytes (LIBSVM's -m) changes where kernel rows come from, not the model: a cache of two rows (rows computed on
   * demand, least recently used dropped) and the default (every row kept once computed) give the same solution.
   */
  @Test
  void cacheSizeChangesTheTimeNotTheModel() {
    Svm whole = Svm.of(Gaussian.of(0.8), 2.0).withTolerance(1e-12);
    Svm twoRows = whole.withCacheBytes(2L * 8 * X.length);
    assertEquals(Svm.DEFAULT_CACHE_BYTES, whole.cacheBytes());
    SvmModel a = whole.fit(Dataset.of(X, labels())), b = twoRows.fit(Dataset.of(X, labels()));
    assertArrayEquals(a.supportIndices(), b.supportIndices());
    assertArrayEquals(a.dualCoef(0), b.dualCoef(0), 1e-9);
    assertEquals(a.intercept(0), b.intercept(0), 1e-9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> whole.withCacheBytes(0));
    assertEquals("The 'cacheBytes' parameter of Svm must be >= 1 (default 268435456, 256 MiB). Got 0 instead.",
        e.getMessage());
  }

  /** The stopping tolerance (LIBSVM's -e) must be > 0; the message names the value (NaN and 0 included). */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(doubles = {0.0, -1e-3, Double.NaN})
  void toleranceMustBePositive(double bad) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Svm.of(Gaussian.of(1), 1).withTolerance(bad));
    assertEquals("The 'tolerance' parameter of Svm must be > 0. Got " + bad + " instead.", e.getMessage());
    assertEquals(Svm.DEFAULT_TOLERANCE, Svm.of(Gaussian.of(1), 1).tolerance(), 0);
    assertEquals(1e-3, Svm.DEFAULT_TOLERANCE, 0); // LIBSVM's -e default, scikit-learn's tol default
  }

  /**
   * Model files keep the trainer's tolerance: the format-version-1 fixture loads with the 0.001 it was fitted with,
   * and a file whose trainer has no "tolerance" entry loads with the default 0.001 (the only value the command
   * line used before --tolerance), predicting as before.
   */
  @Test
  void modelFilesKeepTheirTolerance(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path fixture = java.nio.file.Path.of(SvmTest.class.getClassLoader()
        .getResource("org/mlmp/io/format-v1/svm-gaussian-3class.mlmp").toURI());
    SvmModel old = org.mlmp.io.ModelFile.load(fixture, SvmModel.class);
    assertEquals(1e-3, old.trainer().tolerance(), 0);
    java.nio.file.Path stripped = dir.resolve("no-tolerance.mlmp");
    try (var in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(fixture));
        var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(stripped))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        if (e.getName().equals("model.json")) {
          var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(bytes);
          assertTrue(((com.fasterxml.jackson.databind.node.ObjectNode) json.get("config")).remove("tolerance") != null);
          bytes = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(json);
        }
        out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        out.write(bytes);
        out.closeEntry();
      }
    }
    SvmModel back = org.mlmp.io.ModelFile.load(stripped, SvmModel.class);
    assertEquals(Svm.DEFAULT_TOLERANCE, back.trainer().tolerance(), 0);
    var q = Nd4j.createFromArray(new double[][] {{0.1, 0.2, -0.3}, {2.0, 2.0, -1.0}});
    assertArrayEquals(old.decisionFunction(q).data().asDouble(), back.decisionFunction(q).data().asDouble(), 0);
  }

  /** Each grid score is the mean of per-fold accuracies of separately fitted SVMs. */
  @Test
  void crossValidationScoresEqualManualFoldFits() {
    Dataset d = Dataset.of(X, labels());
    java.util.List<org.mlmp.kernel.Kernel> kernels = java.util.List.of(Gaussian.of(0.5), Gaussian.of(1.5));
    SvmSearch.SvmSearchResult res = SvmSearch.crossValidate(d, kernels, new double[] {0.5, 5}, 4, 1e-3, 3);
    assertEquals(4, res.scores().size());
    var folds = org.mlmp.data.Partition.kFold(X.length, 4, 3);
    for (SvmSearch.SvmScore s : res.scores()) {
      double[] acc = new double[4];
      for (int f = 0; f < 4; f++) {
        Dataset va = d.rows(folds.get(f).validation());
        acc[f] = Svm.of(s.kernel(), s.c()).fit(d.rows(folds.get(f).train())).accuracy(va.x(), va.y());
      }
      assertArrayEquals(acc, s.foldAccuracy(), 0);
      assertEquals((acc[0] + acc[1] + acc[2] + acc[3]) / 4, s.meanAccuracy(), 1e-15);
    }
    assertTrue(res.toTable().contains("±") && res.toTable().contains("*"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SvmSearch.crossValidate(d, kernels, new double[] {-1}, 4, 1e-3, 3));
    assertEquals("The 'C' parameter of Svm must be a finite number > 0. Got -1.0 instead.", e.getMessage());
  }
}
