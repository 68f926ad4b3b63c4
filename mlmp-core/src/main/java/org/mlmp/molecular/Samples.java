package org.mlmp.molecular;

import java.util.Arrays;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Configurations with their exact energies and forces: positions {@code [n][dim]}, energies {@code [n]},
 * forces {@code [n][dim]} (F = −∇E). Arrays are copied in and out.
 */
public record Samples(double[][] positions, double[] energies, double[][] forces) {
  public Samples {
    if (positions.length != energies.length || positions.length != forces.length) {
      throw new IllegalArgumentException("Samples: " + positions.length + " positions, " + energies.length
          + " energies and " + forces.length + " forces; all must be equal.");
    }
    positions = deepCopy(positions);
    energies = energies.clone();
    forces = deepCopy(forces);
  }

  /** Labels configurations with a potential's exact energies and forces. */
  public static Samples label(Potential p, double[][] positions) {
    double[] e = new double[positions.length];
    double[][] f = new double[positions.length][];
    for (int i = 0; i < positions.length; i++) {
      e[i] = p.energy(positions[i]);
      f[i] = p.force(positions[i]);
    }
    return new Samples(positions, e, f);
  }

  public int size() {
    return energies.length;
  }

  @Override
  public double[][] positions() {
    return deepCopy(positions);
  }

  @Override
  public double[] energies() {
    return energies.clone();
  }

  @Override
  public double[][] forces() {
    return deepCopy(forces);
  }

  /** The samples at {@code indices}. */
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

  /** The first n samples. */
  public Samples head(int n) {
    return rows(java.util.stream.IntStream.range(0, Math.min(n, size())).toArray());
  }

  /** Positions as features and energies as targets (for the plain regressors). */
  public Dataset toDataset() {
    return Dataset.of(Nd4j.createFromArray(positions), Nd4j.createFromArray(energies));
  }

  static double[][] deepCopy(double[][] a) {
    return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
  }
}
