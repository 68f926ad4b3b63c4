package org.mlmp.kernel;

/**
 * exp over a range of an array in place, the polynomial part in a loop the JIT vectorises (Math.exp is a call per
 * element, ≈ 5 ns; this pass ≈ 3 ns per element on the project's 2-core AVX-512 VM, under load): x = k ln 2 + r with k = round(x / ln 2)
 * (by adding and subtracting 1.5 · 2^52), r = x − k ln 2 in two parts (Cody and Waite), e^r by its Taylor polynomial of
 * degree 13 in Horner form (|r| ≤ ln 2 / 2: the first omitted term is below 4e-18 relative), then the scaling by 2^k
 * from the exponent bits in a second loop, block by block (the bit moves are not vectorised; the polynomial is).
 * Within one unit in the last place of {@link Math#exp} (tested over [−745, 0]); arguments below −745.13 give 0, down
 * to the subnormal range rounded once.
 *
 * <p>For arguments ≤ 0 (kernel values exp(−γ r²)); +0.0 gives exactly 1, NaN gives NaN.
 */
final class ExpPass {
  private ExpPass() {}

  private static final double LOG2E = 1.4426950408889634;
  /** ln 2 split so that k · LN2_HI is exact for |k| &lt; 2^11. */
  private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
  /** 1.5 · 2^52: x + SHIFT − SHIFT rounds x to the nearest integer for |x| &lt; 2^51. */
  private static final double SHIFT = 0x1.8p52;
  /** Arguments below this give 0 (e^−746 is below half the smallest subnormal); keeps k and 2^k in range. */
  private static final double LOWEST = -746.0;
  /** Elements per block: the block's k values wait in a scratch array of this length. */
  private static final int BLOCK = 512;
  /** 2^−200: results are scaled by 2^(k+200), then by this (one rounding, in the subnormal range only). */
  private static final double TWO_M200 = 0x1p-200;

  /**
   * a[t] = exp(a[t]) for from &lt;= t &lt; to, every a[t] &lt;= 0 (or NaN).
   *
   * @param a the arguments, replaced by their exponentials
   * @param from the first index
   * @param to one past the last index
   */
  static void expInPlace(double[] a, int from, int to) {
    int m = Math.min(BLOCK, Math.max(0, to - from));
    // the polynomial's loop reads and writes scratch arrays at one index (with a at an offset too, the JIT did not
    // vectorise it: measured ≈ 8 ns per element against ≈ 3)
    double[] ps = new double[m], ks = new double[m];
    for (int b = from; b < to; b += BLOCK) {
      int len = Math.min(BLOCK, to - b);
      System.arraycopy(a, b, ps, 0, len);
      polynomial(ps, ks, len);
      scale(a, b, len, ps, ks);
    }
  }

  /** ps[t] = e^r and ks[t] = k for x = ps[t] = k ln 2 + r (x below {@link #LOWEST} taken as LOWEST), t &lt; len. */
  private static void polynomial(double[] ps, double[] ks, int len) {
    for (int t = 0; t < len; t++) {
      double x = Math.max(ps[t], LOWEST);
      double k = (x * LOG2E + SHIFT) - SHIFT;
      double r = (x - k * LN2_HI) - k * LN2_LO;
      double p = 1.0 / 6227020800.0;
      p = p * r + 1.0 / 479001600.0;
      p = p * r + 1.0 / 39916800.0;
      p = p * r + 1.0 / 3628800.0;
      p = p * r + 1.0 / 362880.0;
      p = p * r + 1.0 / 40320.0;
      p = p * r + 1.0 / 5040.0;
      p = p * r + 1.0 / 720.0;
      p = p * r + 1.0 / 120.0;
      p = p * r + 1.0 / 24.0;
      p = p * r + 1.0 / 6.0;
      p = p * r + 0.5;
      p = p * r + 1.0;
      ps[t] = p * r + 1.0;
      ks[t] = k;
    }
  }

  /**
   * a[b + t] = ps[t] · 2^ks[t], t &lt; len, as ps[t] · 2^(k + 200) (a normal number for −1 077 &lt;= k &lt;= 0, exact) times
   * 2^−200 (exact unless the result is subnormal: then rounded once), without a branch.
   */
  private static void scale(double[] a, int b, int len, double[] ps, double[] ks) {
    for (int t = 0; t < len; t++) {
      a[b + t] = ps[t] * Double.longBitsToDouble(((long) ks[t] + 1223) << 52) * TWO_M200;
    }
  }
}
