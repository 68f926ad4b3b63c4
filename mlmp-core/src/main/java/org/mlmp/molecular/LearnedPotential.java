package org.mlmp.molecular;

import org.mlmp.api.Checks;
import org.mlmp.api.Matrices;
import org.mlmp.kernel.Kernel;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted {@link KrrPotential}: energy and analytic forces of the learned surface. Single
 * configurations ({@link #energy}, {@link #force}, as used by molecular dynamics) are evaluated
 * directly over the training set; many at once ({@link #energies}, {@link #forces}) through the
 * blocked matrix path of {@link KernelRidgeModel}.
 */
public final class LearnedPotential implements Potential {
  private final Descriptor descriptor;
  private final KernelRidgeModel model;
  private final double offset;
  private final Kernel kernel;
  private final double[][] centres;
  private final double[] weights;

  LearnedPotential(Descriptor descriptor, KernelRidgeModel model, double offset) {
    this.descriptor = descriptor;
    this.model = model;
    this.offset = offset;
    this.kernel = model.kernel();
    this.centres = Matrices.rows(model.xTrain());
    this.weights = model.dualCoef().toDoubleVector();
  }

  /**
   * The kernel ridge model on descriptors (its targets are E − {@link #energyOffset()}).
   *
   * @return the fitted model
   */
  public KernelRidgeModel model() {
    return model;
  }

  /**
   * The map from coordinates to the model's features.
   *
   * @return the descriptor of the {@link KrrPotential} that fitted this potential
   */
  public Descriptor descriptor() {
    return descriptor;
  }

  /**
   * Ē, the mean training energy added to the kernel expansion.
   *
   * @return Ē, in the training energies' unit
   */
  public double energyOffset() {
    return offset;
  }

  @Override
  public int dimension() {
    return descriptor.inputDimension();
  }

  @Override
  public double energy(double[] q) {
    Checks.finiteInput(q, "q");
    double[] d = descriptor.of(q);
    double e = offset;
    for (int n = 0; n < weights.length; n++) e += weights[n] * kernel.value(d, centres[n]);
    return e;
  }

  @Override
  public double[] force(double[] q) {
    Checks.finiteInput(q, "q");
    double[] d = descriptor.of(q);
    double[] g = new double[d.length];
    for (int n = 0; n < weights.length; n++) {
      double[] gk = kernel.gradient(d, centres[n]);
      for (int a = 0; a < g.length; a++) g[a] += weights[n] * gk[a];
    }
    return minusChainRule(g, descriptor.jacobian(q));
  }

  /**
   * Energies of many configurations.
   *
   * @param q configurations {@code [n][dim]}, finite
   * @return the energies {@code [n]}
   * @throws IllegalArgumentException at the first non-finite coordinate (row and column named)
   */
  public double[] energies(double[][] q) {
    Checks.finiteInput(q, "q");
    INDArray p = model.predict(descriptor.transform(q));
    return p.addi(offset).toDoubleVector();
  }

  /**
   * Forces of many configurations, the analytic −∇E of the learned energy.
   *
   * @param q configurations {@code [n][dim]}, finite
   * @return the forces {@code [n][dim]}
   * @throws IllegalArgumentException at the first non-finite coordinate (row and column named)
   */
  public double[][] forces(double[][] q) {
    Checks.finiteInput(q, "q");
    double[][] g = Matrices.rows(model.gradient(descriptor.transform(q)));
    double[][] f = new double[q.length][];
    for (int i = 0; i < q.length; i++) f[i] = minusChainRule(g[i], descriptor.jacobian(q[i]));
    return f;
  }

  private static double[] minusChainRule(double[] g, double[][] jac) {
    double[] f = new double[jac[0].length];
    for (int a = 0; a < g.length; a++) for (int b = 0; b < f.length; b++) f[b] -= g[a] * jac[a][b];
    return f;
  }

  /**
   * Energy and force errors against exact labels, reported separately.
   *
   * @param energyMae mean |E_pred − E|
   * @param energyRmse root mean square of E_pred − E
   * @param forceMae mean |F_pred − F| over all force components
   * @param forceRmse root mean square over all force components
   */
  public record Errors(double energyMae, double energyRmse, double forceMae, double forceRmse) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "energy MAE %.4g RMSE %.4g | force MAE %.4g RMSE %.4g", energyMae,
          energyRmse, forceMae, forceRmse);
    }
  }

  /**
   * Errors on labelled samples.
   *
   * @param test configurations with their exact energies and forces
   * @return the energy and force MAE and RMSE
   */
  public Errors errors(Samples test) {
    double[][] q = test.positions(), fTrue = test.forces();
    double[] eTrue = test.energies();
    double[] e = energies(q);
    double[][] f = forces(q);
    double ea = 0, es = 0, fa = 0, fs = 0;
    long nf = 0;
    for (int i = 0; i < e.length; i++) {
      double de = e[i] - eTrue[i];
      ea += Math.abs(de);
      es += de * de;
      for (int j = 0; j < f[i].length; j++) {
        double df = f[i][j] - fTrue[i][j];
        fa += Math.abs(df);
        fs += df * df;
        nf++;
      }
    }
    return new Errors(ea / e.length, Math.sqrt(es / e.length), fa / nf, Math.sqrt(fs / nf));
  }
}
