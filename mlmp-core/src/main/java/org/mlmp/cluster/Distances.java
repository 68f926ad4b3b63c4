package org.mlmp.cluster;

import org.mlmp.api.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pairwise squared Euclidean distances D_ij = ‖a_i − b_j‖² = Σ_f (a_if − b_jf)², summed directly in
 * double precision (exact to round-off, never negative, no cancellation as in the ‖a‖² − 2a·b + ‖b‖²
 * expansion). scikit-learn: {@code sklearn.metrics.pairwise.euclidean_distances(a, b, squared=True)}.
 *
 * <p>Implementation note: k-means, the silhouette, the Gaussian mixture and the kernel density
 * estimate compute in plain Java on {@code double[][]} (O(n m d) here): exact in double precision and
 * independent of the backend. They were written while double-precision GEMMs through ND4J still
 * aborted the JVM (fixed on main in 413e29e); {@code Pca} has since moved to {@code Nd4j.gemm}. For the
 * moderate sizes and small d of the course this is fast enough; a GEMM path for large n·d is future work.
 */
public final class Distances {
  private Distances() {}

  /**
   * @param a {@code [n, d]}
   * @param b {@code [m, d]}
   * @return squared distances {@code [n, m]}, double precision
   */
  public static INDArray squaredEuclidean(INDArray a, INDArray b) {
    Checks.matrix(a, "a");
    Checks.matrix(b, "b");
    if (a.columns() != b.columns()) {
      throw new IllegalArgumentException("Distances.squaredEuclidean: a has " + a.columns() + " columns but b has "
          + b.columns() + "; both must have the same number of features.");
    }
    double[][] d = squaredEuclidean(toDouble(a), toDouble(b));
    return Distances.toMatrix(d);
  }

  /** As {@link #squaredEuclidean(INDArray, INDArray)}, on plain arrays (rows of equal length). */
  public static double[][] squaredEuclidean(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b.length];
    for (int i = 0; i < a.length; i++) out[i] = squaredEuclidean(a[i], b);
    return out;
  }

  /** Squared distances from one point {@code p [d]} to every row of {@code b}. */
  public static double[] squaredEuclidean(double[] p, double[][] b) {
    double[] out = new double[b.length];
    int d = p.length;
    for (int j = 0; j < b.length; j++) {
      double[] q = b[j];
      double s = 0;
      for (int f = 0; f < d; f++) {
        double e = p[f] - q[f];
        s += e * e;
      }
      out[j] = s;
    }
    return out;
  }

  /** The rows of a matrix {@code [n, d]} as {@code double[n][d]} (a copy, in double precision). */
  public static double[][] toDouble(INDArray x) {
    int n = (int) x.rows(), d = (int) x.columns();
    double[] flat = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[][] out = new double[n][d];
    for (int i = 0; i < n; i++) System.arraycopy(flat, i * d, out[i], 0, d);
    return out;
  }

  /** A {@code [n, d]} double matrix holding these rows (rows of equal length d ≥ 1). */
  public static INDArray toMatrix(double[][] rows) {
    int n = rows.length, d = rows[0].length;
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) System.arraycopy(rows[i], 0, flat, i * d, d);
    return Nd4j.createFromArray(flat).reshape(n, d);
  }
}
