package org.mlmp.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ExpPass against {@link StrictMath#exp} (fdlibm, within an ulp of e^x): within one ulp, including the subnormal tail. */
class ExpPassTest {
  private static void assertWithinAnUlp(double x, double got) {
    double want = StrictMath.exp(x);
    // one ulp of the exact value, at least the smallest subnormal spacing
    double ulp = Math.max(Math.ulp(want), Double.MIN_VALUE);
    assertTrue(Math.abs(got - want) <= ulp, "exp(" + x + "): " + got + " against " + want);
  }

  @Test
  void withinAnUlpOverTheWholeRangeOfNonPositiveArguments() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 200_003; // not a multiple of the block length
    double[] x = new double[n], a = new double[n];
    for (int t = 0; t < n; t++) {
      // half uniform on [−40, 0] (kernel values that matter), half on [−750, 0]
      x[t] = t % 2 == 0 ? -40 * r.nextDouble() : -750 * r.nextDouble();
      a[t] = x[t];
    }
    ExpPass.expInPlace(a, 0, n);
    for (int t = 0; t < n; t++) assertWithinAnUlp(x[t], a[t]);
  }

  @Test
  void edgesAndARangeInsideALongerArray() {
    double[] x = {0.0, -0.0, -Double.MIN_VALUE, -1e-300, -1e-17, -0.5 * Math.log(2), -Math.log(2), -708.39, -708.4,
        -709.0, -720.0, -744.4, -745.13, -745.2, -746.0, -1e6, Double.NEGATIVE_INFINITY};
    double[] a = new double[x.length + 2];
    a[0] = 7;
    a[a.length - 1] = -3;
    System.arraycopy(x, 0, a, 1, x.length);
    ExpPass.expInPlace(a, 1, 1 + x.length);
    assertEquals(7.0, a[0], 0.0, "before the range");
    assertEquals(-3.0, a[a.length - 1], 0.0, "after the range");
    for (int t = 0; t < x.length; t++) assertWithinAnUlp(x[t], a[1 + t]);
    assertEquals(1.0, a[1], 0.0, "exp(0)");
    assertEquals(1.0, a[2], 0.0, "exp(−0)");
    assertEquals(0.0, a[a.length - 2], 0.0, "exp(−∞)");
    double[] nan = {Double.NaN};
    ExpPass.expInPlace(nan, 0, 1);
    assertTrue(Double.isNaN(nan[0]), "exp(NaN)");
  }
}
