package org.mlmp.molecular;

import java.util.Random;

/** Test geometries. */
final class Clusters {
  private Clusters() {}

  /** A regular tetrahedron with edge a. */
  static double[] tetrahedron(double a) {
    double s = a / (2 * Math.sqrt(2));
    return new double[] {s, s, s, s, -s, -s, -s, s, -s, -s, -s, s};
  }

  /** N atoms on a compact lattice-like arrangement with nearest distances ≈ 2^(1/6)σ, perturbed by ±amp·σ. */
  static double[] perturbedTetrahedronLike(int atoms, double sigma, double amp, Random r) {
    double a = Math.pow(2, 1.0 / 6) * sigma;
    double[] base = tetrahedron(a);
    double[] q = new double[3 * atoms];
    for (int i = 0; i < atoms; i++) {
      for (int c = 0; c < 3; c++) {
        double v = i < 4 ? base[3 * i + c] : (c == 0 ? (i - 3) * 1.6 * a : 0.4 * a * c);
        q[3 * i + c] = v + amp * sigma * (2 * r.nextDouble() - 1);
      }
    }
    return q;
  }

  /** A random rotation matrix (QR of a Gaussian matrix via Gram–Schmidt, det +1). */
  static double[][] rotation(Random r) {
    double[][] m = new double[3][3];
    for (double[] row : m) for (int j = 0; j < 3; j++) row[j] = r.nextGaussian();
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < i; k++) {
        double dot = 0;
        for (int j = 0; j < 3; j++) dot += m[i][j] * m[k][j];
        for (int j = 0; j < 3; j++) m[i][j] -= dot * m[k][j];
      }
      double n = Math.sqrt(m[i][0] * m[i][0] + m[i][1] * m[i][1] + m[i][2] * m[i][2]);
      for (int j = 0; j < 3; j++) m[i][j] /= n;
    }
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    if (det < 0) for (int j = 0; j < 3; j++) m[2][j] = -m[2][j];
    return m;
  }

  /** R q + t for every atom. */
  static double[] rotateTranslate(double[] q, double[][] rot, double[] t) {
    double[] out = new double[q.length];
    for (int i = 0; i < q.length / 3; i++) {
      for (int a = 0; a < 3; a++) {
        double s = t[a];
        for (int b = 0; b < 3; b++) s += rot[a][b] * q[3 * i + b];
        out[3 * i + a] = s;
      }
    }
    return out;
  }

  /** Atom i of the result is atom perm[i] of q. */
  static double[] permute(double[] q, int[] perm) {
    double[] out = new double[q.length];
    for (int i = 0; i < perm.length; i++) System.arraycopy(q, 3 * perm[i], out, 3 * i, 3);
    return out;
  }
}
