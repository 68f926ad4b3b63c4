package org.mlmp.molecular;

import java.util.Random;

/**
 * Seeded generators of labelled configurations: uniform in a box (optionally below an energy cap) and
 * Boltzmann-distributed by Metropolis Monte Carlo, p(q) ∝ exp(−E(q)/kT). The same seed gives the same
 * samples.
 *
 * <p>Reference: N. Metropolis, A. W. Rosenbluth, M. N. Rosenbluth, A. H. Teller and E. Teller, J. Chem.
 * Phys. 21, 1087 (1953); D. Frenkel and B. Smit, <i>Understanding Molecular Simulation</i>, ch. 3.
 */
public final class Sampling {
  private Sampling() {}

  /**
   * n configurations uniform in the box [lo, hi], keeping only those with E &lt; maxEnergy (rejection;
   * pass {@code Double.POSITIVE_INFINITY} for no cap).
   *
   * @param p the potential that labels the configurations
   * @param lo the box's lower bound per coordinate {@code [p.dimension()]}
   * @param hi the box's upper bound per coordinate, each above {@code lo}
   * @param n the number of configurations, ≥ 1
   * @param maxEnergy keep only configurations with E below this
   * @param seed seeds the draws
   * @return n labelled configurations
   * @throws IllegalArgumentException when the bounds have the wrong length or are not ordered, n &lt; 1, or
   *     fewer than 1 in 1000 draws fall below the energy cap
   */
  public static Samples uniform(Potential p, double[] lo, double[] hi, int n, double maxEnergy, long seed) {
    if (lo.length != p.dimension() || hi.length != p.dimension()) {
      throw new IllegalArgumentException("uniform: the box needs " + p.dimension() + " lower and upper bounds. Got "
          + lo.length + " and " + hi.length + " instead.");
    }
    for (int j = 0; j < lo.length; j++) {
      if (!(lo[j] < hi[j])) {
        throw new IllegalArgumentException("uniform: lower bound " + lo[j] + " of coordinate " + j
            + " must be below the upper bound " + hi[j] + ".");
      }
    }
    if (n < 1) throw new IllegalArgumentException("uniform: n must be >= 1. Got " + n + " instead.");
    Random r = new Random(seed);
    double[][] q = new double[n][];
    long attempts = 0, maxAttempts = 1000L * n + 100000;
    int k = 0;
    while (k < n) {
      if (++attempts > maxAttempts) {
        throw new IllegalArgumentException("uniform: fewer than 1 in 1000 points of the box have E < " + maxEnergy
            + "; raise maxEnergy or shrink the box.");
      }
      double[] x = new double[lo.length];
      for (int j = 0; j < x.length; j++) x[j] = lo[j] + (hi[j] - lo[j]) * r.nextDouble();
      if (p.energy(x) < maxEnergy) q[k++] = x;
    }
    return Samples.label(p, q);
  }

  /**
   * The result of a Metropolis run.
   *
   * @param samples the kept configurations, labelled with exact energies and forces
   * @param acceptance fraction of accepted moves (aim for 0.3–0.5 by tuning the step)
   */
  public record MetropolisRun(Samples samples, double acceptance) {}

  /**
   * Metropolis Monte Carlo at temperature kT: each move displaces every coordinate uniformly in
   * [−step, step] and is accepted with probability min(1, exp(−ΔE/kT)). After {@code burnIn} moves,
   * every {@code thin}-th configuration is kept until n are collected.
   *
   * @param kT temperature in energy units, > 0
   * @param step maximum displacement per coordinate, > 0
   * @param p the potential
   * @param start the first configuration {@code [p.dimension()]}, with finite energy
   * @param n the number of configurations to keep, ≥ 1
   * @param thin keep every {@code thin}-th configuration after the burn-in, ≥ 1
   * @param burnIn moves discarded first, ≥ 0
   * @param seed seeds the moves and the acceptance draws
   * @return the samples and the acceptance rate
   * @throws IllegalArgumentException when kT or step is not positive, n or thin is below 1, burnIn is
   *     negative, or E(start) is not finite
   */
  public static MetropolisRun metropolis(Potential p, double[] start, double kT, double step, int n, int thin,
      int burnIn, long seed) {
    p.checkDimension(start);
    if (!(kT > 0)) throw new IllegalArgumentException("metropolis: kT must be > 0. Got " + kT + " instead.");
    if (!(step > 0)) throw new IllegalArgumentException("metropolis: step must be > 0. Got " + step + " instead.");
    if (n < 1 || thin < 1 || burnIn < 0) {
      throw new IllegalArgumentException("metropolis: need n >= 1, thin >= 1, burnIn >= 0. Got n=" + n + ", thin="
          + thin + ", burnIn=" + burnIn + " instead.");
    }
    Random r = new Random(seed);
    double[] x = start.clone();
    double e = p.energy(x);
    if (!Double.isFinite(e)) throw new IllegalArgumentException("metropolis: E(start) = " + e + " is not finite.");
    double[][] kept = new double[n][];
    long moves = 0, accepted = 0;
    int k = 0;
    for (long t = 0; k < n; t++) {
      double[] y = x.clone();
      for (int j = 0; j < y.length; j++) y[j] += step * (2 * r.nextDouble() - 1);
      double ey = p.energy(y);
      moves++;
      if (ey <= e || r.nextDouble() < Math.exp(-(ey - e) / kT)) {
        x = y;
        e = ey;
        accepted++;
      }
      if (t >= burnIn && (t - burnIn) % thin == thin - 1) kept[k++] = x.clone();
    }
    return new MetropolisRun(Samples.label(p, kept), (double) accepted / moves);
  }
}
