package org.mlmp.kernelmethods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.api.Dataset;
import org.mlmp.io.ModelFile;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Kernel;
import org.mlmp.kernel.Laplacian;
import org.mlmp.kernel.Linear;
import org.mlmp.kernel.Polynomial;
import org.mlmp.kernel.Radial;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class KernelRidgeTest {
  static final int N = 30, M = 8, D = 3;

  /** x_ij = sin(1.3 i + 0.7 j) + 0.1 j; two targets sin(x0) + cos(x1) x2 and x0 x1 − x2 (as in ref_krr.py). */
  static double[][] referenceX() {
    double[][] x = new double[N][D];
    for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) x[i][j] = Math.sin(1.3 * i + 0.7 * j) + 0.1 * j;
    return x;
  }

  static double[][] referenceY() {
    double[][] x = referenceX(), y = new double[N][2];
    for (int i = 0; i < N; i++) {
      y[i][0] = Math.sin(x[i][0]) + Math.cos(x[i][1]) * x[i][2];
      y[i][1] = x[i][0] * x[i][1] - x[i][2];
    }
    return y;
  }

  static double[][] referenceTest() {
    double[][] t = new double[M][D];
    for (int i = 0; i < M; i++) for (int j = 0; j < D; j++) t[i][j] = Math.cos(0.9 * i + 1.1 * j);
    return t;
  }

  public static Dataset referenceData() {
    double[][] y = referenceY();
    double[] y0 = new double[N];
    for (int i = 0; i < N; i++) y0[i] = y[i][0];
    return Dataset.of(referenceX(), y0);
  }

  /*
   * Reference predictions: scikit-learn 1.2.1 (/usr/bin/python3), mlmp-core/src/test/reference/krr_sklearn.py:
   *   X[i,j] = sin(1.3 i + 0.7 j) + 0.1 j (30 x 3); T[i,j] = cos(0.9 i + 1.1 j) (8 x 3);
   *   Y = [sin(X0) + cos(X1) X2, X0 X1 - X2];
   *   KernelRidge(alpha=λ, kernel=..., ...).fit(X, Y).predict(T)
   * rbf gamma=0.5 (σ=1), λ=0.1: cond(K + λI) = 117;
   * laplacian gamma=0.5 (σ=2), λ=0.1: cond(K + λI) = 110;
   * poly degree=2 gamma=1 coef0=1, λ=0.5: cond(K + λI) = 213.
   */
  static Stream<Arguments> scikitLearnReferences() {
    return Stream.of(
        Arguments.of(Gaussian.of(1.0), 0.1, new double[][] {
            {0.36529027424414023, 0.5330626827893311}, {-0.2771384419437275, 0.46150803954404185},
            {-0.8699776504676535, 1.0226411947534926}, {-0.7477728436094657, 0.547176796915691},
            {0.08419212100905814, -0.7713785101090906}, {0.7796993930678692, -1.1023085857430586},
            {1.0091344072536959, 0.248505266750199}, {0.3513529132329025, 0.528644731570505}}),
        Arguments.of(Laplacian.of(2.0), 0.1, new double[][] {
            {0.40320903004757275, 0.5812996230350383}, {-0.25288464176807823, 0.6096520966684238},
            {-0.8091632736151948, 1.0023796986903541}, {-0.7381977301572573, 0.5610823731634396},
            {0.06479159727586838, -0.7229577928790891}, {0.7647575649649796, -0.9823401140791832},
            {0.9131667185434514, 0.25095541463469395}, {0.389881919977907, 0.5807546399084923}}),
        Arguments.of(Polynomial.of(2, 1.0), 0.5, new double[][] {
            {0.5259820653872793, 0.7390111511415428}, {-0.3027313251282936, 0.7009803273244798},
            {-0.9427966446678419, 1.0511724641193527}, {-0.7036413901792145, 0.5479888168245307},
            {0.0810052971801954, -0.9176612793180486}, {0.6805608644915119, -1.0374146581514383},
            {0.8561871307263751, 0.2243294374268154}, {0.5141027066264832, 0.7385239788063388}}));
  }

  @ParameterizedTest
  @MethodSource("scikitLearnReferences")
  void predictionsMatchScikitLearnKernelRidge(Kernel kernel, double lambda, double[][] expected) {
    Dataset d = Dataset.of(Nd4j.createFromArray(referenceX()), Nd4j.createFromArray(referenceY()));
    KernelRidgeModel model = KernelRidge.of(kernel, lambda).fit(d);
    double[][] got = model.predict(Nd4j.createFromArray(referenceTest())).toDoubleMatrix();
    for (int i = 0; i < M; i++) {
      for (int t = 0; t < 2; t++) {
        assertEquals(expected[i][t], got[i][t], 1e-8 * Math.abs(expected[i][t]), kernel + " row " + i + " target " + t);
      }
    }
  }

  /**
   * KRR with the linear kernel and λ equals ridge regression without intercept under the course's cost
   * (1/2N) Σ (y − Xw)² + λ_r ‖w‖² with λ_r = λ/(2N), whose minimiser solves (XᵀX + 2N λ_r I) w = Xᵀy
   * (computed here directly by Gaussian elimination on the 3 × 3 system).
   */
  @Test
  void linearKernelEqualsRidgeWithLambdaOver2N() {
    double lambda = 0.7;
    double[][] x = referenceX();
    double[] y = referenceData().y().toDoubleVector();
    double lambdaRidge = lambda / (2 * N);
    double[][] a = new double[D][D + 1];
    for (int p = 0; p < D; p++) {
      for (int q = 0; q < D; q++) for (int i = 0; i < N; i++) a[p][q] += x[i][p] * x[i][q];
      a[p][p] += 2 * N * lambdaRidge;
      for (int i = 0; i < N; i++) a[p][D] += x[i][p] * y[i];
    }
    double[] w = gaussSolve(a);

    KernelRidgeModel krr = KernelRidge.of(Linear.of(), lambda).fit(referenceData());
    // primal weights from the dual ones: w = Xᵀ a
    double[] dual = krr.dualCoef().toDoubleVector();
    for (int p = 0; p < D; p++) {
      double wp = 0;
      for (int i = 0; i < N; i++) wp += x[i][p] * dual[i];
      assertEquals(w[p], wp, 1e-10 * Math.abs(w[p]), "w[" + p + "]");
    }
    double[][] t = referenceTest();
    double[] pred = krr.predict(Nd4j.createFromArray(t)).toDoubleVector();
    for (int i = 0; i < M; i++) {
      double ridge = 0;
      for (int p = 0; p < D; p++) ridge += t[i][p] * w[p];
      assertEquals(ridge, pred[i], 1e-10 * Math.max(1, Math.abs(ridge)));
    }
  }

  @Test
  void precomputedGramGivesTheSameModelAndIsNotModified() {
    Dataset d = referenceData();
    Gaussian k = Gaussian.of(0.9);
    INDArray gram = k.gram(d.x());
    INDArray gramBefore = gram.dup();
    KernelRidgeModel a = KernelRidge.of(k, 0.05).fit(d), b = KernelRidge.of(k, 0.05).fit(d, gram);
    // fit(d) builds K on the CPU by dsyrk + a Java pass (CpuGram), gram(x) by ND4J's gemm: equal to round-off
    // (cond(K + 0.05 I) ≈ 1e3, so the dual coefficients agree to ~1e-13)
    double[] ca = a.dualCoef().toDoubleVector(), cb = b.dualCoef().toDoubleVector();
    for (int i = 0; i < N; i++) assertEquals(cb[i], ca[i], 1e-11 * Math.max(1, Math.abs(cb[i])), "a[" + i + "]");
    assertEquals(gramBefore, gram, "the precomputed Gram matrix was modified");
    assertArrayEquals(b.dualCoef().toDoubleVector(),
        KernelRidge.dualCoefficients(gram, d.y(), 0.05).reshape(N).toDoubleVector(), 0.0);
    INDArray t = Nd4j.createFromArray(referenceTest());
    assertArrayEquals(a.predict(t).toDoubleVector(), a.predictFromGram(k.gram(t, d.x())).toDoubleVector(), 1e-13);
  }

  @Test
  void inputsAreUnchanged() {
    INDArray x = Nd4j.createFromArray(referenceX()), y = Nd4j.createFromArray(referenceY());
    INDArray x0 = x.dup(), y0 = y.dup();
    KernelRidgeModel m = KernelRidge.of(Gaussian.of(1), 0.1).fit(Dataset.of(x, y));
    INDArray t = Nd4j.createFromArray(referenceTest()), t0 = t.dup();
    m.predict(t);
    m.gradient(t, 1);
    assertEquals(x0, x);
    assertEquals(y0, y);
    assertEquals(t0, t);
  }

  @Test
  void severalTargetsEqualSeparateFits() {
    INDArray x = Nd4j.createFromArray(referenceX()), y = Nd4j.createFromArray(referenceY());
    KernelRidge krr = KernelRidge.of(Laplacian.of(1.5), 0.2);
    INDArray both = krr.fit(Dataset.of(x, y)).predict(Nd4j.createFromArray(referenceTest()));
    for (int t = 0; t < 2; t++) {
      INDArray one = krr.fit(Dataset.of(x, y.getColumn(t).dup())).predict(Nd4j.createFromArray(referenceTest()));
      assertArrayEquals(one.toDoubleVector(), both.getColumn(t).toDoubleVector(), 1e-13);
    }
  }

  /** The fallback for non-CPU backends (ND4J potrf + two triangular solves) agrees with LAPACK dposv. */
  @Test
  void fallbackSolverAgreesWithDposv() {
    INDArray y = Nd4j.createFromArray(referenceY());
    INDArray k = Gaussian.of(1).gram(Nd4j.createFromArray(referenceX()));
    INDArray direct = RegularizedCholesky.solveInPlace(k.dup('c'), y, 0.1, "test"), fallback;
    try (var forced = org.mlmp.backend.HostBlas.forceGeneric()) {
      fallback = RegularizedCholesky.solveInPlace(k.dup('c'), y, 0.1, "test");
    }
    double[][] a = direct.toDoubleMatrix(), b = fallback.toDoubleMatrix();
    for (int i = 0; i < N; i++) assertArrayEquals(a[i], b[i], 1e-10 * 100, "row " + i);
  }

  /** [[1, 2], [2, 1]] has eigenvalues −1 and 3: λ must exceed 1. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void indefiniteGramNamesTheLambdaThatHelps(boolean direct) {
    INDArray k = Nd4j.createFromArray(new double[][] {{1, 2}, {2, 1}});
    IllegalArgumentException e;
    try (var forced = direct ? null : org.mlmp.backend.HostBlas.forceGeneric()) {
      e = assertThrows(IllegalArgumentException.class,
          () -> RegularizedCholesky.solveInPlace(k.dup('c'), Nd4j.createFromArray(new double[][] {{1}, {2}}), 0.5,
              "KernelRidge(test)"));
    }
    assertTrue(e.getMessage().startsWith("KernelRidge(test): K + λI with lambda = 0.5 is not positive definite"),
        e.getMessage());
    assertTrue(e.getMessage().contains("The smallest eigenvalue of K is -1.00 (largest 3.00), so K + λI is positive"
        + " definite for lambda > 1.00; with round-off, use lambda >= 2."), e.getMessage());
  }

  @Test
  void indefinitePrecomputedGramIsReportedByFit() {
    Dataset d = Dataset.of(new double[][] {{0, 1}, {1, 0}}, new double[] {1, 2});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelRidge.of(Linear.of(), 0.0).fit(d, Nd4j.createFromArray(new double[][] {{1, 2}, {2, 1}})));
    assertTrue(e.getMessage().contains("lambda > 1.00"), e.getMessage());
  }

  @Test
  void badLambdaAndGramShapeAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelRidge.of(Linear.of(), -1));
    assertEquals("The 'lambda' parameter of KernelRidge must be a finite number >= 0. Got -1.0 instead.", e.getMessage());
    IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
        () -> KernelRidge.of(Linear.of(), 1).fit(referenceData(), Nd4j.zeros(DataType.DOUBLE, 5, 5)));
    assertEquals("KernelRidge: the precomputed Gram matrix must have shape [30, 30] for 30 samples. Got [5, 5]"
        + " instead.", g.getMessage());
    IllegalArgumentException y = assertThrows(IllegalArgumentException.class,
        () -> KernelRidge.of(Linear.of(), 1).fit(Dataset.unlabeled(Nd4j.createFromArray(referenceX()))));
    assertEquals("KernelRidge needs targets y; the data set has none.", y.getMessage());
  }

  /** ∇ₓ f from the kernel gradient equals central differences of the predictions, in double. */
  @ParameterizedTest
  @MethodSource("differentiableKernels")
  void gradientMatchesFiniteDifferencesOfPredictions(Kernel kernel) {
    KernelRidgeModel m = KernelRidge.of(kernel, 0.1).fit(referenceData());
    double[][] t = referenceTest();
    double[][] g = m.gradient(Nd4j.createFromArray(t)).toDoubleMatrix();
    double h = 1e-6;
    // all shifted points in one batch: row 2(iD + j) = t_i + h e_j, row 2(iD + j) + 1 = t_i − h e_j
    double[][] shifted = new double[2 * M * D][];
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < D; j++) {
        shifted[2 * (i * D + j)] = t[i].clone();
        shifted[2 * (i * D + j)][j] += h;
        shifted[2 * (i * D + j) + 1] = t[i].clone();
        shifted[2 * (i * D + j) + 1][j] -= h;
      }
    }
    double[] e = m.predict(Nd4j.createFromArray(shifted)).toDoubleVector();
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < D; j++) {
        double fd = (e[2 * (i * D + j)] - e[2 * (i * D + j) + 1]) / (2 * h);
        assertEquals(fd, g[i][j], 1e-7 * Math.max(1, Math.abs(fd)), kernel + " point " + i + " component " + j);
      }
    }
  }

  static Stream<Kernel> differentiableKernels() {
    return Stream.of(Linear.of(), Polynomial.of(3, 1.0), Gaussian.of(0.8),
        Radial.of(r2 -> 1 / Math.sqrt(1 + r2), "1/sqrt(1 + r²)").withDerivative(r2 -> -0.5 * Math.pow(1 + r2, -1.5)));
  }

  @Test
  void modelWithRadialKernelCannotBeSavedAndSaysWhy(@TempDir Path dir) {
    KernelRidgeModel m = KernelRidge.of(Radial.of(r2 -> Math.exp(-r2), "exp(-r²)"), 0.1).fit(referenceData());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> ModelFile.save(m, dir.resolve("m.mlmp")));
    assertTrue(e.getMessage().contains("exp(-r²)") && e.getMessage().contains("cannot be saved"), e.getMessage());
  }

  @Test
  void saveLoadKeepsKernelLambdaAndTargets(@TempDir Path dir) throws Exception {
    Dataset d = Dataset.of(Nd4j.createFromArray(referenceX()), Nd4j.createFromArray(referenceY()));
    KernelRidgeModel m = KernelRidge.of(Polynomial.of(2, 1.0), 0.5).fit(d);
    ModelFile.save(m, dir.resolve("p.mlmp"));
    KernelRidgeModel back = ModelFile.load(dir.resolve("p.mlmp"), KernelRidgeModel.class);
    assertEquals(m.kernel(), back.kernel());
    assertEquals(0.5, back.lambda());
    assertEquals(2, back.nTargets());
    INDArray t = Nd4j.createFromArray(referenceTest());
    assertEquals(m.predict(t), back.predict(t));
  }

  /**
   * The CPU fast path (CpuGram: dsyrk + Java pass into a raw buffer, dposv; fused prediction) equals the
   * backend-neutral route (ND4J Gram, solveInPlace, cross Gram product) for every kernel.
   */
  @ParameterizedTest
  @MethodSource("allKernels")
  void cpuFastPathEqualsNd4jRoute(Kernel kernel) {
    Dataset d = Dataset.of(Nd4j.createFromArray(referenceX()), Nd4j.createFromArray(referenceY()));
    KernelRidgeModel fast = KernelRidge.of(kernel, 0.3).fit(d);
    KernelRidgeModel slow = KernelRidge.of(kernel, 0.3).fit(d, kernel.gram(d.x()));
    double[][] a = fast.dualCoef().toDoubleMatrix(), b = slow.dualCoef().toDoubleMatrix();
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < 2; c++) assertEquals(b[i][c], a[i][c], 1e-10 * Math.max(1, Math.abs(b[i][c])), kernel + " a");
    }
    INDArray t = Nd4j.createFromArray(referenceTest());
    double[][] p = fast.predict(t).toDoubleMatrix(), q = fast.predict(t, 3).toDoubleMatrix();
    for (int i = 0; i < M; i++) assertArrayEquals(q[i], p[i], 1e-12 * Math.max(1, Math.abs(q[i][0])), kernel + " row " + i);
  }

  static Stream<Kernel> allKernels() {
    return Stream.of(Linear.of(), Polynomial.of(3, 1.0), Gaussian.of(0.8), Laplacian.of(1.5),
        Radial.of(r2 -> 1 / Math.sqrt(1 + r2), "1/sqrt(1 + r²)"));
  }

  /**
   * Mixed precision (RegularizedCholesky.solveMixed: float Cholesky, refinement in double) reaches the dposv solution:
   * Gaussian σ = 1 on 300 points in [0, 1)^5, λ = 1e-3, so cond(K + λI) ≤ (n + λ)/λ ≈ 3e5 (eigenvalues of K
   * in [0, n]).
   */
  @Test
  void mixedPrecisionSolveEqualsDoubleSolve() {
    int n = 300;
    double[][] x = new double[n][5];
    Random r = new Random(3);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) x[i][j] = r.nextDouble();
      y[i] = Math.sin(3 * x[i][0]) + x[i][1] * x[i][2];
    }
    org.mlmp.kernel.CpuGram.Prepared p = org.mlmp.kernel.CpuGram.prepare(Gaussian.of(1), Nd4j.createFromArray(x));
    INDArray yy = Nd4j.createFromArray(y).reshape(n, 1);
    double[][] sol = new double[2][];
    for (int mixed = 0; mixed < 2; mixed++) {
      try (org.mlmp.backend.HostDoubles k = org.mlmp.backend.HostDoubles.allocate((long) n * n)) {
        org.mlmp.kernel.CpuGram.upperTriangle(p, k);
        sol[mixed] = RegularizedCholesky.solveDirect(k, n, yy, 1e-3, "test", () -> null, mixed == 1).reshape(n)
            .toDoubleVector();
      }
    }
    double max = 0;
    for (double v : sol[0]) max = Math.max(max, Math.abs(v));
    for (int i = 0; i < n; i++) assertEquals(sol[0][i], sol[1][i], 1e-8 * max, "a[" + i + "]");
  }

  /** The raw-buffer path recomputes K to name the λ that helps (both dposv and dsposv). */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void indefiniteGramOnTheFastPathNamesTheLambda(boolean mixed) {
    INDArray full = Nd4j.createFromArray(new double[][] {{1, 2}, {2, 1}});
    try (org.mlmp.backend.HostDoubles k = org.mlmp.backend.HostDoubles.copyOf(new double[] {1, 2, 2, 1})) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RegularizedCholesky.solveDirect(k, 2, Nd4j.createFromArray(new double[][] {{1}, {2}}), 0.5,
              "KernelRidge(test)", () -> full, mixed));
      assertTrue(e.getMessage().contains("The smallest eigenvalue of K is -1.00 (largest 3.00), so K + λI is"
          + " positive definite for lambda > 1.00; with round-off, use lambda >= 2."), e.getMessage());
    }
  }

  /** Prediction in row blocks of 3 (8 test rows: blocks 3, 3, 2) equals the one-shot cross Gram product. */
  @Test
  void blockedPredictionEqualsWholeCrossGram() {
    Gaussian k = Gaussian.of(0.9);
    Dataset d = Dataset.of(Nd4j.createFromArray(referenceX()), Nd4j.createFromArray(referenceY()));
    KernelRidgeModel m = KernelRidge.of(k, 1e-3).fit(d);
    INDArray t = Nd4j.createFromArray(referenceTest());
    double[][] whole = m.predictFromGram(k.gram(t, m.xTrain())).toDoubleMatrix(), blocked = m.predict(t, 3).toDoubleMatrix();
    for (int i = 0; i < M; i++) assertArrayEquals(whole[i], blocked[i], 1e-14, "row " + i);
    double[][] single = m.predict(t).toDoubleMatrix();
    for (int i = 0; i < M; i++) assertArrayEquals(single[i], blocked[i], 1e-14, "row " + i);
  }

  static double[] gaussSolve(double[][] a) {
    int n = a.length;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
      double[] tmp = a[c];
      a[c] = a[p];
      a[p] = tmp;
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int q = c; q <= n; q++) a[r][q] -= f * a[c][q];
      }
    }
    double[] w = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = a[r][n];
      for (int q = r + 1; q < n; q++) s -= a[r][q] * w[q];
      w[r] = s / a[r][r];
    }
    return w;
  }
}
