package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * oneDNN's primitives called directly against the definitions of a convolution and its gradients, summed in double
 * here: z[n,o,y,x] = b[o] + Σ w[o,c,i,j]·x[n,c,sy+i−p,sx+j−p]; ∂C/∂w[o,c,i,j] = Σ dz[n,o,y,x]·x[n,c,sy+i−p,sx+j−p];
 * ∂C/∂b[o] = Σ dz[n,o,y,x]; ∂C/∂x[n,c,h,v] = Σ dz[n,o,y,x]·w[o,c,h−sy+p,v−sx+p] (x read as 0 outside the image).
 */
class HostConvolutionTest {

  @BeforeEach
  void needsOneDnn() {
    Assumptions.assumeTrue(HostBlas.hostMemory() && HostConvolution.available(), "oneDNN on host memory only");
  }

  // Channels-first with 20 → 32 channels oneDNN works in its blocked layouts, the arrays reordered in and out
  // (reorders > 0); channels-last, or with 3 or 4 input channels, it keeps some arrays' own layouts.
  // Winograd asked for: oneDNN has its kernel for 3 x 3 at stride 1 in the blocked layouts on AVX-512 only; NHWC and
  // 5 x 5 layers fall back to direct.
  @ParameterizedTest(name = "k {0} stride {1} pad {2} NHWC {3} channels {4} -> {5} {6}")
  @CsvSource({"5, 1, 0, true, 4, 5, DIRECT", "3, 2, 1, true, 4, 5, DIRECT", "3, 1, 1, false, 4, 5, DIRECT",
      "5, 4, 2, false, 4, 5, DIRECT", "3, 1, 1, false, 20, 32, DIRECT", "5, 4, 2, false, 3, 40, DIRECT",
      "3, 1, 1, false, 20, 32, WINOGRAD", "3, 1, 1, false, 16, 48, WINOGRAD", "3, 1, 0, false, 32, 16, WINOGRAD",
      "3, 1, 1, true, 16, 8, WINOGRAD", "5, 1, 2, false, 16, 32, WINOGRAD"})
  void matchesTheDefinitionsSummedInDouble(int k, int s, int p, boolean nhwc, int c, int o,
      HostConvolution.Algorithm algorithm) {
    int n = 3, h = 11, wd = 9;
    var g = HostConvolution.Geometry.of(n, c, h, wd, o, k, s, p, nhwc);
    int oh = (int) g.outHeight(), ow = (int) g.outWidth();
    Nd4j.getRandom().setSeed(7);
    INDArray x = Nd4j.rand(DataType.FLOAT, g.input()).subi(0.5), dz = Nd4j.rand(DataType.FLOAT, g.output()).subi(0.5);
    // w and b as views into one flat vector at an offset, as a plan's parameters are
    INDArray params = Nd4j.rand(DataType.FLOAT, 3 + o * c * k * k + o).subi(0.5);
    int wn = o * c * k * k;
    INDArray w = params.get(NDArrayIndex.interval(3, 3 + wn)).reshape('c', o, c, k, k);
    INDArray b = params.get(NDArrayIndex.interval(3 + wn, 3 + wn + o));
    INDArray z = Nd4j.create(DataType.FLOAT, g.output()), dx = Nd4j.create(DataType.FLOAT, g.input());
    INDArray gw = Nd4j.create(DataType.FLOAT, o, c, k, k), gb = Nd4j.create(DataType.FLOAT, o);
    HostConvolution conv = HostConvolution.of(g, HostBlocked.Sides.NONE, algorithm, x, w, b, z, dz, dx, gw, gb);
    boolean winograd = algorithm == HostConvolution.Algorithm.WINOGRAD && k == 3 && s == 1 && !nhwc
        && OneDnn.avx512();
    assertEquals(winograd ? HostConvolution.Algorithm.WINOGRAD : HostConvolution.Algorithm.DIRECT,
        conv.algorithm(), "the algorithm that ran");
    if (!nhwc && c == 20) assertTrue(conv.activationReorders() > 0, "NCHW 20 -> 32 runs in oneDNN's blocked layouts");
    if (nhwc) assertEquals(0, conv.activationReorders(), "NHWC runs on the arrays themselves");
    conv.forward();
    conv.backward();
    double[][][][] xs = nchw(x, nhwc), dzs = nchw(dz, nhwc), zs = nchw(z, nhwc), dxs = nchw(dx, nhwc);
    double[][][][] wr = new double[o][c][k][k];
    double errZ = 0, errW = 0, errB = 0, errX = 0;
    double[][][][] gwRef = new double[o][c][k][k], dxRef = new double[n][c][h][wd];
    double[] gbRef = new double[o];
    for (int a = 0; a < o; a++) {
      for (int q = 0; q < c; q++) {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) wr[a][q][i][j] = w.getDouble(a, q, i, j);
        }
      }
    }
    for (int m = 0; m < n; m++) {
      for (int a = 0; a < o; a++) {
        for (int y = 0; y < oh; y++) {
          for (int v = 0; v < ow; v++) {
            double sum = b.getDouble(a), d = dzs[m][a][y][v];
            gbRef[a] += d;
            for (int q = 0; q < c; q++) {
              for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                  int r = s * y + i - p, col = s * v + j - p;
                  if (r < 0 || r >= h || col < 0 || col >= wd) continue;
                  sum += wr[a][q][i][j] * xs[m][q][r][col];
                  gwRef[a][q][i][j] += d * xs[m][q][r][col];
                  dxRef[m][q][r][col] += d * wr[a][q][i][j];
                }
              }
            }
            errZ = Math.max(errZ, Math.abs(sum - zs[m][a][y][v]));
          }
        }
      }
    }
    for (int a = 0; a < o; a++) {
      errB = Math.max(errB, Math.abs(gbRef[a] - gb.getDouble(a)));
      for (int q = 0; q < c; q++) {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) errW = Math.max(errW, Math.abs(gwRef[a][q][i][j] - gw.getDouble(a, q, i, j)));
        }
      }
    }
    for (int m = 0; m < n; m++) {
      for (int q = 0; q < c; q++) {
        for (int r = 0; r < h; r++) {
          for (int v = 0; v < wd; v++) errX = Math.max(errX, Math.abs(dxRef[m][q][r][v] - dxs[m][q][r][v]));
        }
      }
    }
    // sums of at most a few hundred products of numbers below 1/2 in magnitude, in float: errors near 1e-6; the bias
    // gradient is a sum of n·H'·W' (up to 297) values in float, which oneDNN's channels-last kernel for 16 or more
    // input channels adds one by one: 297 roundings of partial sums up to about 5 (3e-7 each), at most 9e-5
    // (2e-5 to 3.5e-5 seen)
    assertTrue(errZ < 1e-5 && errW < 1e-5 && errB < 1e-4 && errX < 1e-5,
        "max errors z " + errZ + ", w " + errW + ", b " + errB + ", x " + errX);
    assertTrue(gb.norm1Number().doubleValue() > 0 && dx.norm1Number().doubleValue() > 0, "gradients written");
  }

  private static double[][][][] nchw(INDArray a, boolean nhwc) {
    INDArray v = nhwc ? a.permute(0, 3, 1, 2) : a;
    long[] s = v.shape();
    double[][][][] r = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
    for (int i = 0; i < s[0]; i++) {
      for (int j = 0; j < s[1]; j++) {
        for (int y = 0; y < s[2]; y++) {
          for (int x = 0; x < s[3]; x++) r[i][j][y][x] = v.getDouble(i, j, y, x);
        }
      }
    }
    return r;
  }

  // The layers measured in docs/nn-measurements.md, "Winograd convolutions" (two threads): Winograd ran AlexNet's
  // conv3 at batch 8 forward and backward in 0.65 of the direct kernels' time, and 1.2-2.8 times slower on one or two
  // images, on 16 x 16 or 32 x 32 channels at 13 x 13; it has no kernel but 3 x 3 at stride 1.
  @Test
  void winogradIsChosenWhereItWasMeasuredToPay() {
    assertTrue(HostConvolution.Geometry.of(8, 256, 13, 13, 384, 3, 1, 1, false).winogradPays(2), "AlexNet conv3");
    assertTrue(HostConvolution.Geometry.of(64, 16, 28, 28, 32, 3, 1, 1, false).winogradPays(2), "64 x 16 -> 32");
    assertTrue(HostConvolution.Geometry.of(8, 256, 13, 13, 384, 3, 1, 1, false).winogradPays(4), "128 tiles on 4");
    assertFalse(HostConvolution.Geometry.of(8, 256, 13, 13, 384, 3, 1, 1, false).winogradPays(8), "16 tiles each");
    assertFalse(HostConvolution.Geometry.of(1, 384, 13, 13, 384, 3, 1, 1, false).winogradPays(2), "one image");
    assertFalse(HostConvolution.Geometry.of(2, 256, 13, 13, 384, 3, 1, 1, false).winogradPays(2), "two images");
    assertFalse(HostConvolution.Geometry.of(8, 16, 13, 13, 16, 3, 1, 1, false).winogradPays(2), "16 x 16 channels");
    assertFalse(HostConvolution.Geometry.of(8, 32, 13, 13, 32, 3, 1, 1, false).winogradPays(2), "1.4M products");
    assertFalse(HostConvolution.Geometry.of(8, 96, 27, 27, 256, 5, 1, 2, false).winogradPays(2), "5 x 5");
    assertFalse(HostConvolution.Geometry.of(8, 256, 26, 26, 384, 3, 2, 1, false).winogradPays(2), "stride 2");
  }

  @Test
  void aWrongShapeIsNamed() {
    var g = HostConvolution.Geometry.of(2, 3, 8, 8, 4, 3, 1, 0, true);
    INDArray x = Nd4j.create(DataType.FLOAT, g.input()), z = Nd4j.create(DataType.FLOAT, g.output());
    INDArray w = Nd4j.create(DataType.FLOAT, 4, 3, 5, 5), b = Nd4j.create(DataType.FLOAT, 4);
    var e = assertThrows(IllegalArgumentException.class,
        () -> HostConvolution.of(g, x, w, b, z, z.dup(), null, w.dup(), b.dup()));
    assertEquals("HostConvolution: w must hold [4, 3, 3, 3] in row order, one run of its buffer. Got shape"
        + " [4, 3, 5, 5], strides [75, 25, 5, 1]; pass a C-ordered array of that shape (dup('c')).", e.getMessage());
    var d = assertThrows(IllegalArgumentException.class,
        () -> HostConvolution.of(g, x.castTo(DataType.DOUBLE), w, b, z, z, null, w, b));
    assertTrue(d.getMessage().startsWith("HostConvolution (x): needs a FLOAT array. Got DOUBLE"), d.getMessage());
  }

  @Test
  void anInputGradientOnlyLayerRefusesTheForwardPass() {
    var g = HostConvolution.Geometry.of(2, 3, 8, 8, 4, 3, 1, 0, false);
    HostConvolution c = HostConvolution.inputGradient(g, HostConvolution.Algorithm.DIRECT,
        Nd4j.create(DataType.FLOAT, 4, 3, 3, 3),
        Nd4j.create(DataType.FLOAT, g.output()), Nd4j.create(DataType.FLOAT, g.input()));
    var e = assertThrows(IllegalStateException.class, c::forward);
    assertEquals("HostConvolution: this layer was built for the input gradient only (HostConvolution.inputGradient);"
        + " build it with HostConvolution.of to run the forward pass.", e.getMessage());
  }

  @Test
  void aKernelLargerThanThePaddedInputIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> HostConvolution.Geometry.of(1, 1, 4, 6, 2, 5, 1, 0,
        false));
    assertEquals("HostConvolution.Geometry: a 5x5 kernel does not fit a 4x6 input padded by 0; use a smaller kernel or"
        + " more padding.", e.getMessage());
    var s = assertThrows(IllegalArgumentException.class, () -> HostConvolution.Geometry.of(1, 1, 4, 4, 2, 3, 0, 0,
        false));
    assertEquals("HostConvolution.Geometry: stride must be >= 1. Got 0 instead.", s.getMessage());
  }
}
