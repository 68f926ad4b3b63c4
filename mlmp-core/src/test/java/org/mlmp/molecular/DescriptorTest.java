package org.mlmp.molecular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DescriptorTest {
  // a water-like molecule plus one more atom: charges O, H, H, C
  static final double[] Z = {8, 1, 1, 6};

  static double[] molecule(long seed) {
    Random r = new Random(seed);
    double[] q = new double[12];
    for (int j = 0; j < q.length; j++) q[j] = 2 * r.nextGaussian();
    return q;
  }

  static Stream<Descriptor> invariantUnderRigidMotion() {
    return Stream.of(InverseDistances.of(4), CoulombMatrix.of(Z, CoulombMatrix.Form.SORTED),
        CoulombMatrix.of(Z, CoulombMatrix.Form.EIGENVALUES));
  }

  @ParameterizedTest
  @MethodSource("invariantUnderRigidMotion")
  void rotationAndTranslationInvariant(Descriptor d) {
    Random r = new Random(5);
    double[] q = molecule(1);
    double[] moved = Clusters.rotateTranslate(q, Clusters.rotation(r), new double[] {3.0, -1.0, 7.5});
    assertArrayEquals(d.of(q), d.of(moved), 1e-12);
  }

  @ParameterizedTest
  @EnumSource(CoulombMatrix.Form.class)
  void coulombMatrixIsPermutationInvariant(CoulombMatrix.Form form) {
    int[] perm = {2, 0, 3, 1};
    double[] q = molecule(2);
    double[] zPerm = new double[4];
    for (int i = 0; i < 4; i++) zPerm[i] = Z[perm[i]];
    assertArrayEquals(CoulombMatrix.of(Z, form).of(q), CoulombMatrix.of(zPerm, form).of(Clusters.permute(q, perm)),
        1e-12);
  }

  @Test
  void inverseDistancesAreNotPermutationInvariant() {
    double[] q = molecule(3);
    InverseDistances d = InverseDistances.of(4);
    assertFalse(Arrays.equals(d.of(q), d.of(Clusters.permute(q, new int[] {1, 0, 2, 3}))));
    // but the multiset of values is the same
    double[] a = d.of(q), b = d.of(Clusters.permute(q, new int[] {1, 0, 2, 3}));
    Arrays.sort(a);
    Arrays.sort(b);
    assertArrayEquals(a, b, 1e-15);
  }

  /** H₂ at distance 1 bohr: M = [[0.5, 1], [1, 0.5]], eigenvalues 1.5 and −0.5. */
  @Test
  void coulombMatrixHandValues() {
    double[] q = {0, 0, 0, 0, 0, 1};
    assertArrayEquals(new double[] {0.5, 1, 0.5},
        CoulombMatrix.of(new double[] {1, 1}, CoulombMatrix.Form.SORTED).of(q), 1e-15);
    assertArrayEquals(new double[] {1.5, -0.5},
        CoulombMatrix.of(new double[] {1, 1}, CoulombMatrix.Form.EIGENVALUES).of(q), 1e-14);
    // sorted form puts the heavy atom first: Z = (1, 8): diagonal 0.5·8^2.4 first
    double[] s = CoulombMatrix.of(new double[] {1, 8}, CoulombMatrix.Form.SORTED).of(q);
    assertArrayEquals(new double[] {0.5 * Math.pow(8, 2.4), 8, 0.5}, s, 1e-12);
  }

  /** Eigenvalues preserve the trace and the Frobenius norm of M. */
  @Test
  void eigenvaluesPreserveTraceAndFrobeniusNorm() {
    CoulombMatrix cm = CoulombMatrix.of(Z, CoulombMatrix.Form.EIGENVALUES);
    double[] q = molecule(4);
    double[][] m = cm.matrix(q);
    double[] ev = cm.of(q);
    double tr = 0, fro = 0, sum = 0, sq = 0;
    for (int i = 0; i < 4; i++) {
      tr += m[i][i];
      for (int j = 0; j < 4; j++) fro += m[i][j] * m[i][j];
      sum += ev[i];
      sq += ev[i] * ev[i];
    }
    assertEquals(tr, sum, 1e-10 * tr);
    assertEquals(fro, sq, 1e-10 * fro);
    for (int i = 0; i + 1 < 4; i++) assertTrue(ev[i] >= ev[i + 1]);
  }

  @Test
  void inverseDistanceJacobianMatchesCentralDifferences() {
    InverseDistances d = InverseDistances.of(4);
    double[] q = molecule(6);
    double[][] jac = d.jacobian(q);
    double h = 1e-6;
    for (int b = 0; b < q.length; b++) {
      double[] p = q.clone(), m = q.clone();
      p[b] += h;
      m[b] -= h;
      double[] dp = d.of(p), dm = d.of(m);
      for (int a = 0; a < d.size(); a++) {
        double fd = (dp[a] - dm[a]) / (2 * h);
        assertEquals(fd, jac[a][b], 1e-8 * Math.max(1, Math.abs(fd)), "J[" + a + "][" + b + "]");
      }
    }
  }

  @Test
  void coulombMatrixHasNoJacobianAndSaysWhatToUse() {
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> CoulombMatrix.of(Z, CoulombMatrix.Form.SORTED).jacobian(molecule(1)));
    assertTrue(e.getMessage().contains("use InverseDistances"), e.getMessage());
  }

  @Test
  void badChargesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CoulombMatrix.of(new double[] {1, 0}, CoulombMatrix.Form.SORTED));
    assertEquals("The 'charges' of CoulombMatrix must be finite and > 0. Got 0.0 for atom 1 instead.", e.getMessage());
  }
}
