package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolutions and pools reading and writing oneDNN's blocked layout in place give bitwise what they give on NCHW
 * arrays (the same kernels, which on NCHW arrays work on reordered copies), with fewer reorders; the conversions are
 * exact and really change the order.
 */
class HostBlockedTest {

  @BeforeEach
  void needsOneDnn() {
    Assumptions.assumeTrue(HostBlas.hostMemory() && HostConvolution.available(), "oneDNN on host memory only");
  }

  private static INDArray rand(long... shape) {
    return Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
  }

  private static INDArray blocked(INDArray plain) {
    INDArray b = Nd4j.create(DataType.FLOAT, plain.shape());
    HostBlocked.fromPlain(plain, b);
    return b;
  }

  private static INDArray plain(INDArray blocked) {
    INDArray p = Nd4j.create(DataType.FLOAT, blocked.shape());
    HostBlocked.toPlain(blocked, p);
    return p;
  }

  private static void assertSameBits(INDArray expected, INDArray actual, String what) {
    assertArrayEquals(expected.data().asFloat(), actual.data().asFloat(), what);
  }

  @Test
  void theBlockedOrderHoldsChannelsInnermostAndConvertsBack() {
    int c = 2 * HostBlocked.block();
    INDArray x = rand(2, c, 3, 5), b = blocked(x);
    float[] xs = x.data().asFloat(), bs = b.data().asFloat();
    // element (n 0, channel 1, row 0, column 0): NCHW index 15 (one 3 x 5 plane on), blocked index 1 (the next
    // channel of the first block); (0, block, 0, 0) starts the second block, after 3 x 5 cells of `block` channels
    assertEquals(xs[15], bs[1]);
    assertEquals(xs[HostBlocked.block() * 15], bs[15 * HostBlocked.block()]);
    assertTrue(xs[15] != xs[1], "a test value that tells the orders apart");
    assertSameBits(x, plain(b), "round trip");
  }

  @ParameterizedTest
  @EnumSource(HostConvolution.Algorithm.class)
  void aConvolutionOnBlockedSidesGivesTheBitsOfNchwWithFewerReorders(HostConvolution.Algorithm algorithm) {
    int n = 3, c = HostBlocked.block(), o = 2 * HostBlocked.block(), k = 3;
    var g = HostConvolution.Geometry.of(n, c, 9, 7, o, k, 1, 1, false);
    Nd4j.getRandom().setSeed(11);
    INDArray x = rand(g.input()), dz = rand(g.output()), w = rand(o, c, k, k), bias = rand(o);
    INDArray z = Nd4j.create(DataType.FLOAT, g.output()), dx = Nd4j.create(DataType.FLOAT, g.input());
    INDArray gw = Nd4j.create(DataType.FLOAT, o, c, k, k), gb = Nd4j.create(DataType.FLOAT, o);
    HostConvolution nchw = HostConvolution.of(g, HostBlocked.Sides.NONE, algorithm, x, w, bias, z, dz, dx, gw, gb);
    nchw.forward();
    nchw.backward();
    INDArray xb = blocked(x), dzb = blocked(dz), zb = Nd4j.create(DataType.FLOAT, g.output());
    INDArray dxb = Nd4j.create(DataType.FLOAT, g.input()), gw2 = Nd4j.create(DataType.FLOAT, o, c, k, k);
    INDArray gb2 = Nd4j.create(DataType.FLOAT, o);
    HostConvolution both = HostConvolution.of(g, HostBlocked.Sides.of(true, true), algorithm, xb, w, bias, zb, dzb,
        dxb, gw2, gb2);
    both.forward();
    both.backward();
    assertEquals(nchw.algorithm(), both.algorithm(), "the same kernels on both layouts");
    assertSameBits(z, plain(zb), "z");
    assertSameBits(dx, plain(dxb), "dx");
    assertSameBits(gw, gw2, "gw");
    assertSameBits(gb, gb2, "gb");
    assertTrue(both.activationReorders() < nchw.activationReorders(), "reorders: blocked "
        + both.activationReorders() + ", NCHW " + nchw.activationReorders());
  }

  @Test
  void aPoolOnBlockedSidesGivesTheBitsOfNchw() {
    int c = HostBlocked.block();
    for (boolean max : new boolean[] {true, false}) {
      var g = HostPooling.PoolGeometry.of(2, c, 11, 9, 3, 2, max, false);
      Nd4j.getRandom().setSeed(5);
      INDArray x = rand(g.input()), dy = rand(g.output());
      INDArray y = Nd4j.create(DataType.FLOAT, g.output()), dx = Nd4j.create(DataType.FLOAT, g.input());
      HostPooling nchw = HostPooling.of(g, x, y, dy, dx);
      nchw.forward();
      nchw.backward();
      INDArray yb = Nd4j.create(DataType.FLOAT, g.output()), dxb = Nd4j.create(DataType.FLOAT, g.input());
      HostPooling both = HostPooling.of(g, HostBlocked.Sides.of(true, true), blocked(x), yb, blocked(dy), dxb);
      both.forward();
      both.backward();
      assertSameBits(y, plain(yb), (max ? "max" : "average") + " y");
      assertSameBits(dx, plain(dxb), (max ? "max" : "average") + " dx");
    }
  }

  @Test
  void blockedSidesThatCannotHoldTheLayoutAreNamed() {
    int block = HostBlocked.block();
    var g = HostConvolution.Geometry.of(2, 3, 8, 8, block, 3, 1, 1, false);
    INDArray x = Nd4j.create(DataType.FLOAT, g.input()), z = Nd4j.create(DataType.FLOAT, g.output());
    INDArray w = Nd4j.create(DataType.FLOAT, block, 3, 3, 3), b = Nd4j.create(DataType.FLOAT, block);
    var e = assertThrows(IllegalArgumentException.class, () -> HostConvolution.of(g, HostBlocked.Sides.of(true,
        false), HostConvolution.Algorithm.DIRECT, x, w, b, z, z.dup(), null, w.dup(), b.dup()));
    assertEquals("HostConvolution: a blocked input needs channels-first activations whose channels are a multiple of "
        + block + ". Got 3 channels; pass HostBlocked.Sides.NONE for NCHW arrays.", e.getMessage());
    var p = HostPooling.PoolGeometry.of(2, block, 8, 8, 2, 2, true, true);
    INDArray px = Nd4j.create(DataType.FLOAT, p.input()), py = Nd4j.create(DataType.FLOAT, p.output());
    var f = assertThrows(IllegalArgumentException.class, () -> HostPooling.of(p, HostBlocked.Sides.of(false, true),
        px, py, null, null));
    assertEquals("HostPooling: a blocked output needs channels-first activations whose channels are a multiple of "
        + block + ". Got " + block + " channels, channels-last; pass HostBlocked.Sides.NONE for NCHW arrays.",
        f.getMessage());
    var r = assertThrows(IllegalArgumentException.class, () -> HostBlocked.toPlain(Nd4j.create(DataType.FLOAT, 4,
        block), Nd4j.create(DataType.FLOAT, 4, block)));
    assertEquals("HostBlocked: an activation must be [B, C, H, W]. Got shape [4, " + block + "].", r.getMessage());
    var s = assertThrows(IllegalArgumentException.class, () -> HostBlocked.toPlain(Nd4j.create(DataType.FLOAT, 1, 3,
        2, 2), Nd4j.create(DataType.FLOAT, 1, 3, 2, 2)));
    assertEquals("HostBlocked: an activation of 3 channels is never held blocked (its channels must be a multiple of "
        + block + "); it is in NCHW order already.", s.getMessage());
  }
}
