package org.mlmp.cli.fit;

import org.mlmp.api.Dataset;
import org.mlmp.api.Regressor;
import org.mlmp.kernel.Kernel;
import org.mlmp.kernelmethods.KernelRidge;

/**
 * Where {@code mlmp fit --model krr} is fitted: on this machine by Cholesky ({@link #LOCAL}, the default) or elsewhere
 * — {@code mlmp spark krr} runs the same command with the fit on Spark (conjugate gradients or Nyström), so both take
 * the same options and print the same JSON. The JSON of a {@code KernelRidgeModel} is fit's ({@code "dualCoef"});
 * of a {@code NystromKernelRidgeModel}, {@code "landmarks"} (m) and {@code "coef"} (the landmarks' coefficients).
 */
@FunctionalInterface
public interface KernelRidgeTraining {
  /** {@link KernelRidge#fit} in this process. */
  KernelRidgeTraining LOCAL = (kernel, lambda, seed, data) -> KernelRidge.of(kernel, lambda).fit(data);

  /**
   * Fits kernel ridge regression.
   *
   * @param kernel the kernel of --kernel and its parameters
   * @param lambda --lambda
   * @param seed --seed (e.g. of a landmark draw)
   * @param data the training rows with targets
   * @return a {@code KernelRidgeModel} or a {@code NystromKernelRidgeModel}
   */
  Regressor fit(Kernel kernel, double lambda, long seed, Dataset data);
}
