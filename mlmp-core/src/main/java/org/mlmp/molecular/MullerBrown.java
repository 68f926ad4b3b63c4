package org.mlmp.molecular;

/**
 * The Müller–Brown potential, a 2D model surface with three minima and two saddle points:
 *
 * <pre>  E(x, y) = Σ_{k=1..4} A_k exp(a_k (x − x0_k)² + b_k (x − x0_k)(y − y0_k) + c_k (y − y0_k)²)</pre>
 *
 * with the standard parameters A = (−200, −100, −170, 15), a = (−1, −1, −6.5, 0.7), b = (0, 0, 11, 0.6),
 * c = (−10, −10, −6.5, 0.7), x0 = (1, 0, −0.5, −1), y0 = (0, 0.5, 1.5, 1). Energies and coordinates are
 * dimensionless ("Müller–Brown units"). Minima: (−0.558, 1.442) with E = −146.70, (0.623, 0.028) with
 * E = −108.17, (−0.050, 0.467) with E = −80.77.
 *
 * <p>Reference: K. Müller and L. D. Brown, Theor. Chim. Acta 53, 75 (1979).
 */
public record MullerBrown() implements Potential {
  static final double[] A = {-200, -100, -170, 15};
  static final double[] a = {-1, -1, -6.5, 0.7};
  static final double[] b = {0, 0, 11, 0.6};
  static final double[] c = {-10, -10, -6.5, 0.7};
  static final double[] X0 = {1, 0, -0.5, -1};
  static final double[] Y0 = {0, 0.5, 1.5, 1};

  /** The three minima (x, y), deepest first (located to 1e-3 in the literature). */
  public static final double[][] MINIMA = {{-0.558, 1.442}, {0.623, 0.028}, {-0.050, 0.467}};

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public double energy(double[] q) {
    checkDimension(q);
    double e = 0;
    for (int k = 0; k < 4; k++) {
      double dx = q[0] - X0[k], dy = q[1] - Y0[k];
      e += A[k] * Math.exp(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy);
    }
    return e;
  }

  @Override
  public double[] force(double[] q) {
    checkDimension(q);
    double fx = 0, fy = 0;
    for (int k = 0; k < 4; k++) {
      double dx = q[0] - X0[k], dy = q[1] - Y0[k];
      double t = A[k] * Math.exp(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy);
      fx -= t * (2 * a[k] * dx + b[k] * dy);
      fy -= t * (b[k] * dx + 2 * c[k] * dy);
    }
    return new double[] {fx, fy};
  }

  /**
   * The Müller-Brown surface (it has no parameter).
   *
   * @return the potential
   */
  public static MullerBrown of() {
    return new MullerBrown();
  }
}
