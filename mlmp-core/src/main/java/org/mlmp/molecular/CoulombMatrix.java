package org.mlmp.molecular;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Coulomb matrix of a molecule with nuclear charges Z_i at positions r_i (atomic units):
 *
 * <pre>  M_ii = ½ Z_i^2.4,   M_ij = Z_i Z_j / |r_i − r_j|  (i ≠ j)</pre>
 *
 * in one of two permutation-invariant forms:
 *
 * <ul>
 *   <li>{@link Form#SORTED}: rows and columns ordered by decreasing row norm ‖M_i‖₂, then the upper
 *       triangle (with diagonal) read row by row — N(N+1)/2 features. Its derivative jumps where two
 *       row norms cross, so it has no Jacobian here: use {@link InverseDistances} for forces and MD.
 *   <li>{@link Form#EIGENVALUES}: the N eigenvalues of M in decreasing order (loses information but
 *       is smooth except at degeneracies; no Jacobian here either).
 * </ul>
 *
 * Both are invariant under rotations, translations and permutations of the atoms (with their charges).
 *
 * <p>Reference: M. Rupp, A. Tkatchenko, K.-R. Müller and O. A. von Lilienfeld, Phys. Rev. Lett. 108,
 * 058301 (2012); G. Montavon et al., NIPS 25 (2012) (sorted form).
 *
 * @param charges nuclear charges Z_i > 0, one per atom (at least 2)
 * @param form the invariant form
 */
public record CoulombMatrix(double[] charges, Form form) implements Descriptor {
  /** How the matrix is made permutation invariant. */
  public enum Form {
    /** Rows and columns by decreasing row norm, then the upper triangle: N(N+1)/2 features. */
    SORTED,
    /** The N eigenvalues of M in decreasing order. */
    EIGENVALUES
  }

  /**
   * Validates and copies the charges.
   *
   * @param charges nuclear charges Z_i > 0, one per atom (at least 2)
   * @param form the invariant form
   * @throws IllegalArgumentException when there are fewer than 2 charges, a charge is not a positive finite
   *     number (the atom named), or {@code form} is null
   */
  public CoulombMatrix {
    if (charges == null || charges.length < 2) {
      throw new IllegalArgumentException("The 'charges' parameter of CoulombMatrix needs at least 2 atoms. Got "
          + (charges == null ? "null" : Integer.toString(charges.length)) + " instead.");
    }
    for (int i = 0; i < charges.length; i++) {
      if (!(charges[i] > 0) || Double.isInfinite(charges[i])) {
        throw new IllegalArgumentException("The 'charges' of CoulombMatrix must be finite and > 0. Got " + charges[i]
            + " for atom " + i + " instead.");
      }
    }
    if (form == null) throw new IllegalArgumentException("The 'form' parameter of CoulombMatrix must not be null.");
    charges = charges.clone();
  }

  /**
   * The nuclear charges.
   *
   * @return a copy, Z_i per atom
   */
  @Override
  public double[] charges() {
    return charges.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoulombMatrix c && Arrays.equals(charges, c.charges) && form == c.form;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(charges) + form.hashCode();
  }

  @Override
  public String toString() {
    return "CoulombMatrix[charges=" + Arrays.toString(charges) + ", form=" + form + "]";
  }

  @Override
  public int inputDimension() {
    return 3 * charges.length;
  }

  @Override
  public int size() {
    int n = charges.length;
    return form == Form.SORTED ? n * (n + 1) / 2 : n;
  }

  /**
   * The (unsorted) Coulomb matrix M {@code [N][N]}.
   *
   * @param q positions (x₁, y₁, z₁, …, x_N, y_N, z_N) in bohr, {@code [3N]}
   * @return M, atoms in the order of {@link #charges()}
   * @throws IllegalArgumentException when q does not have 3N coordinates
   */
  public double[][] matrix(double[] q) {
    checkInput(q);
    int n = charges.length;
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 0.5 * Math.pow(charges[i], 2.4);
      for (int j = i + 1; j < n; j++) {
        double dx = q[3 * i] - q[3 * j], dy = q[3 * i + 1] - q[3 * j + 1], dz = q[3 * i + 2] - q[3 * j + 2];
        double v = charges[i] * charges[j] / Math.sqrt(dx * dx + dy * dy + dz * dz);
        m[i][j] = v;
        m[j][i] = v;
      }
    }
    return m;
  }

  @Override
  public double[] of(double[] q) {
    double[][] m = matrix(q);
    int n = m.length;
    if (form == Form.EIGENVALUES) {
      double[] ev = symmetricEigenvalues(m);
      Arrays.sort(ev);
      double[] out = new double[n];
      for (int i = 0; i < n; i++) out[i] = ev[n - 1 - i];
      return out;
    }
    double[] norm = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (double v : m[i]) s += v * v;
      norm[i] = Math.sqrt(s);
    }
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -norm[i]));
    double[] out = new double[size()];
    int k = 0;
    for (int a = 0; a < n; a++) for (int b = a; b < n; b++) out[k++] = m[order[a]][order[b]];
    return out;
  }

  /** Always throws: see the class documentation. */
  @Override
  public double[][] jacobian(double[] q) {
    throw new UnsupportedOperationException("The " + (form == Form.SORTED ? "sorted" : "eigenvalue")
        + " Coulomb matrix has no Jacobian here (the sorted form's derivative jumps where row norms cross); use"
        + " InverseDistances for forces and molecular dynamics.");
  }

  /** Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (unsorted). */
  static double[] symmetricEigenvalues(double[][] matrix) {
    int n = matrix.length;
    double[][] a = Samples.deepCopy(matrix);
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0, scale = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (i != j) off += a[i][j] * a[i][j];
          scale += a[i][j] * a[i][j];
        }
      }
      if (off <= 1e-30 * scale) break;
      for (int p = 0; p < n; p++) {
        for (int r = p + 1; r < n; r++) {
          if (a[p][r] == 0) continue;
          double theta = (a[r][r] - a[p][p]) / (2 * a[p][r]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) t = 1;
          double c = 1 / Math.sqrt(t * t + 1), s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p], akr = a[k][r];
            a[k][p] = c * akp - s * akr;
            a[k][r] = s * akp + c * akr;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k], ark = a[r][k];
            a[p][k] = c * apk - s * ark;
            a[r][k] = s * apk + c * ark;
          }
        }
      }
    }
    double[] ev = new double[n];
    for (int i = 0; i < n; i++) ev[i] = a[i][i];
    return ev;
  }

  /**
   * The Coulomb matrix of atoms with these charges, in this invariant form.
   *
   * @param charges nuclear charges Z_i &gt; 0, one per atom (at least 2)
   * @param form the invariant form
   * @return the descriptor
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static CoulombMatrix of(double[] charges, Form form) {
    return new CoulombMatrix(charges, form);
  }
}
