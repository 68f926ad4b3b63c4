package org.mlmp.backend;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Verifies the BLAS/LAPACK in use against a reference computed in plain Java: a double-precision
 * Cholesky factorisation ({@code dpotrf}, through ND4J) of a random symmetric positive-definite matrix,
 * whose factor must reproduce the matrix to round-off. This is the check that catches a BLAS kernel
 * that is fast but wrong (see {@link OpenBlasKernel}).
 */
public final class LapackCheck {
  private LapackCheck() {}

  /**
   * Factors a random symmetric positive-definite n × n matrix S = MᵀM + n I with ND4J's {@code dpotrf}
   * and measures how well the factor reproduces it.
   *
   * @param n matrix size (the failure seen with the SkylakeX kernel appeared at n = 300)
   * @param seed the seed of the Gaussian entries of M
   * @return max |L Lᵀ − S| / max |S|, or +∞ when dpotrf reported the matrix not positive definite
   */
  public static double choleskyRelativeError(int n, long seed) {
    Random r = new Random(seed);
    double[][] m = new double[n][n];
    for (double[] row : m) for (int j = 0; j < n; j++) row[j] = r.nextGaussian();
    double[][] s = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double acc = 0;
        for (int k = 0; k < n; k++) acc += m[k][i] * m[k][j];
        if (i == j) acc += n;
        s[i][j] = acc;
        s[j][i] = acc;
      }
    }
    INDArray a = Nd4j.create(s).castTo(DataType.DOUBLE).dup('f');
    try {
      Nd4j.getBlasWrapper().lapack().potrf(a, true);
    } catch (RuntimeException | org.nd4j.linalg.api.blas.BlasException e) {
      // ND4J reports dpotrf's info > 0 ("not positive definite") as a BlasException, an Error
      return Double.POSITIVE_INFINITY;
    }
    double[][] l = a.toDoubleMatrix();
    double err = 0, scale = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double acc = 0;
        for (int k = 0; k <= j; k++) acc += l[i][k] * l[j][k];
        err = Math.max(err, Math.abs(acc - s[i][j]));
        scale = Math.max(scale, Math.abs(s[i][j]));
      }
    }
    return err / scale;
  }
}
