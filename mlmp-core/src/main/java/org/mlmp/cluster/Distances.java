package org.mlmp.cluster;

import org.mlmp.api.Matrices;
import org.mlmp.api.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Pairwise squared Euclidean distances D_ij = ‖a_i − b_j‖² = Σ_f (a_if − b_jf)², summed directly in
 * double precision (exact to round-off, never negative, no cancellation as in the ‖a‖² − 2a·b + ‖b‖²
 * expansion). scikit-learn: {@code sklearn.metrics.pairwise.euclidean_distances(a, b, squared=True)}.
 *
 * <p>Two forms: {@link #squaredEuclidean(double[][], double[][])} sums directly in Java (small inputs,
 * exact reference); {@link Pairwise} forms blocks of distances with one {@code Nd4j.gemm} each and runs on
 * either ND4J backend — k-means, the silhouette, the Gaussian mixture's initialisation and the kernel
 * density estimate use it.
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
    double[][] d = squaredEuclidean(Matrices.rows(a), Matrices.rows(b));
    return Matrices.fromRows(d);
  }

  /**
   * As {@link #squaredEuclidean(INDArray, INDArray)}, on plain arrays (rows of equal length), summed directly.
   *
   * @param a rows {@code [n][d]}
   * @param b rows {@code [m][d]}
   * @return squared distances {@code [n][m]}
   */
  public static double[][] squaredEuclidean(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b.length];
    for (int i = 0; i < a.length; i++) out[i] = squaredEuclidean(a[i], b);
    return out;
  }

  /**
   * Squared distances from one point {@code p [d]} to every row of {@code b}.
   *
   * @param p the point {@code [d]}
   * @param b rows {@code [m][d]}
   * @return ‖p − b_j‖² for every row j {@code [m]}
   */
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





  /**
   * Squared Euclidean distances between the rows of a {@code [n, d]} and b {@code [m, d]} by matrix
   * products: ‖a‖² + ‖b‖² − 2 a·b, all three terms from one {@code Nd4j.gemm} of the augmented matrices
   * [a, ‖a‖², 1]·[−2b, 1, ‖b‖²]ᵀ (as {@code org.mlmp.kernel.Gram} and scikit-learn do). Both are first
   * centred on b's column mean, which keeps the cancellation in that expansion small (distances are
   * translation invariant); round-off below 0 is clamped. Double precision throughout.
   */
  public static final class Pairwise {
    private final INDArray left;
    private final INDArray right;
    private final long n;
    private final long m;

    /**
     * Prepares a and b (any data type; copied to double).
     *
     * @param a rows {@code [n, d]}
     * @param b rows {@code [m, d]}
     */
    public Pairwise(INDArray a, INDArray b) {
      INDArray bd = b.castTo(DataType.DOUBLE);
      INDArray mu = bd.mean(0).reshape(1, bd.columns());
      INDArray ac = a.castTo(DataType.DOUBLE).subRowVector(mu);
      INDArray bc = bd.subRowVector(mu);
      n = ac.rows();
      m = bc.rows();
      left = augmentLeft(ac);
      right = augmentRight(bc);
    }

    /**
     * Number of rows of a.
     *
     * @return n
     */
    public long rows() {
      return n;
    }

    /**
     * Number of rows of b.
     *
     * @return m
     */
    public long columns() {
      return m;
    }

    /**
     * out ← alpha · D for rows r0 … r1−1 of a against all of b; out is {@code [r1 − r0, m]} double
     * (a preallocated array or view). alpha·D is clamped at 0 (from below for alpha > 0, from above
     * for alpha &lt; 0).
     *
     * @param r0 the first row of a, inclusive
     * @param r1 the last row of a, exclusive
     * @param out receives alpha·D, {@code [r1 − r0, m]} double
     * @param alpha the factor applied to the distances (e.g. −1/(2σ²) for a Gaussian kernel)
     */
    public void into(long r0, long r1, INDArray out, double alpha) {
      INDArray lb = r0 == 0 && r1 == n ? left : left.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
      Nd4j.gemm(lb, right, out, false, true, alpha, 0.0);
      if (alpha >= 0) Transforms.max(out, 0.0, false);
      else Transforms.min(out, 0.0, false);
    }

    /**
     * The whole matrix of squared distances.
     *
     * @return D {@code [n, m]}, double
     */
    public INDArray all() {
      INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, n, m);
      into(0, n, out, 1.0);
      return out;
    }

    /**
     * Rows per block so that a block of distances holds about 2^22 entries (32 MiB).
     *
     * @return a block size in [1, n]
     */
    public int blockRows() {
      return (int) Math.max(1, Math.min(n, (1L << 22) / Math.max(1, m)));
    }
  }

  /**
   * The left factor of the distance product.
   *
   * @param a a double matrix {@code [n, d]}
   * @return [a, ‖a‖², 1] {@code [n, d + 2]}
   */
  public static INDArray augmentLeft(INDArray a) {
    INDArray sa = a.mul(a).sum(1).reshape(a.rows(), 1);
    return Nd4j.hstack(a, sa, Nd4j.ones(DataType.DOUBLE, a.rows(), 1));
  }

  /**
   * The right factor of the distance product: augmentLeft(a)·augmentRight(b)ᵀ = D.
   *
   * @param b a double matrix {@code [m, d]}
   * @return [−2b, 1, ‖b‖²] {@code [m, d + 2]}
   */
  public static INDArray augmentRight(INDArray b) {
    INDArray sb = b.mul(b).sum(1).reshape(b.rows(), 1);
    return Nd4j.hstack(b.mul(-2.0), Nd4j.ones(DataType.DOUBLE, b.rows(), 1), sb);
  }


}
