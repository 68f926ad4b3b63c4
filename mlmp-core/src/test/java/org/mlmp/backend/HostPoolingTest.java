package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * oneDNN's pooling primitives against the definitions, computed here in double: a max pool's y is each window's
 * largest x and its ∂C/∂x sends each ∂C/∂y to that x (summed where overlapping windows share it; random inputs have no
 * ties); an average pool's y is each window's mean and its ∂C/∂x adds ∂C/∂y / size² to each cell of the window.
 */
class HostPoolingTest {

  @BeforeEach
  void needsOneDnn() {
    Assumptions.assumeTrue(HostBlas.hostMemory() && HostConvolution.available(), "oneDNN on host memory only");
  }

  @ParameterizedTest(name = "size {0} stride {1} max {2} NHWC {3}")
  @CsvSource({"2, 2, true, true", "3, 2, true, false", "3, 2, false, true", "2, 2, false, false", "3, 1, true, true"})
  void matchesTheDefinitions(int size, int stride, boolean max, boolean nhwc) {
    int n = 3, c = 4, h = 9, wd = 7;
    var g = HostPooling.PoolGeometry.of(n, c, h, wd, size, stride, max, nhwc);
    int oh = (int) g.outHeight(), ow = (int) g.outWidth();
    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.rand(DataType.FLOAT, g.input()), dy = Nd4j.rand(DataType.FLOAT, g.output());
    INDArray y = Nd4j.create(DataType.FLOAT, g.output()), dx = Nd4j.create(DataType.FLOAT, g.input());
    HostPooling pool = HostPooling.of(g, x, y, dy, dx);
    pool.forward();
    pool.backward();
    INDArray xv = nhwc ? x.permute(0, 3, 1, 2) : x, yv = nhwc ? y.permute(0, 3, 1, 2) : y;
    INDArray dyv = nhwc ? dy.permute(0, 3, 1, 2) : dy, dxv = nhwc ? dx.permute(0, 3, 1, 2) : dx;
    double[][][][] dxRef = new double[n][c][h][wd];
    double errY = 0, errX = 0;
    for (int m = 0; m < n; m++) {
      for (int q = 0; q < c; q++) {
        for (int r = 0; r < oh; r++) {
          for (int v = 0; v < ow; v++) {
            double best = Double.NEGATIVE_INFINITY, sum = 0, d = dyv.getDouble(m, q, r, v);
            int bi = -1, bj = -1;
            for (int i = 0; i < size; i++) {
              for (int j = 0; j < size; j++) {
                double e = xv.getDouble(m, q, stride * r + i, stride * v + j);
                sum += e;
                if (e > best) {
                  best = e;
                  bi = stride * r + i;
                  bj = stride * v + j;
                }
                if (!max) dxRef[m][q][stride * r + i][stride * v + j] += d / (size * size);
              }
            }
            if (max) dxRef[m][q][bi][bj] += d;
            errY = Math.max(errY, Math.abs((max ? best : sum / (size * size)) - yv.getDouble(m, q, r, v)));
          }
        }
        for (int r = 0; r < h; r++) {
          for (int v = 0; v < wd; v++) errX = Math.max(errX, Math.abs(dxRef[m][q][r][v] - dxv.getDouble(m, q, r, v)));
        }
      }
    }
    assertTrue(errY < 1e-6 && errX < 1e-6, "max errors y " + errY + ", x " + errX);
    assertTrue(dx.norm1Number().doubleValue() > 0, "gradient written");
  }

  @Test
  void badArgumentsAreNamed() {
    var g = HostPooling.PoolGeometry.of(2, 3, 8, 8, 2, 2, true, true);
    INDArray x = Nd4j.create(DataType.FLOAT, g.input()), y = Nd4j.create(DataType.FLOAT, 2, 4, 4, 3);
    var e = assertThrows(IllegalArgumentException.class, () -> HostPooling.of(g, x, y, null, x.dup()));
    assertEquals("HostPooling: dy and dx come together (a backward pass) or not at all. Got dx without dy.",
        e.getMessage());
    var s = assertThrows(IllegalArgumentException.class, () -> HostPooling.of(g, x, y.reshape(2, 3, 4, 4), null,
        null));
    assertTrue(s.getMessage().startsWith("HostPooling: y must hold [2, 4, 4, 3] in row order, one run of its buffer."
        + " Got shape [2, 3, 4, 4]"), s.getMessage());
    var w = assertThrows(IllegalArgumentException.class,
        () -> HostPooling.PoolGeometry.of(1, 1, 2, 5, 3, 1, true, true));
    assertEquals("HostPooling.PoolGeometry: a 3x3 window does not fit a 2x5 input; use a smaller window.",
        w.getMessage());
    HostPooling forwardOnly = HostPooling.of(g, x, y, null, null);
    forwardOnly.forward();
    var b = assertThrows(IllegalStateException.class, forwardOnly::backward);
    assertEquals("HostPooling.backward: this pool was built without dy and dx (no backward pass); pass both to"
        + " HostPooling.of.", b.getMessage());
  }
}
