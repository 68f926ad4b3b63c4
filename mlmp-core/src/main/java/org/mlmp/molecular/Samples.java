package org.mlmp.molecular;

import java.util.Arrays;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Configurations with their exact energies and forces: positions {@code [n][dim]}, energies {@code [n]},
 * forces {@code [n][dim]} (F = −∇E). Arrays are copied in and out.
 *
 * @param positions configurations {@code [n][dim]}
 * @param energies their energies {@code [n]}
 * @param forces their forces {@code [n][dim]}
 */
public record Samples(double[][] positions, double[] energies, double[][] forces) {
  /**
   * Checks the lengths and copies the arrays.
   *
   * @param positions configurations {@code [n][dim]}
   * @param energies their energies {@code [n]}
   * @param forces their forces {@code [n][dim]}
   * @throws IllegalArgumentException when the three arrays have different lengths
   */
  public Samples {
    if (positions.length != energies.length || positions.length != forces.length) {
      throw new IllegalArgumentException("Samples: " + positions.length + " positions, " + energies.length
          + " energies and " + forces.length + " forces; all must be equal.");
    }
    positions = deepCopy(positions);
    energies = energies.clone();
    forces = deepCopy(forces);
  }

  /**
   * Labels configurations with a potential's exact energies and forces.
   *
   * @param p the potential
   * @param positions configurations {@code [n][p.dimension()]}
   * @return the labelled samples
   * @throws IllegalArgumentException when a configuration has the wrong length
   */
  public static Samples label(Potential p, double[][] positions) {
    double[] e = new double[positions.length];
    double[][] f = new double[positions.length][];
    for (int i = 0; i < positions.length; i++) {
      e[i] = p.energy(positions[i]);
      f[i] = p.force(positions[i]);
    }
    return new Samples(positions, e, f);
  }

  /**
   * The number of samples.
   *
   * @return n
   */
  public int size() {
    return energies.length;
  }

  /**
   * The configurations.
   *
   * @return a deep copy, {@code [n][dim]}
   */
  @Override
  public double[][] positions() {
    return deepCopy(positions);
  }

  /**
   * The energies.
   *
   * @return a copy, {@code [n]}
   */
  @Override
  public double[] energies() {
    return energies.clone();
  }

  /**
   * The forces.
   *
   * @return a deep copy, {@code [n][dim]}
   */
  @Override
  public double[][] forces() {
    return deepCopy(forces);
  }

  /**
   * The samples at {@code indices}.
   *
   * @param indices 0-based sample indices, in the order wanted
   * @return the selected samples
   */
  public Samples rows(int[] indices) {
    double[][] p = new double[indices.length][], f = new double[indices.length][];
    double[] e = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      p[i] = positions[indices[i]];
      e[i] = energies[indices[i]];
      f[i] = forces[indices[i]];
    }
    return new Samples(p, e, f);
  }

  /**
   * The first n samples.
   *
   * @param n how many (all of them when n exceeds {@link #size()})
   * @return the selected samples
   */
  public Samples head(int n) {
    return rows(java.util.stream.IntStream.range(0, Math.min(n, size())).toArray());
  }

  /**
   * Positions as features and energies as targets (for the plain regressors).
   *
   * @return a data set {@code x: [n, dim]}, {@code y: [n]}
   */
  public Dataset toDataset() {
    return Dataset.of(Nd4j.createFromArray(positions), Nd4j.createFromArray(energies));
  }

  static double[][] deepCopy(double[][] a) {
    return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
  }
}
