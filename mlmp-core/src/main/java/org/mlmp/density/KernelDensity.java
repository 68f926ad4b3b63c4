package org.mlmp.density;

import org.mlmp.api.Matrices;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;

/**
 * Kernel density estimation (Parzen window) with a Gaussian kernel of covariance H:
 *
 * <pre>
 *   p̂(x) = (1/N) Σ_j N(x | x_j, H)
 * </pre>
 *
 * H from a {@link Bandwidth}: a fixed width σ (H = σ² I) or Scott's / Silverman's rule applied to the
 * sample covariance. "Fitting" stores the samples and H; evaluating costs O(N) per point.
 *
 * <p>scikit-learn: {@code KernelDensity(kernel="gaussian", bandwidth=sigma)} for {@link Bandwidth.Fixed};
 * scipy: {@code gaussian_kde(x.T, bw_method="scott"|"silverman")} for the rules.
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]}; the rules need nSamples ≥ 2 and a non-singular sample
 * covariance (no feature constant, none a linear combination of the others).
 *
 * @param bandwidth the kernel covariance rule
 */
public record KernelDensity(Bandwidth bandwidth) implements Trainer<KernelDensityModel> {
  /**
   * Validates the bandwidth.
   *
   * @param bandwidth the kernel covariance rule
   * @throws IllegalArgumentException when {@code bandwidth} is null
   */
  public KernelDensity {
    if (bandwidth == null) {
      throw new IllegalArgumentException("The 'bandwidth' parameter of KernelDensity must be a Bandwidth "
          + "(Bandwidth.sigma(s), Bandwidth.scott() or Bandwidth.silverman()). Got null instead.");
    }
  }

  @Override
  public KernelDensityModel fit(Dataset data) {
    data.requireFinite();
    double[][] x = Matrices.rows(data.x());
    int n = data.nSamples(), d = data.nFeatures();
    double[][] h = new double[d][d];
    String rule;
    double factor;
    if (bandwidth instanceof Bandwidth.Fixed f) {
      rule = "sigma";
      factor = f.sigma();
      for (int a = 0; a < d; a++) h[a][a] = f.sigma() * f.sigma();
    } else {
      if (n < 2) {
        throw new IllegalArgumentException("KernelDensity with a bandwidth rule needs at least 2 samples to estimate "
            + "the covariance. Got " + n + "; use Bandwidth.sigma(s) instead.");
      }
      boolean scott = bandwidth instanceof Bandwidth.Scott;
      rule = scott ? "scott" : "silverman";
      factor = scott ? Bandwidth.Scott.factor(n, d) : Bandwidth.Silverman.factor(n, d);
      double[] mean = new double[d];
      for (double[] r : x) for (int a = 0; a < d; a++) mean[a] += r[a] / n;
      for (double[] r : x) {
        for (int a = 0; a < d; a++) for (int b = 0; b <= a; b++) h[a][b] += (r[a] - mean[a]) * (r[b] - mean[b]);
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b <= a; b++) {
          h[a][b] *= factor * factor / (n - 1);
          h[b][a] = h[a][b];
        }
      }
    }
    return KernelDensityModel.create(this, x, h, factor);
  }

  /**
   * A kernel density estimate with this bandwidth.
   *
   * @param bandwidth the bandwidth rule ({@link Bandwidth#sigma}, {@link Bandwidth#scott}, {@link Bandwidth#silverman})
   * @return the configuration
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static KernelDensity of(Bandwidth bandwidth) {
    return new KernelDensity(bandwidth);
  }
}
