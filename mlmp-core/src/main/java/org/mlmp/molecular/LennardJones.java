package org.mlmp.molecular;

/**
 * A cluster of N identical atoms interacting pairwise by the Lennard-Jones potential
 *
 * <pre>  E = Σ_{i&lt;j} 4ε [(σ/r_ij)¹² − (σ/r_ij)⁶],   F_i = −∂E/∂r_i,</pre>
 *
 * no cut-off, no periodic images. Coordinates q = (x₁, y₁, z₁, …) in the units of σ; energies in the
 * units of ε (with ε = σ = 1: reduced units; argon: ε/k_B = 119.8 K, σ = 3.405 Å). The pair minimum
 * is at r = 2^(1/6) σ with depth −ε; global minima: LJ₃ (equilateral triangle) −3ε, LJ₄
 * (tetrahedron) −6ε, LJ₁₃ (icosahedron) −44.326801ε (Cambridge Cluster Database).
 *
 * <p>Reference: J. E. Jones (Lennard-Jones), Proc. R. Soc. Lond. A 106, 463 (1924); D. J. Wales and
 * J. P. K. Doye, J. Phys. Chem. A 101, 5111 (1997).
 *
 * @param atoms N >= 2
 * @param epsilon well depth ε > 0
 * @param sigma length σ > 0 where the pair energy is zero
 */
public record LennardJones(int atoms, double epsilon, double sigma) implements Potential {
  /**
   * Validates the parameters.
   *
   * @param atoms N >= 2
   * @param epsilon well depth ε > 0
   * @param sigma length σ > 0 where the pair energy is zero
   * @throws IllegalArgumentException when {@code atoms < 2} or ε or σ is not a positive finite number
   */
  public LennardJones {
    if (atoms < 2) {
      throw new IllegalArgumentException("The 'atoms' parameter of LennardJones must be >= 2. Got " + atoms
          + " instead.");
    }
    positive("epsilon", epsilon);
    positive("sigma", sigma);
  }

  /**
   * A cluster in reduced units ε = σ = 1.
   *
   * @param atoms N ≥ 2
   * @return the potential
   * @throws IllegalArgumentException when {@code atoms < 2}
   */
  public static LennardJones reduced(int atoms) {
    return new LennardJones(atoms, 1, 1);
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("The '" + name + "' parameter of LennardJones must be a finite number > 0."
          + " Got " + v + " instead.");
    }
  }

  @Override
  public int dimension() {
    return 3 * atoms;
  }

  @Override
  public double energy(double[] q) {
    checkDimension(q);
    double e = 0;
    for (int i = 0; i < atoms; i++) {
      for (int j = i + 1; j < atoms; j++) {
        double s6 = sr6(q, i, j);
        e += 4 * epsilon * (s6 * s6 - s6);
      }
    }
    return e;
  }

  @Override
  public double[] force(double[] q) {
    checkDimension(q);
    double[] f = new double[q.length];
    for (int i = 0; i < atoms; i++) {
      for (int j = i + 1; j < atoms; j++) {
        double dx = q[3 * i] - q[3 * j], dy = q[3 * i + 1] - q[3 * j + 1], dz = q[3 * i + 2] - q[3 * j + 2];
        double r2 = dx * dx + dy * dy + dz * dz;
        double s6 = Math.pow(sigma * sigma / r2, 3);
        // -dE/dr / r = 24 ε (2 s12 - s6) / r²
        double g = 24 * epsilon * (2 * s6 * s6 - s6) / r2;
        f[3 * i] += g * dx;
        f[3 * i + 1] += g * dy;
        f[3 * i + 2] += g * dz;
        f[3 * j] -= g * dx;
        f[3 * j + 1] -= g * dy;
        f[3 * j + 2] -= g * dz;
      }
    }
    return f;
  }

  private double sr6(double[] q, int i, int j) {
    double dx = q[3 * i] - q[3 * j], dy = q[3 * i + 1] - q[3 * j + 1], dz = q[3 * i + 2] - q[3 * j + 2];
    return Math.pow(sigma * sigma / (dx * dx + dy * dy + dz * dz), 3);
  }

  /**
   * The Lennard-Jones cluster of this many atoms.
   *
   * @param atoms the number of atoms N ≥ 2
   * @param epsilon the well depth ε &gt; 0
   * @param sigma the distance σ &gt; 0 where the pair energy is zero
   * @return the potential
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static LennardJones of(int atoms, double epsilon, double sigma) {
    return new LennardJones(atoms, epsilon, sigma);
  }
}
