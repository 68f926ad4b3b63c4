package org.mlmp.linear;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.mlmp.backend.BackendKind;
import org.mlmp.backend.Backends;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The few BLAS calls of a linear fit's large pass over the data, made directly through OpenBLAS's
 * CBLAS interface on the host buffer of a dense c-order [n, d] array (CPU backend only; {@link Design}
 * falls back to {@code Nd4j.gemm} elsewhere). They avoid ND4J's generic paths where those are slow or
 * missing: the Gram matrix XᵀX by one symmetric rank-n update ({@code dsyrk}, half the flops of GEMM;
 * ND4J's {@code level3().syrk} does nothing in 1.0.0-M2.1), and Xᵀv, X ← X − 1 cᵀ by {@code dgemv} and
 * {@code dger} (ND4J routes the equivalent GEMMs with a ones vector through a slow path).
 *
 * <p>The arrays must be fresh (offset 0, not views, c order) in DOUBLE or FLOAT; vectors are passed and
 * returned in double and converted for FLOAT.
 */
final class DirectBlas {
  private DirectBlas() {}

  /** Whether the direct calls apply to {@code x}: CPU backend, a fresh dense c-order DOUBLE or FLOAT array. */
  static boolean applies(INDArray x) {
    DataType dt = x.dataType();
    return (dt == DataType.DOUBLE || dt == DataType.FLOAT) && x.ordering() == 'c' && !x.isView() && x.offset() == 0
        && x.rank() == 2 && Backends.report().backend() == BackendKind.CPU;
  }

  /** Rows per {@code ?gemv} block of {@link #transposeTimes}; the blocks' results are summed in double. */
  static final int BLOCK = 2048;

  /**
   * xᵀv for x [n, d] and v of length n (v = null: the column sums, v = 1), by {@code ?gemv} over blocks
   * of {@value #BLOCK} rows whose results are accumulated in double: in FLOAT the rounding error then
   * grows with the block length, not with n.
   */
  static double[] transposeTimes(INDArray x, double[] v) {
    int n = (int) x.rows(), d = (int) x.columns();
    double[] out = new double[d];
    if (x.dataType() == DataType.DOUBLE) {
      double[] part = new double[d];
      try (DoublePointer vp = v == null ? ones(n) : new DoublePointer(v); DoublePointer op = new DoublePointer(d)) {
        DoublePointer xp = doubles(x);
        for (int r = 0; r < n; r += BLOCK) {
          int m = Math.min(BLOCK, n - r);
          openblas.cblas_dgemv(openblas.CblasRowMajor, openblas.CblasTrans, m, d, 1.0,
              xp.getPointer((long) r * d), d, vp.getPointer(r), 1, 0.0, op, 1);
          op.get(part);
          for (int j = 0; j < d; j++) out[j] += part[j];
        }
      }
    } else {
      float[] vf = new float[n];
      for (int i = 0; i < n; i++) vf[i] = v == null ? 1f : (float) v[i];
      float[] part = new float[d];
      try (FloatPointer vp = new FloatPointer(vf); FloatPointer op = new FloatPointer(d)) {
        FloatPointer xp = floats(x);
        for (int r = 0; r < n; r += BLOCK) {
          int m = Math.min(BLOCK, n - r);
          openblas.cblas_sgemv(openblas.CblasRowMajor, openblas.CblasTrans, m, d, 1f,
              xp.getPointer((long) r * d), d, vp.getPointer(r), 1, 0f, op, 1);
          op.get(part);
          for (int j = 0; j < d; j++) out[j] += part[j];
        }
      }
    }
    return out;
  }

  /** x ← x − 1 cᵀ in place (rank-1 update), c of length d. */
  static void subtractFromRows(INDArray x, double[] c) {
    int n = (int) x.rows(), d = (int) x.columns();
    if (x.dataType() == DataType.DOUBLE) {
      try (DoublePointer one = ones(n); DoublePointer cp = new DoublePointer(c)) {
        openblas.cblas_dger(openblas.CblasRowMajor, n, d, -1.0, one, 1, cp, 1, doubles(x), d);
      }
    } else {
      float[] cf = new float[d];
      for (int j = 0; j < d; j++) cf[j] = (float) c[j];
      float[] of = new float[n];
      java.util.Arrays.fill(of, 1f);
      try (FloatPointer one = new FloatPointer(of); FloatPointer cp = new FloatPointer(cf)) {
        openblas.cblas_sger(openblas.CblasRowMajor, n, d, -1f, one, 1, cp, 1, floats(x), d);
      }
    }
  }

  /**
   * xᵀx for x [n, d] by one {@code ?syrk}, returned as a full symmetric d×d matrix in double (the upper
   * triangle computed, mirrored).
   */
  static double[][] gram(INDArray x) {
    int n = (int) x.rows(), d = (int) x.columns();
    double[] g = new double[d * d];
    // x in c order [n, d] is the column-major d×n matrix A = xᵀ, so xᵀx = A Aᵀ: syrk without transpose
    if (x.dataType() == DataType.DOUBLE) {
      try (DoublePointer gp = new DoublePointer((long) d * d)) {
        openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasNoTrans, d, n, 1.0,
            doubles(x), d, 0.0, gp, d);
        gp.get(g);
      }
    } else {
      float[] gf = new float[d * d];
      try (FloatPointer gp = new FloatPointer((long) d * d)) {
        openblas.cblas_ssyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasNoTrans, d, n, 1f,
            floats(x), d, 0f, gp, d);
        gp.get(gf);
      }
      for (int k = 0; k < gf.length; k++) g[k] = gf[k];
    }
    double[][] out = new double[d][d];
    for (int j = 0; j < d; j++) { // column-major upper triangle: element (i, j), i ≤ j, at j·d + i
      for (int i = 0; i <= j; i++) {
        double v = g[j * d + i];
        out[i][j] = v;
        out[j][i] = v;
      }
    }
    return out;
  }

  private static DoublePointer ones(int n) {
    double[] o = new double[n];
    java.util.Arrays.fill(o, 1.0);
    return new DoublePointer(o);
  }

  private static DoublePointer doubles(INDArray x) {
    return (DoublePointer) x.data().addressPointer();
  }

  private static FloatPointer floats(INDArray x) {
    return (FloatPointer) x.data().addressPointer();
  }
}
