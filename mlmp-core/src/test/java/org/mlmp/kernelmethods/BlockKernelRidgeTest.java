package org.mlmp.kernelmethods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Dataset;
import org.mlmp.data.RowBlocks;
import org.mlmp.io.ModelFile;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Laplacian;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Kernel ridge regression over row blocks: {@link ConjugateGradientKernelRidge} and {@link NystromKernelRidge}. */
class BlockKernelRidgeTest {
  @TempDir Path dir;

  /** ‖a − b‖₂ / ‖b‖₂. */
  static double relative(INDArray a, INDArray b) {
    return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
  }

  /**
   * reduce combines the blocks' results left to right in block order: bitwise the in-order sum of map's list
   * (floating-point addition is not associative, so another order would differ in the last bits), with the last,
   * shorter block included.
   */
  @Test
  void reduceIsTheInOrderSumOfMap() {
    Dataset d = KernelRidgeSearchTest.smooth(1003, 3, 0.1);
    RowBlocks blocks = RowBlocks.of(d, 100);
    RowBlocks.BlockFunction<double[]> sums = b -> new double[] {b.x().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
        .sumNumber().doubleValue(), b.x().rows()};
    List<double[]> parts = blocks.map(sums);
    assertEquals(11, parts.size());
    double[] expected = parts.get(0).clone();
    for (int b = 1; b < parts.size(); b++) for (int j = 0; j < 2; j++) expected[j] += parts.get(b)[j];
    double[] reduced = blocks.reduce(sums, (a, c) -> new double[] {a[0] + c[0], a[1] + c[1]});
    assertArrayEquals(expected, reduced, 0);
    assertEquals(1003, reduced[1]);
  }

  /**
   * Exact CG (Nyström-preconditioned) equals the direct solve of KernelRidge at n = 3 000 (its mixed-precision
   * Cholesky path): dual coefficients and predictions to 1e-6 relative.
   */
  @Test
  void conjugateGradientsEqualTheDirectSolve() {
    Dataset d = KernelRidgeSearchTest.smooth(3000, 1, 0.1), test = KernelRidgeSearchTest.smooth(500, 2, 0);
    Gaussian k = Gaussian.of(0.3);
    double lambda = 1e-2;
    KernelRidgeModel exact = KernelRidge.of(k, lambda).fit(d);
    ConjugateGradientKernelRidge cg = ConjugateGradientKernelRidge.of(k, lambda).withTolerance(1e-11).withBlockRows(700);
    var s = cg.solve(RowBlocks.of(d, 700), true);
    assertTrue(relative(s.model().dualCoef(), exact.dualCoef()) < 1e-6, "dual " + relative(s.model().dualCoef(),
        exact.dualCoef()));
    assertTrue(relative(s.model().predict(test.x()), exact.predict(test.x())) < 1e-6);
    assertTrue(s.relativeResidual()[0] <= 1e-11);
    // fit(Dataset) is solve(RowBlocks.of(data, blockRows)): the same model
    assertArrayEquals(s.model().dualCoef().toDoubleVector(), cg.fit(d).dualCoef().toDoubleVector(), 0);
  }

  /** Without the preconditioner CG reaches the same solution (1e-6 relative) in more iterations. */
  @Test
  void thePreconditionerSavesIterations() {
    Dataset d = KernelRidgeSearchTest.smooth(800, 11, 0.1);
    Gaussian k = Gaussian.of(0.3);
    KernelRidgeModel exact = KernelRidge.of(k, 1e-2).fit(d);
    ConjugateGradientKernelRidge cg = ConjugateGradientKernelRidge.of(k, 1e-2).withTolerance(1e-11);
    var pre = cg.solve(RowBlocks.of(d, 300), true);
    var plain = cg.withPreconditionerLandmarks(0).solve(RowBlocks.of(d, 300), true);
    for (var s : List.of(pre, plain)) assertTrue(relative(s.model().dualCoef(), exact.dualCoef()) < 1e-6);
    assertTrue(2 * pre.iterations()[0] < plain.iterations()[0], pre.iterations()[0] + " vs " + plain.iterations()[0]);
  }

  /** Several targets and a Laplacian kernel (no CpuGram dsyrk route): CG still equals the direct solve. */
  @Test
  void severalTargetsAndTheLaplacianKernel() {
    Dataset one = KernelRidgeSearchTest.smooth(400, 3, 0.1);
    INDArray y2 = org.nd4j.linalg.factory.Nd4j.hstack(one.y().reshape(400, 1), one.y().reshape(400, 1).mul(-2).add(1));
    Dataset d = Dataset.of(one.x(), y2);
    var k = Laplacian.of(0.5);
    KernelRidgeModel exact = KernelRidge.of(k, 0.1).fit(d);
    KernelRidgeModel cg = ConjugateGradientKernelRidge.of(k, 0.1).withTolerance(1e-12).withBlockRows(128).fit(d);
    assertEquals(2, cg.nTargets());
    assertTrue(relative(cg.dualCoef(), exact.dualCoef()) < 1e-6);
  }

  /**
   * With m = n landmarks Nyström KRR is exact KRR: predictions equal to 1e-7 relative. Why: Nyström KRR minimises
   * KRR's objective over f in span{k(l_j, ·)}; with every training row a landmark that span holds the representer
   * theorem's minimiser, so in exact arithmetic both give a = (K + λI)⁻¹ y. What differs is round-off: the basis drops
   * the eigenvalues s &lt; s_max·n·ε of K_mm = K, which the exact solution weights by s / (s + λ) ≤ s_max·n·ε / λ
   * ≤ n²ε / λ ≈ 4e-10 here (s_max ≤ n for a Gaussian), and the r × r solve adds ε times its condition
   * (s_max + λ) / λ ≤ 6 000, ≈ 1e-12. 1e-7 leaves room for the eigen-decomposition's own round-off.
   * See docs/kernel-measurements.md for the error at larger n as m grows.
   */
  @Test
  void nystromWithEveryRowIsExact() {
    Dataset d = KernelRidgeSearchTest.smooth(300, 4, 0.1), test = KernelRidgeSearchTest.smooth(200, 5, 0);
    Gaussian k = Gaussian.of(0.3);
    KernelRidgeModel exact = KernelRidge.of(k, 0.05).fit(d);
    NystromKernelRidgeModel ny = NystromKernelRidge.of(k, 0.05, 300).withSeed(7).withBlockRows(64).fit(d);
    double err = relative(ny.predict(test.x()), exact.predict(test.x()));
    assertTrue(err < 1e-7, "relative prediction error " + err);
    assertTrue(relative(ny.predict(d.x()), exact.predict(d.x())) < 1e-7);
  }

  /**
   * The Nyström error against exact KRR falls as m grows: at n = 1 500, each 4× more landmarks (25 → 100 → 400)
   * at least halves the RMS difference of the test predictions.
   */
  @Test
  void nystromErrorFallsWithTheLandmarks() {
    Dataset d = KernelRidgeSearchTest.smooth(1500, 6, 0.1), test = KernelRidgeSearchTest.smooth(300, 7, 0);
    Gaussian k = Gaussian.of(0.3);
    INDArray exact = KernelRidge.of(k, 0.1).fit(d).predict(test.x());
    double[] err = new double[3];
    int[] ms = {25, 100, 400};
    for (int i = 0; i < 3; i++) err[i] = relative(NystromKernelRidge.of(k, 0.1, ms[i]).withSeed(3).fit(d).predict(test.x()),
        exact);
    assertTrue(err[1] < 0.5 * err[0] && err[2] < 0.5 * err[1], java.util.Arrays.toString(err));
  }

  @Test
  void nystromDoesNotDependOnTheBlockSizeBeyondRoundOff() {
    Dataset d = KernelRidgeSearchTest.smooth(500, 8, 0.1);
    NystromKernelRidge ny = NystromKernelRidge.of(Gaussian.of(0.4), 0.1, 60);
    INDArray a = ny.fit(d).predict(d.x()), b = ny.withBlockRows(37).fit(d).predict(d.x());
    assertTrue(relative(a, b) < 1e-10);
  }

  @Test
  void nystromModelsSaveAndLoad() throws Exception {
    Dataset d = KernelRidgeSearchTest.smooth(200, 9, 0.1);
    NystromKernelRidgeModel m = NystromKernelRidge.of(Gaussian.of(0.4), 0.1, 40).withSeed(5).fit(d);
    Path f = dir.resolve("ny.mlmp");
    ModelFile.save(m, f);
    NystromKernelRidgeModel loaded = ModelFile.load(f, NystromKernelRidgeModel.class);
    assertEquals(m.trainer(), loaded.trainer());
    assertArrayEquals(m.predict(d.x()).toDoubleVector(), loaded.predict(d.x()).toDoubleVector(), 0);
    assertArrayEquals(m.landmarks().toDoubleMatrix()[3], loaded.landmarks().toDoubleMatrix()[3], 0);
  }

  @Test
  void badConfigurationsAreRefusedWithTheFix() {
    Gaussian k = Gaussian.of(1);
    var landmarks = assertThrows(IllegalArgumentException.class, () -> NystromKernelRidge.of(k, 0.1, 0));
    assertEquals("The 'landmarks' parameter of NystromKernelRidge must be >= 1. Got 0 instead; a few hundred to a few"
        + " thousand are usual.", landmarks.getMessage());
    var tooMany = assertThrows(IllegalArgumentException.class,
        () -> NystromKernelRidge.of(k, 0.1, 50).fit(KernelRidgeSearchTest.smooth(20, 1, 0)));
    assertEquals("NystromKernelRidge: landmarks = 50 is more than the 20 training rows; use landmarks <= 20.",
        tooMany.getMessage());
    var lambda = assertThrows(IllegalArgumentException.class, () -> ConjugateGradientKernelRidge.of(k, 0));
    assertEquals("The 'lambda' parameter of ConjugateGradientKernelRidge must be a finite number > 0 (conjugate"
        + " gradients need K + λI positive definite). Got 0.0 instead.", lambda.getMessage());
    var tol = assertThrows(IllegalArgumentException.class, () -> ConjugateGradientKernelRidge.of(k, 1).withTolerance(0));
    assertEquals("The 'tolerance' parameter of ConjugateGradientKernelRidge must be in (0, 1). Got 0.0 instead; 1e-10"
        + " matches a direct solve to about 1e-8.", tol.getMessage());
    var cap = assertThrows(IllegalArgumentException.class, () -> ConjugateGradientKernelRidge.of(k, 1).withMaxIterations(0));
    assertEquals("The 'maxIterations' parameter of ConjugateGradientKernelRidge must be >= 1. Got 0 instead.",
        cap.getMessage());
    var noTargets = assertThrows(IllegalArgumentException.class,
        () -> ConjugateGradientKernelRidge.of(k, 1).fit(Dataset.of(new double[][] {{1}, {2}})));
    assertEquals("ConjugateGradientKernelRidge needs targets y; the data set has none.", noTargets.getMessage());
    var notConverged = assertThrows(IllegalStateException.class, () -> ConjugateGradientKernelRidge.of(Gaussian.of(0.3),
        1e-6).withPreconditionerLandmarks(0).withMaxIterations(2).fit(KernelRidgeSearchTest.smooth(200, 1, 0.1)));
    assertTrue(notConverged.getMessage().startsWith("ConjugateGradientKernelRidge did not reach the relative residual"
        + " 1.00e-10 within maxIterations = 2 for target 0 (reached "), notConverged.getMessage());
    assertTrue(notConverged.getMessage().endsWith("); raise maxIterations, lambda or preconditionerLandmarks."));
  }
}
