package org.mlmp.molecular;

/**
 * The inverse pairwise distances 1/r_ij of N atoms, i &lt; j in the order (0,1), (0,2), …, (0,N−1),
 * (1,2), …: N(N−1)/2 features of q = (x₁, y₁, z₁, …).
 *
 * <p>Invariant under rotations and translations of the whole configuration; <b>not</b> invariant under
 * permutations of identical atoms (the features are reordered). Smooth wherever no two atoms
 * coincide, so it is the descriptor for forces and molecular dynamics. Jacobian:
 * ∂(1/r_ij)/∂r_i = −(r_i − r_j)/r_ij³ = −∂(1/r_ij)/∂r_j.
 *
 * @param atoms N >= 2
 */
public record InverseDistances(int atoms) implements Descriptor {
  /**
   * Validates the atom count.
   *
   * @param atoms N >= 2
   * @throws IllegalArgumentException when {@code atoms < 2}
   */
  public InverseDistances {
    if (atoms < 2) {
      throw new IllegalArgumentException("The 'atoms' parameter of InverseDistances must be >= 2. Got " + atoms
          + " instead.");
    }
  }

  @Override
  public int inputDimension() {
    return 3 * atoms;
  }

  @Override
  public int size() {
    return atoms * (atoms - 1) / 2;
  }

  @Override
  public double[] of(double[] q) {
    checkInput(q);
    double[] d = new double[size()];
    int k = 0;
    for (int i = 0; i < atoms; i++) {
      for (int j = i + 1; j < atoms; j++) {
        double dx = q[3 * i] - q[3 * j], dy = q[3 * i + 1] - q[3 * j + 1], dz = q[3 * i + 2] - q[3 * j + 2];
        d[k++] = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
      }
    }
    return d;
  }

  @Override
  public double[][] jacobian(double[] q) {
    checkInput(q);
    double[][] jac = new double[size()][3 * atoms];
    int k = 0;
    for (int i = 0; i < atoms; i++) {
      for (int j = i + 1; j < atoms; j++) {
        double[] diff = {q[3 * i] - q[3 * j], q[3 * i + 1] - q[3 * j + 1], q[3 * i + 2] - q[3 * j + 2]};
        double r2 = diff[0] * diff[0] + diff[1] * diff[1] + diff[2] * diff[2];
        double inv3 = 1 / (r2 * Math.sqrt(r2));
        for (int c = 0; c < 3; c++) {
          jac[k][3 * i + c] = -diff[c] * inv3;
          jac[k][3 * j + c] = diff[c] * inv3;
        }
        k++;
      }
    }
    return jac;
  }

  /**
   * The inverse pair distances of this many atoms.
   *
   * @param atoms the number of atoms, ≥ 2
   * @return the descriptor
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static InverseDistances of(int atoms) {
    return new InverseDistances(atoms);
  }
}
