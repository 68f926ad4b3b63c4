package org.mlmp.density;

/**
 * How {@link KernelDensity} chooses its Gaussian kernel's covariance H (the "bandwidth").
 *
 * <ul>
 *   <li>{@link Fixed}: H = σ² I, an isotropic kernel of width σ in the units of x (scikit-learn's
 *       {@code KernelDensity(bandwidth=sigma, kernel="gaussian")}).
 *   <li>{@link Scott} and {@link Silverman}: H = h² Ĉ, the data's sample covariance Ĉ (with 1/(N−1))
 *       scaled by a rule-of-thumb factor h that is optimal (in mean integrated squared error) for
 *       Gaussian data — Scott (1992): h = N^(−1/(d+4)); Silverman (1986): h = (N (d+2)/4)^(−1/(d+4)).
 *       These are exactly {@code scipy.stats.gaussian_kde(x.T, bw_method="scott"|"silverman")}.
 *       (scikit-learn 1.2's {@code bandwidth="scott"} uses h alone, as if the data were standardised.)
 * </ul>
 */
public sealed interface Bandwidth permits Bandwidth.Fixed, Bandwidth.Scott, Bandwidth.Silverman {
  /**
   * A fixed isotropic width σ &gt; 0.
   *
   * @param sigma the kernel width σ, in the units of the features
   * @return {@code new Fixed(sigma)}
   * @throws IllegalArgumentException when σ is not a positive finite number
   */
  static Bandwidth sigma(double sigma) {
    return new Fixed(sigma);
  }

  /**
   * Scott's rule, H = N^(−2/(d+4)) Ĉ.
   *
   * @return the rule
   */
  static Bandwidth scott() {
    return new Scott();
  }

  /**
   * Silverman's rule, H = (N (d+2)/4)^(−2/(d+4)) Ĉ.
   *
   * @return the rule
   */
  static Bandwidth silverman() {
    return new Silverman();
  }

  /**
   * H = σ² I.
   *
   * @param sigma the kernel width σ &gt; 0
   */
  record Fixed(double sigma) implements Bandwidth {
    /**
     * Validates σ.
     *
     * @param sigma the kernel width σ &gt; 0
     * @throws IllegalArgumentException when σ is not a positive finite number
     */
    public Fixed {
      if (!(sigma > 0) || Double.isInfinite(sigma)) {
        throw new IllegalArgumentException("The 'sigma' parameter of Bandwidth.Fixed must be a finite float > 0. Got "
            + sigma + " instead.");
      }
    }
  }

  /** H = h² Ĉ with h = N^(−1/(d+4)). */
  record Scott() implements Bandwidth {
    /**
     * The factor h for N samples in d dimensions.
     *
     * @param n the number of samples N
     * @param d the number of features
     * @return h = N^(−1/(d+4))
     */
    public static double factor(int n, int d) {
      return Math.pow(n, -1.0 / (d + 4));
    }
  }

  /** H = h² Ĉ with h = (N (d+2)/4)^(−1/(d+4)). */
  record Silverman() implements Bandwidth {
    /**
     * The factor h for N samples in d dimensions.
     *
     * @param n the number of samples N
     * @param d the number of features
     * @return h = (N (d+2)/4)^(−1/(d+4))
     */
    public static double factor(int n, int d) {
      return Math.pow(n * (d + 2) / 4.0, -1.0 / (d + 4));
    }
  }
}
