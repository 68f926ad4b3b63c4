package org.mlmp.density;

import org.mlmp.api.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Kullback–Leibler divergence between the data distribution p and a model q,
 *
 * <pre>
 *   KL(p ‖ q) = ∫ p(x) log(p(x)/q(x)) dx  ≥ 0,   = 0 iff q = p,
 * </pre>
 *
 * estimated by Monte Carlo when p is known and can be sampled (simulated data):
 * KL ≈ (1/M) Σ_i [log p(x_i) − log q(x_i)], x_i ~ p, with standard error s/√M (s the sample standard
 * deviation of the log-ratio). Maximising the expected log-likelihood E_p[log q] is the same as
 * minimising KL(p ‖ q), which is why it measures how well a density estimate fitted to N samples has
 * learned p, as a function of N. Reference: Bishop, PRML §1.6.1.
 */
public final class KlDivergence {
  private KlDivergence() {}

  /**
   * A Monte Carlo estimate with its standard error.
   *
   * @param value the estimate of KL(p ‖ q) in nats
   * @param standardError its standard error s/√M
   * @param nSamples M, the number of samples from p used
   */
  public record Estimate(double value, double standardError, int nSamples) {}

  /**
   * The Monte Carlo estimate of KL(p ‖ q) from samples of p.
   *
   * @param p the true density (log p)
   * @param q the model (log q)
   * @param xFromP samples drawn from p, {@code [M, d]}, M ≥ 2, fresh (not the model's training data)
   * @return the estimate in nats, its standard error and M
   * @throws IllegalArgumentException when xFromP is not a matrix of at least 2 rows
   */
  public static Estimate estimate(LogDensity p, LogDensity q, INDArray xFromP) {
    Checks.matrix(xFromP, "xFromP");
    Checks.finite(xFromP, "xFromP");
    int m = (int) xFromP.rows();
    if (m < 2) {
      throw new IllegalArgumentException("KlDivergence.estimate needs at least 2 samples from p. Got " + m + ".");
    }
    double[] lp = p.logDensity(xFromP).castTo(DataType.DOUBLE).toDoubleVector();
    double[] lq = q.logDensity(xFromP).castTo(DataType.DOUBLE).toDoubleVector();
    double mean = 0;
    for (int i = 0; i < m; i++) mean += lp[i] - lq[i];
    mean /= m;
    double ss = 0;
    for (int i = 0; i < m; i++) ss += (lp[i] - lq[i] - mean) * (lp[i] - lq[i] - mean);
    return new Estimate(mean, Math.sqrt(ss / (m - 1) / m), m);
  }

  /**
   * The closed form between two Gaussians in d dimensions:
   * KL(N₀ ‖ N₁) = ½ [tr(Σ₁⁻¹Σ₀) + (μ₁−μ₀)ᵀ Σ₁⁻¹ (μ₁−μ₀) − d + ln(det Σ₁ / det Σ₀)].
   *
   * @param mean0 μ₀ {@code [d]}
   * @param cov0 Σ₀ {@code [d][d]}, symmetric positive definite
   * @param mean1 μ₁ {@code [d]}
   * @param cov1 Σ₁ {@code [d][d]}, symmetric positive definite
   * @return KL(N₀ ‖ N₁) in nats
   * @throws IllegalArgumentException when the dimensions differ or a covariance is not positive definite
   */
  public static double betweenGaussians(double[] mean0, double[][] cov0, double[] mean1, double[][] cov1) {
    int d = mean0.length;
    if (mean1.length != d || cov0.length != d || cov1.length != d) {
      throw new IllegalArgumentException("betweenGaussians: dimensions differ (mean0 " + d + ", cov0 " + cov0.length
          + ", mean1 " + mean1.length + ", cov1 " + cov1.length + ").");
    }
    double[][] l0 = SmallMatrices.cholesky(cov0), l1 = SmallMatrices.cholesky(cov1);
    if (l0 == null || l1 == null) {
      throw new IllegalArgumentException("betweenGaussians: cov" + (l0 == null ? "0" : "1")
          + " is not positive definite.");
    }
    double[][] inv1 = SmallMatrices.invertLower(l1); // L1^{-1}
    // tr(Σ1^{-1} Σ0) = ‖L1^{-1} L0‖_F²; Mahalanobis term = ‖L1^{-1}(μ1−μ0)‖².
    double trace = 0, maha = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double v = 0;
        for (int k = 0; k < d; k++) v += inv1[i][k] * l0[k][j];
        trace += v * v;
      }
      double w = 0;
      for (int k = 0; k < d; k++) w += inv1[i][k] * (mean1[k] - mean0[k]);
      maha += w * w;
    }
    double logDet = 2 * (SmallMatrices.logDiagSum(l1) - SmallMatrices.logDiagSum(l0));
    return 0.5 * (trace + maha - d + logDet);
  }
}
