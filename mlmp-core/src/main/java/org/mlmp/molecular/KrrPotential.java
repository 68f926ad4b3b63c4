package org.mlmp.molecular;

import java.util.Objects;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.Kernel;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A machine-learned potential-energy surface: kernel ridge regression of energies on a descriptor,
 *
 * <pre>  E(q) = Ē + Σ_n a_n k(D(q), D(q_n)),   a = (K + λI)⁻¹ (E − Ē),</pre>
 *
 * with Ē the mean training energy, and forces as the analytic negative gradient of that energy,
 * F(q) = −(∂D/∂q)ᵀ Σ_n a_n ∇_D k(D(q), D(q_n)) (chain rule through the kernel's gradient and the
 * descriptor's Jacobian), so the learned force field is exactly conservative. Trained on energies only.
 * σ of the kernel is in descriptor units.
 *
 * <p>Reference: A. P. Bartók and G. Csányi, Int. J. Quantum Chem. 115, 1051 (2015); S. Chmiela et al.,
 * Sci. Adv. 3, e1603015 (2017).
 *
 * @param descriptor e.g. {@link Cartesian} for model surfaces, {@link InverseDistances} for clusters
 * @param kernel a kernel with a gradient (e.g. {@link org.mlmp.kernel.Gaussian})
 * @param lambda λ >= 0
 */
public record KrrPotential(Descriptor descriptor, Kernel kernel, double lambda) {
  /**
   * Validates the components.
   *
   * @param descriptor e.g. {@link Cartesian} for model surfaces, {@link InverseDistances} for clusters
   * @param kernel a kernel with a gradient (e.g. {@link org.mlmp.kernel.Gaussian})
   * @param lambda λ >= 0
   * @throws NullPointerException when {@code descriptor} is null
   * @throws IllegalArgumentException when the kernel is null or λ is negative (as {@link KernelRidge})
   */
  public KrrPotential {
    Objects.requireNonNull(descriptor, "The 'descriptor' parameter of KrrPotential must not be null.");
    KernelRidge.of(kernel, lambda); // validates kernel and λ with their messages
  }

  /**
   * Fits to the energies of {@code train} (forces are not used for fitting).
   *
   * @param train labelled configurations, at least one, with the descriptor's input dimension
   * @return the learned potential, energies and analytic forces
   * @throws IllegalArgumentException when there are no samples or their dimension does not fit the descriptor
   */
  public LearnedPotential fit(Samples train) {
    if (train.size() < 1) throw new IllegalArgumentException("KrrPotential: no training samples.");
    double[][] q = train.positions();
    if (q[0].length != descriptor.inputDimension()) {
      throw new IllegalArgumentException("KrrPotential: the samples have " + q[0].length + " coordinates but the"
          + " descriptor " + descriptor + " takes " + descriptor.inputDimension() + ".");
    }
    double[] e = train.energies();
    double mean = 0;
    for (double v : e) mean += v;
    mean /= e.length;
    double[] centred = new double[e.length];
    for (int i = 0; i < e.length; i++) centred[i] = e[i] - mean;
    KernelRidgeModel m = KernelRidge.of(kernel, lambda)
        .fit(Dataset.of(descriptor.transform(q), Nd4j.createFromArray(centred)));
    return new LearnedPotential(descriptor, m, mean);
  }

  /**
   * Kernel ridge on this descriptor.
   *
   * @param descriptor the descriptor of a configuration
   * @param kernel the kernel on descriptors
   * @param lambda the regularisation λ ≥ 0
   * @return the configuration
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static KrrPotential of(Descriptor descriptor, Kernel kernel, double lambda) {
    return new KrrPotential(descriptor, kernel, lambda);
  }
}
