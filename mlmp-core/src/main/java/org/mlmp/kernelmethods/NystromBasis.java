package org.mlmp.kernelmethods;

import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostBlas.Layout;
import org.mlmp.backend.HostDoubles;
import org.mlmp.backend.HostLapack;
import org.mlmp.kernel.Gram;
import org.mlmp.kernel.Kernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Nyström basis of m landmarks L: with K_mm = k(L, L) = U diag(s) Uᵀ, T = U_r diag(s_r^(−1/2)) over the r
 * eigenvalues above s_max · m · ε (ε = 2.2e-16; the rest are round-off of a rank-deficient K_mm, as numpy's
 * {@code pinv} cut-off), so that the features φ(x) = Tᵀ k(L, x) give φ(x)ᵀφ(x') = k(x, L) K_mm⁺ k(L, x'), the
 * Nyström approximation of k(x, x') (C. Williams, M. Seeger, NIPS 2001). The small dense linear algebra
 * (m × m eigen-decomposition, r × r solves) runs on the driver through LAPACK: {@link HostLapack} on the CPU,
 * ND4J's {@code syev} on other backends.
 */
final class NystromBasis {
  final Kernel kernel;
  /** The landmarks {@code [m, d]}, double. */
  final INDArray landmarks;
  /** T {@code [m, r]}, double. */
  final INDArray t;

  private NystromBasis(Kernel kernel, INDArray landmarks, INDArray t) {
    this.kernel = kernel;
    this.landmarks = landmarks;
    this.t = t;
  }

  /** The basis of these landmarks {@code [m, d]}. */
  static NystromBasis of(Kernel kernel, INDArray landmarks) {
    INDArray l = landmarks.castTo(DataType.DOUBLE).dup('c');
    int m = (int) l.rows();
    INDArray kmm = Gram.cross(kernel, l, l, DataType.DOUBLE);
    Eigen e = Eigen.of(kmm);
    double cut = e.values[m - 1] * m * Math.ulp(1.0);
    int r = 0;
    for (double v : e.values) if (v > cut) r++;
    if (r == 0) {
      throw new IllegalArgumentException("The " + m + " Nyström landmarks give a zero kernel matrix k(L, L) for "
          + kernel + "; choose another kernel width.");
    }
    INDArray t = Nd4j.create(DataType.DOUBLE, m, r);
    for (int j = 0; j < r; j++) {
      int c = m - r + j; // eigenvalues ascending: the r largest are the last
      t.getColumn(j).assign(e.vectors.getColumn(c).mul(1 / Math.sqrt(e.values[c])));
    }
    return new NystromBasis(kernel, l, t);
  }

  int rank() {
    return (int) t.columns();
  }

  /** A symmetric eigen-decomposition: values ascending, vectors {@code [n, n]} column i for value i. */
  record Eigen(double[] values, INDArray vectors) {
    static Eigen of(INDArray symmetric) {
      int n = (int) symmetric.rows();
      double[] w = new double[n];
      if (HostBlas.hostMemory()) {
        INDArray a = symmetric.castTo(DataType.DOUBLE).dup('c');
        try (HostDoubles wp = HostDoubles.allocate(n)) {
          int info = HostLapack.dsyevdVectorsLower(Layout.ROW_MAJOR, n, HostDoubles.of(a), n, wp);
          if (info != 0) throw new IllegalStateException("LAPACK dsyevd failed with info = " + info + " (n = " + n + ").");
          wp.get(0, w, 0, n);
        }
        return new Eigen(w, a);
      }
      INDArray a = symmetric.castTo(DataType.DOUBLE).dup('f');
      INDArray ev = Nd4j.create(DataType.DOUBLE, n);
      int info = Nd4j.getBlasWrapper().lapack().syev('V', 'L', a, ev);
      if (info != 0) throw new IllegalStateException("syev failed with info = " + info + " (n = " + n + ").");
      return new Eigen(ev.toDoubleVector(), a.dup('c'));
    }

    /**
     * Solves (this matrix) X = B for a positive-definite matrix: V diag(1/w) Vᵀ B.
     *
     * @param b {@code [n, t]}
     * @return X {@code [n, t]}
     */
    INDArray solve(INDArray b, String what) {
      if (!(values[0] > 0)) {
        throw new IllegalArgumentException(what + " is not positive definite (smallest eigenvalue " + values[0]
            + "); raise lambda.");
      }
      INDArray c = vectors.transpose().mmul(b);
      for (int i = 0; i < values.length; i++) c.getRow(i).divi(values[i]);
      return vectors.mmul(c);
    }
  }
}
