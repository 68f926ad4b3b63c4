package org.mlmp.kernelmethods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostDoubles;
import org.mlmp.backend.HostFloats;
import org.mlmp.backend.HostLapack;
import org.mlmp.api.Dataset;
import org.mlmp.io.ModelFile;
import org.mlmp.kernel.CpuGram;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Kernel;
import org.mlmp.kernel.Laplacian;
import org.mlmp.api.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backend-generic path of kernel ridge regression (ND4J operations only: Gram by Nd4j.gemm, potrf,
 * TriangularSolve — what runs on CUDA), forced on the CPU, against the CPU fast path (CpuGram, LAPACK
 * directly, mixed-precision solve from n = 1 000), in double and in float.
 */
class KernelRidgeBackendTest {
  /** Above {@link RegularizedCholesky#MIXED_PRECISION_FROM}: the fast path solves in mixed precision. */
  static final int N = 1100, M = 40, D = 3;

  /** x uniform in [0, 1)^3 (java.util.Random seed 11), targets sin(3 x0) + x1 x2 and cos(2 x1) − x0. */
  static Dataset data() {
    Random r = new Random(11);
    double[][] x = new double[N][D], y = new double[N][2];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) x[i][j] = r.nextDouble();
      y[i][0] = Math.sin(3 * x[i][0]) + x[i][1] * x[i][2];
      y[i][1] = Math.cos(2 * x[i][1]) - x[i][0];
    }
    return Dataset.of(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
  }

  static INDArray test() {
    Random r = new Random(12);
    double[][] t = new double[M][D];
    for (int i = 0; i < M; i++) for (int j = 0; j < D; j++) t[i][j] = r.nextDouble();
    return Nd4j.createFromArray(t);
  }

  static Stream<Kernel> allKernels() {
    return KernelRidgeTest.allKernels();
  }

  /** Largest |a − b| over the largest |b|. */
  static double relativeMaxDiff(INDArray a, INDArray b) {
    double[] x = a.castTo(DataType.DOUBLE).dup('c').data().asDouble(), y = b.castTo(DataType.DOUBLE).dup('c').data()
        .asDouble();
    double diff = 0, max = 0;
    for (int i = 0; i < x.length; i++) {
      diff = Math.max(diff, Math.abs(x[i] - y[i]));
      max = Math.max(max, Math.abs(y[i]));
    }
    return diff / max;
  }

  /**
   * Double precision: the generic path (ND4J Gram, potrf, triangular solves; prediction by cross Gram
   * blocks and Nd4j.gemm) equals the fast path (dsyrk + Java pass, float Cholesky refined in double,
   * fused prediction), λ = 0.1, two targets. Measured: predictions 2e-15 to 1.7e-13, coefficients 3e-14 to
   * 2.1e-12 relative (largest: polynomial, cond(K + λI) the largest).
   */
  @ParameterizedTest
  @MethodSource("allKernels")
  void genericDoublePathEqualsFastPath(Kernel kernel) {
    Dataset d = data();
    KernelRidge krr = KernelRidge.of(kernel, 0.1);
    KernelRidgeModel fast = krr.fit(d), generic;
    try (var forced = HostBlas.forceGeneric()) {
      generic = krr.fit(d);
    }
    INDArray t = test();
    double dp = relativeMaxDiff(generic.predict(t), fast.predict(t));
    double da = relativeMaxDiff(generic.dualCoef(), fast.dualCoef());
    assertTrue(dp < 1e-10, kernel + ": predictions differ by " + dp + " relative");
    assertTrue(da < 1e-10, kernel + ": dual coefficients differ by " + da + " relative");
  }

  /**
   * Float precision on the generic path (Gram, factor and solves in single precision, no refinement):
   * for σ = 1 and λ = 0.1 (cond(K + λI) ≤ (n + λ)/λ ≈ 1.1e4), predictions within 1e-4 of the double fast
   * path relative to the largest prediction, the dual coefficients (which carry the conditioning) within
   * 1e-3. Measured: Gaussian 3.3e-6 / 6.6e-5, Laplacian 7.3e-7 / 1.7e-5.
   */
  @ParameterizedTest
  @MethodSource("floatKernels")
  void genericFloatPathIsCloseToDouble(Kernel kernel) {
    Dataset d = data();
    KernelRidgeModel fast = KernelRidge.of(kernel, 0.1).fit(d), single;
    try (var forced = HostBlas.forceGeneric()) {
      single = KernelRidge.of(kernel, 0.1).withPrecision(Precision.FLOAT).fit(d);
    }
    assertEquals(Precision.FLOAT, single.precision());
    INDArray t = test();
    INDArray p = single.predict(t);
    assertEquals(DataType.DOUBLE, p.dataType());
    double dp = relativeMaxDiff(p, fast.predict(t));
    double da = relativeMaxDiff(single.dualCoef(), fast.dualCoef());
    assertTrue(dp < 1e-4, kernel + ": float predictions differ by " + dp + " relative");
    assertTrue(da < 1e-3, kernel + ": float dual coefficients differ by " + da + " relative");
    assertTrue(dp > 0, "float and double should not be bit-identical");
  }

  static Stream<Kernel> floatKernels() {
    return Stream.of(Gaussian.of(1.0), Laplacian.of(2.0));
  }

  /** FLOAT on the CPU also takes the generic path (the fast path is double only) and gives the same model. */
  @Test
  void floatOnTheCpuFitEqualsForcedGenericFit() {
    Dataset d = data();
    KernelRidge krr = KernelRidge.of(Gaussian.of(1.0), 0.1).withPrecision(Precision.FLOAT);
    INDArray forcedGeneric;
    try (var forced = HostBlas.forceGeneric()) {
      forcedGeneric = krr.fit(d).dualCoef();
    }
    assertEquals(forcedGeneric, krr.fit(d).dualCoef());
  }

  @Test
  void precisionIsSavedAndLoaded(@TempDir Path dir) throws Exception {
    Dataset d = KernelRidgeTest.referenceData();
    KernelRidgeModel m = KernelRidge.of(Gaussian.of(1.0), 0.1).withPrecision(Precision.FLOAT).fit(d);
    ModelFile.save(m, dir.resolve("f.mlmp"));
    KernelRidgeModel back = ModelFile.load(dir.resolve("f.mlmp"), KernelRidgeModel.class);
    assertEquals(Precision.FLOAT, back.precision());
    INDArray t = Nd4j.createFromArray(KernelRidgeTest.referenceTest());
    assertEquals(m.predict(t), back.predict(t));
  }

  /** The message's example follows the construction rule (kernels by {@code of}), for every kernel trainer. */
  @Test
  void nullKernelMessagesSuggestGaussianOf() {
    java.util.List<org.junit.jupiter.api.function.Executable> makers = java.util.List.of(
        () -> KernelRidge.of(null, 0.1), () -> Svm.of(null, 1.0), () -> NystromKernelRidge.of(null, 0.1, 10),
        () -> ConjugateGradientKernelRidge.of(null, 0.1));
    for (var make : makers) {
      NullPointerException e = assertThrows(NullPointerException.class, make);
      assertTrue(e.getMessage().endsWith("must not be null; e.g. Gaussian.of(1.0)."), e.getMessage());
    }
  }

  @Test
  void nullPrecisionIsRejected() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> KernelRidge.of(Gaussian.of(1.0), 0.1).withPrecision(null));
    assertEquals("The 'precision' parameter of KernelRidge must not be null; use Precision.DOUBLE or Precision.FLOAT.",
        e.getMessage());
    assertEquals(Precision.FLOAT, KernelRidge.of(Gaussian.of(1.0), 0.1).withPrecision(Precision.FLOAT).precision());
  }

  /** The generic float solve reports an indefinite K with the λ that helps (eigenvalues −1 and 3). */
  @Test
  void indefiniteGramOnTheGenericFloatPathNamesTheLambda() {
    INDArray k = Nd4j.createFromArray(new float[][] {{1, 2}, {2, 1}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RegularizedCholesky.solveInPlace(k.dup('c'), Nd4j.createFromArray(new float[][] {{1}, {2}}), 0.5,
            "KernelRidge(test)"));
    assertTrue(e.getMessage().contains("The smallest eigenvalue of K is -1.00 (largest 3.00), so K + λI is positive"
        + " definite for lambda > 1.00; with round-off, use lambda >= 2."), e.getMessage());
  }

  /**
   * When K + λI is positive definite in double but its float rounding is not (Gaussian σ = 5 on 300 points
   * in [0, 1)^2, so K is numerically of low rank, λ = 1e-9: spotrf fails), the mixed solve falls back to
   * dposv on the intact double matrix and returns exactly the dposv solution.
   */
  @Test
  void mixedSolveFallsBackToDposvWhenTheFloatFactorFails() {
    int n = 300;
    Random r = new Random(5);
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextDouble();
      x[i][1] = r.nextDouble();
      y[i] = Math.sin(3 * x[i][0]) + x[i][1];
    }
    CpuGram.Prepared p = CpuGram.prepare(Gaussian.of(5.0), Nd4j.createFromArray(x));
    INDArray yy = Nd4j.createFromArray(y).reshape(n, 1);
    double lambda = 1e-9;
    double[] plain, mixed;
    try (HostDoubles k = HostDoubles.allocate((long) n * n)) {
      CpuGram.upperTriangle(p, k);
      plain = RegularizedCholesky.solveDirect(k, n, yy, lambda, "test", () -> null, false).data().asDouble();
    }
    try (HostDoubles k = HostDoubles.allocate((long) n * n); HostFloats f = HostFloats.allocate((long) n * n)) {
      double norm = CpuGram.upperTriangle(p, k, f);
      // the float factorisation alone fails on this matrix
      float[] copy = new float[n * n];
      f.get(0, copy, 0, n * n);
      try (HostFloats g = HostFloats.copyOf(copy)) {
        for (int i = 0; i < n; i++) g.put((long) i * n + i, g.get((long) i * n + i) + (float) lambda);
        assertTrue(HostLapack.spotrfLower(HostBlas.Layout.COLUMN_MAJOR, n, g, n) > 0, "spotrf should fail");
      }
      mixed = RegularizedCholesky.solveMixed(k, f, n, yy, lambda, norm, "test", () -> null).data().asDouble();
    }
    for (int i = 0; i < n; i++) assertEquals(plain[i], mixed[i], 0.0, "a[" + i + "]");
  }

  /**
   * The float-preconditioned conjugate gradients of the mixed solve reach dsposv's backward-error test
   * ‖y − (K + λI) a‖∞ ≤ ‖a‖∞ ‖K + λI‖∞ ε √n in a few steps, also where K + λI is far too ill-conditioned
   * for plain iterative refinement with a float factor (λ = 1e-5: cond ≤ (n + λ)/λ ≈ 4e7, cond · 6e-8 > 1).
   * Gaussian σ = 1, 400 points uniform in [0, 1)^5. Measured: 3 steps (λ = 1e-3), 12 (λ = 1e-5); the limit is 50.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(doubles = {1e-3, 1e-5})
  void mixedSolveReachesDoubleBackwardErrorInFewSteps(double lambda) {
    int n = 400;
    Random r = new Random(8);
    double[][] x = new double[n][5];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) x[i][j] = r.nextDouble();
      y[i] = Math.sin(3 * x[i][0]) + x[i][1] * x[i][2];
    }
    Gaussian g = Gaussian.of(1.0);
    double[][] full = g.gram(Nd4j.createFromArray(x)).toDoubleMatrix();
    RegularizedCholesky.Refined sol;
    double norm;
    try (HostDoubles k = HostDoubles.allocate((long) n * n); HostFloats f = HostFloats.allocate((long) n * n)) {
      norm = CpuGram.upperTriangle(CpuGram.prepare(g, Nd4j.createFromArray(x)), k, f) + lambda;
      for (int i = 0; i < n; i++) {
        long at = (long) i * n + i;
        k.put(at, k.get(at) + lambda);
        f.put(at, (float) k.get(at));
      }
      assertEquals(0, HostLapack.spotrfLower(HostBlas.Layout.COLUMN_MAJOR, n, f, n));
      sol = RegularizedCholesky.refine(k, f, n, 1, y, norm);
    }
    assertTrue(sol != null, "PCG did not converge");
    assertTrue(sol.steps() <= 20, "steps: " + sol.steps());
    double[] a = sol.x();
    double rMax = 0, aMax = 0;
    for (int i = 0; i < n; i++) {
      double s = lambda * a[i];
      for (int j = 0; j < n; j++) s += full[i][j] * a[j];
      rMax = Math.max(rMax, Math.abs(y[i] - s));
      aMax = Math.max(aMax, Math.abs(a[i]));
    }
    // the residual recomputed here in plain Java (its own round-off: about n ε ‖K‖ ‖a‖) meets the test
    assertTrue(rMax <= 4 * aMax * norm * 0x1p-53 * Math.sqrt(n) + n * 0x1p-53 * norm * aMax,
        "residual " + rMax + " for ‖a‖∞ " + aMax + ", ‖K + λI‖∞ " + norm);
  }
}
