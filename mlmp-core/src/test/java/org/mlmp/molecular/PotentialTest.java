package org.mlmp.molecular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PotentialTest {
  static Stream<Potential> potentials() {
    return Stream.of(MullerBrown.of(), LennardJones.of(4, 2.0, 1.5), LennardJones.reduced(3), DoubleWell.of(3, 0.7));
  }

  /** A configuration where every potential is finite and atoms are not too close. */
  static double[] somewhere(Potential p, long seed) {
    Random r = new Random(seed);
    if (p instanceof LennardJones lj) return Clusters.perturbedTetrahedronLike(lj.atoms(), lj.sigma(), 0.1, r);
    double[] q = new double[p.dimension()];
    for (int j = 0; j < q.length; j++) q[j] = r.nextDouble() - 0.3;
    return q;
  }

  @ParameterizedTest
  @MethodSource("potentials")
  void forceIsMinusTheGradientByCentralDifferences(Potential p) {
    for (long seed = 1; seed <= 3; seed++) {
      double[] q = somewhere(p, seed), f = p.force(q);
      double h = 1e-6;
      for (int j = 0; j < q.length; j++) {
        double[] a = q.clone(), b = q.clone();
        a[j] += h;
        b[j] -= h;
        double fd = -(p.energy(a) - p.energy(b)) / (2 * h);
        assertEquals(fd, f[j], 1e-6 * Math.max(1, Math.abs(fd)), p + " coordinate " + j);
      }
    }
  }

  /** Literature minima: Müller & Brown (1979), E = −146.70, −108.17, −80.77 at the listed points. */
  @Test
  void mullerBrownMinima() {
    MullerBrown mb = MullerBrown.of();
    double[] expected = {-146.70, -108.17, -80.77};
    for (int i = 0; i < 3; i++) {
      double[] m = MullerBrown.MINIMA[i];
      assertEquals(expected[i], mb.energy(m), 0.01, "minimum " + i);
      // a local minimum: every neighbour 0.01 away is higher
      for (double[] d : new double[][] {{0.01, 0}, {-0.01, 0}, {0, 0.01}, {0, -0.01}}) {
        assertTrue(mb.energy(new double[] {m[0] + d[0], m[1] + d[1]}) > mb.energy(m), "minimum " + i);
      }
    }
  }

  @Test
  void lennardJonesDimerAndTetrahedron() {
    double eps = 2.0, sigma = 1.5, rmin = Math.pow(2, 1.0 / 6) * sigma;
    LennardJones dimer = LennardJones.of(2, eps, sigma);
    double[] q = {0, 0, 0, rmin, 0, 0};
    assertEquals(-eps, dimer.energy(q), 1e-14);
    assertArrayEquals(new double[6], dimer.force(q), 1e-13);
    assertEquals(0.0, dimer.energy(new double[] {0, 0, 0, 0, sigma, 0}), 1e-14);
    LennardJones lj4 = LennardJones.of(4, eps, sigma);
    double[] tet = Clusters.tetrahedron(rmin);
    assertEquals(-6 * eps, lj4.energy(tet), 1e-13);
    assertArrayEquals(new double[12], lj4.force(tet), 1e-12);
  }

  /** Newton's third law: the forces of an isolated cluster sum to zero. */
  @Test
  void lennardJonesForcesSumToZero() {
    LennardJones lj = LennardJones.reduced(5);
    double[] q = Clusters.perturbedTetrahedronLike(5, 1, 0.2, new Random(3));
    double[] f = lj.force(q), total = new double[3];
    for (int i = 0; i < 5; i++) for (int c = 0; c < 3; c++) total[c] += f[3 * i + c];
    assertArrayEquals(new double[3], total, 1e-12);
  }

  @Test
  void doubleWellHandValues() {
    DoubleWell w = DoubleWell.of(3, 0.7);
    assertEquals(0, w.energy(new double[] {0.7}), 1e-15);
    assertEquals(0, w.energy(new double[] {-0.7}), 1e-15);
    assertEquals(3, w.energy(new double[] {0}), 0);
    assertEquals(0, w.force(new double[] {0.7})[0], 1e-14);
  }

  @Test
  void badParametersAndDimensionsAreRejected() {
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> LennardJones.of(1, 1, 1));
    assertEquals("The 'atoms' parameter of LennardJones must be >= 2. Got 1 instead.", a.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LennardJones.of(3, -1, 1));
    assertEquals("The 'epsilon' parameter of LennardJones must be a finite number > 0. Got -1.0 instead.", e.getMessage());
    IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> DoubleWell.of(0, 1));
    assertEquals("The 'barrier' parameter of DoubleWell must be a finite number > 0. Got 0.0 instead.", w.getMessage());
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> MullerBrown.of().energy(new double[3]));
    assertEquals("MullerBrown takes 2 coordinates. Got 3 instead.", d.getMessage());
  }
}
