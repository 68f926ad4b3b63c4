package org.mlmp.linear;


/**
 * L0-penalised least squares, min over supports S of RSS(S)/(2N) + λ|S|, on the sweep operator
 * (Goodnight, Am. Stat. 33 (1979) 149): the centred Gram matrix bordered by Zᵀt and tᵀt, scaled to
 * unit diagonal; sweeping on feature j leaves, in the bottom-right corner, the residual sum of squares
 * of the least-squares fit with j added. Package-private engine of {@link BestSubset} and
 * {@link ForwardSelection}.
 */
final class SubsetSearch {

  /** Pivots below this (relative to the unit diagonal) mean a feature is a linear combination of those chosen. */
  static final double COLLINEAR = 1e-12;

  final int d;
  final int n;
  final double lambda;
  /** The scaled bordered Gram matrix, (d+1)×(d+1). */
  final double[][] m;
  final boolean[] usable;

  SubsetSearch(Design.NormalEquations gram, double lambda) {
    double[][] g = gram.g();
    d = g.length;
    n = gram.n();
    this.lambda = lambda;
    double[] s = new double[d];
    usable = new boolean[d];
    for (int j = 0; j < d; j++) {
      usable[j] = g[j][j] > 0;
      s[j] = usable[j] ? 1 / Math.sqrt(g[j][j]) : 0;
    }
    m = new double[d + 1][d + 1];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) m[i][j] = g[i][j] * s[i] * s[j];
      m[i][d] = gram.c()[i] * s[i];
      m[d][i] = m[i][d];
    }
    m[d][d] = gram.tt();
  }

  double objective(double rss, int size) {
    return rss / (2.0 * n) + lambda * size;
  }

  /** Sweeps {@code from} on pivot j into {@code to}, for the indices in {@code idx} (which include d). */
  static void sweep(double[][] from, double[][] to, int j, int[] idx, int count) {
    double inv = 1 / from[j][j];
    for (int a = 0; a < count; a++) {
      int ia = idx[a];
      double f = from[ia][j] * inv;
      double[] fa = from[ia], ta = to[ia];
      for (int b = 0; b < count; b++) {
        int ib = idx[b];
        ta[ib] = fa[ib] - f * from[j][ib];
      }
    }
  }

  // ---- exact: depth-first enumeration of all subsets ----
  private double best;
  private long bestMask;
  private long visited;
  private int[] scratch;

  /** The best support over all 2^d subsets (as a bit mask) and the number of subsets evaluated. */
  long[] exhaustive() {
    if (lambda == 0) { // no cost per feature: the full model has the least RSS
      long all = 0;
      for (int j = 0; j < d; j++) if (usable[j]) all |= 1L << j;
      return new long[] {all, 1};
    }
    best = objective(m[d][d], 0);
    bestMask = 0;
    visited = 1;
    scratch = new int[d + 1];
    double[][][] levels = new double[d + 1][][];
    levels[0] = m;
    for (int k = 1; k <= d; k++) levels[k] = new double[d + 1][d + 1];
    descend(levels, 0, 0, 0L);
    return new long[] {bestMask, visited};
  }

  private void descend(double[][][] levels, int start, int depth, long mask) {
    if (lambda * (depth + 1) >= best) return; // every superset costs at least λ(|S| + 1)
    double[][] cur = levels[depth];
    int[] idx = scratch;
    for (int j = start; j < d; j++) {
      if (!usable[j] || cur[j][j] <= COLLINEAR) continue;
      int count = 0;
      for (int k = j + 1; k < d; k++) idx[count++] = k;
      idx[count++] = d;
      double[][] next = levels[depth + 1];
      sweep(cur, next, j, idx, count);
      visited++;
      long m2 = mask | (1L << j);
      double obj = objective(Math.max(0, next[d][d]), depth + 1);
      if (obj < best) {
        best = obj;
        bestMask = m2;
      }
      descend(levels, j + 1, depth + 1, m2);
    }
  }

  // ---- approximate: greedy forward selection ----
  /** Adds, one at a time, the feature that lowers the RSS most while that lowers the objective. */
  boolean[] greedy() {
    double[][] cur = new double[d + 1][];
    for (int i = 0; i <= d; i++) cur[i] = m[i].clone();
    double[][] next = new double[d + 1][d + 1];
    boolean[] in = new boolean[d];
    int size = 0;
    double obj = objective(cur[d][d], 0);
    int[] idx = new int[d + 1];
    while (true) {
      int bestJ = -1;
      double bestRss = Double.POSITIVE_INFINITY;
      for (int j = 0; j < d; j++) {
        if (in[j] || !usable[j] || cur[j][j] <= COLLINEAR) continue;
        double rss = cur[d][d] - cur[j][d] * cur[j][d] / cur[j][j];
        if (rss < bestRss) {
          bestRss = rss;
          bestJ = j;
        }
      }
      if (bestJ < 0 || !(objective(Math.max(0, bestRss), size + 1) < obj)) return in;
      int count = 0;
      for (int k = 0; k < d; k++) if (!in[k] && k != bestJ) idx[count++] = k;
      idx[count++] = d;
      sweep(cur, next, bestJ, idx, count);
      for (int a = 0; a < count; a++) {
        int ia = idx[a];
        for (int b = 0; b < count; b++) cur[ia][idx[b]] = next[ia][idx[b]];
      }
      in[bestJ] = true;
      size++;
      obj = objective(Math.max(0, cur[d][d]), size);
    }
  }

  /** Least squares on the support {@code mask} by Householder QR; zeros elsewhere (design space). */
  static double[] refit(Design des, boolean[] support) {
    int k = 0;
    for (boolean b : support) if (b) k++;
    double[] w = new double[des.d];
    if (k == 0) return w;
    double[][] all = des.columns();
    double[][] cols = new double[k][];
    int[] which = new int[k];
    for (int j = 0, c = 0; j < des.d; j++) {
      if (support[j]) {
        which[c] = j;
        cols[c++] = all[j];
      }
    }
    double[] sol = DenseSolvers.householderLeastSquares(cols, des.t.clone());
    for (int c = 0; c < k; c++) w[which[c]] = sol[c];
    return w;
  }

  static boolean[] support(long mask, int d) {
    boolean[] s = new boolean[d];
    for (int j = 0; j < d; j++) s[j] = (mask & (1L << j)) != 0;
    return s;
  }

  static LinearModel model(Design des, boolean[] support, String type, PenalizedRegression trainer, long subsets) {
    double[] coef = des.rawCoef(refit(des, support));
    var facts = subsets >= 0 ? LinearFiles.facts("subsetsEvaluated", subsets) : LinearFiles.facts();
    return new LinearModel(type, trainer, facts, coef, des.rawIntercept(coef), des.standardization(), null, des.precision, -1);
  }
}
