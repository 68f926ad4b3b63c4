package org.mlmp.molecular;

/**
 * Velocity-Verlet integration of Newton's equations m q̈ = F(q) (NVE):
 *
 * <pre>  v(t+½Δt) = v(t) + Δt F(q(t))/2m
 *  q(t+Δt)  = q(t) + Δt v(t+½Δt)
 *  v(t+Δt)  = v(t+½Δt) + Δt F(q(t+Δt))/2m</pre>
 *
 * Time-reversible and symplectic: for a conservative force field the total energy fluctuates at
 * O(Δt²) without systematic drift, so a drift signals non-conservative forces or too large a step.
 * Units: those of the potential, with time in units of √(m·length²/energy) (for Lennard-Jones reduced
 * units, σ√(m/ε)).
 *
 * <p>Reference: W. C. Swope, H. C. Andersen, P. H. Berens and K. R. Wilson, J. Chem. Phys. 76, 637 (1982).
 *
 * @param timeStep Δt > 0
 * @param mass m > 0, the same for every coordinate
 */
public record VelocityVerlet(double timeStep, double mass) {
  /**
   * Validates the parameters.
   *
   * @param timeStep Δt > 0
   * @param mass m > 0, the same for every coordinate
   * @throws IllegalArgumentException when Δt or m is not a positive finite number
   */
  public VelocityVerlet {
    if (!(timeStep > 0) || Double.isInfinite(timeStep)) {
      throw new IllegalArgumentException("The 'timeStep' parameter of VelocityVerlet must be a finite number > 0. Got "
          + timeStep + " instead.");
    }
    if (!(mass > 0) || Double.isInfinite(mass)) {
      throw new IllegalArgumentException("The 'mass' parameter of VelocityVerlet must be a finite number > 0. Got "
          + mass + " instead.");
    }
  }

  /**
   * A trajectory: positions {@code [steps+1][dim]} and energies at every step.
   *
   * @param positions the configurations {@code [steps+1][dim]}, the start first
   * @param kinetic the kinetic energy ½ m v² at every step {@code [steps+1]}
   * @param potential the potential energy E(q) at every step {@code [steps+1]}
   * @param timeStep Δt of the run
   */
  public record Trajectory(double[][] positions, double[] kinetic, double[] potential, double timeStep) {
    /**
     * Copies the arrays.
     *
     * @param positions the configurations {@code [steps+1][dim]}, the start first
     * @param kinetic the kinetic energy ½ m v² at every step {@code [steps+1]}
     * @param potential the potential energy E(q) at every step {@code [steps+1]}
     * @param timeStep Δt of the run
     */
    public Trajectory {
      positions = Samples.deepCopy(positions);
      kinetic = kinetic.clone();
      potential = potential.clone();
    }

    /**
     * The configurations.
     *
     * @return a deep copy, {@code [steps+1][dim]}
     */
    @Override
    public double[][] positions() {
      return Samples.deepCopy(positions);
    }

    /**
     * The kinetic energies.
     *
     * @return a copy, {@code [steps+1]}
     */
    @Override
    public double[] kinetic() {
      return kinetic.clone();
    }

    /**
     * The potential energies.
     *
     * @return a copy, {@code [steps+1]}
     */
    @Override
    public double[] potential() {
      return potential.clone();
    }

    /**
     * Kinetic plus potential energy at every step.
     *
     * @return the total energy {@code [steps+1]}
     */
    public double[] totalEnergy() {
      double[] t = new double[kinetic.length];
      for (int i = 0; i < t.length; i++) t[i] = kinetic[i] + potential[i];
      return t;
    }

    /**
     * Least-squares slope of the total energy against the step number: the drift per step.
     *
     * @return the drift in energy units per step; 0 for a single point
     */
    public double driftPerStep() {
      double[] e = totalEnergy();
      int n = e.length;
      double mx = (n - 1) / 2.0, my = 0;
      for (double v : e) my += v;
      my /= n;
      double sxy = 0, sxx = 0;
      for (int i = 0; i < n; i++) {
        sxy += (i - mx) * (e[i] - my);
        sxx += (i - mx) * (i - mx);
      }
      return sxx == 0 ? 0 : sxy / sxx;
    }

    /**
     * The largest deviation of the total energy from its start.
     *
     * @return max_t |E(t) − E(0)|
     */
    public double maxDeviation() {
      double[] e = totalEnergy();
      double m = 0;
      for (double v : e) m = Math.max(m, Math.abs(v - e[0]));
      return m;
    }
  }

  /**
   * Runs {@code steps} steps from q0 with velocities v0.
   *
   * @param p the potential whose forces drive the motion
   * @param q0 the start positions {@code [p.dimension()]}
   * @param v0 the start velocities {@code [p.dimension()]}
   * @param steps the number of steps, ≥ 1
   * @return the trajectory, {@code steps + 1} points
   * @throws IllegalArgumentException when q0 or v0 has the wrong length or {@code steps < 1}
   */
  public Trajectory run(Potential p, double[] q0, double[] v0, int steps) {
    p.checkDimension(q0);
    p.checkDimension(v0);
    if (steps < 1) throw new IllegalArgumentException("run: steps must be >= 1. Got " + steps + " instead.");
    int d = q0.length;
    double[][] pos = new double[steps + 1][];
    double[] kin = new double[steps + 1], pot = new double[steps + 1];
    double[] q = q0.clone(), v = v0.clone(), f = p.force(q);
    pos[0] = q.clone();
    kin[0] = kinetic(v);
    pot[0] = p.energy(q);
    double h = timeStep / (2 * mass);
    for (int t = 1; t <= steps; t++) {
      for (int j = 0; j < d; j++) {
        v[j] += h * f[j];
        q[j] += timeStep * v[j];
      }
      f = p.force(q);
      for (int j = 0; j < d; j++) v[j] += h * f[j];
      pos[t] = q.clone();
      kin[t] = kinetic(v);
      pot[t] = p.energy(q);
    }
    return new Trajectory(pos, kin, pot, timeStep);
  }

  private double kinetic(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return 0.5 * mass * s;
  }

  /**
   * The velocity Verlet integrator with this step and mass.
   *
   * @param timeStep Δt &gt; 0
   * @param mass m &gt; 0
   * @return the integrator
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static VelocityVerlet of(double timeStep, double mass) {
    return new VelocityVerlet(timeStep, mass);
  }
}
