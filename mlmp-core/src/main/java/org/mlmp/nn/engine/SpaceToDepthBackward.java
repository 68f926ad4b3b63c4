package org.mlmp.nn.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.FloatBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.mlmp.nn.engine.SpaceToDepthBlocks.BlockGrid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weight and input gradients of a strided convolution (stride s &gt; 1, kernel k, padding p) as the stride-1
 * gradients of an equivalent convolution on space-to-depth blocks, so that both run as oneDNN convolutions (the CONV
 * path of {@code Node.ConvNode}) instead of im2col + GEMM.
 *
 * <p>With the input zero-padded by p and cut into s×s blocks, X'[b, c·s² + dy·s + dx, Y, X] = xpad[b, c, sY + dy,
 * sX + dx], and the kernel zero-padded to k₂·s (k₂ = ⌈k/s⌉) and cut the same way, W'[o, c·s² + dy·s + dx, i, j] =
 * W[o, c, si + dy, sj + dx] (0 where si + dy ≥ k or sj + dx ≥ k), the convolution is z = conv(X', W') at stride 1 with
 * a k₂×k₂ kernel and no padding: the same products, summed in another order. Without an input gradient, ∂C/∂W' is
 * the CONV path's forward convolution of X'ᵀ with dzᵀ, mapped back to W's layout (entries of the zero padding
 * dropped), and the caller sums dzᵀ for the bias. With one, libnd4j's {@code conv2d_bp} on the blocks (oneDNN's
 * backward kernels; X' a permuted view of X'ᵀ) writes ∂C/∂X', ∂C/∂W' and ∂C/∂b in one op; ∂C/∂X' is mapped back to
 * x's layout (rows and columns of x the convolution never reads get 0). For AlexNet's conv1 at batch 8 (96 filters)
 * that op took 13.7–14.8 ms against 21–22 ms for the forward convolution plus a flipped-kernel convolution for ∂C/∂X'
 * (docs/nn-measurements.md, "The input gradient of a strided convolution"). The kernel's blocks and the map from
 * ∂C/∂X' back to dx are {@link SpaceToDepthBlocks}, which the ONEDNN path uses alone around oneDNN's backward-data.
 */
final class SpaceToDepthBackward {
  final BlockGrid grid;
  final INDArray xIn, xPadIn, xT6, xPad6p, dz3, dzT3, gwFull6, gwT6p, gw, gwFullK;
  /**
   * dzᵀ as {@code [O, B·H'·W']}, filled by {@link #run()} when there is no input gradient: the caller's bias gradient
   * reads it (null otherwise: {@code conv2d_bp} writes the bias gradient).
   */
  final INDArray dzT2;
  /** The weight gradient's forward convolution (no input gradient), or {@code conv2d_bp} on the blocks. */
  final PreparedOp wconv, bp;
  /** FLOAT arrays in host memory: the two space-to-depth copies run as Java row copies (libnd4j's rank-6 strided
   *  assigns ran at ~1 GB/s: 6 ms each for AlexNet conv1 at batch 8); otherwise as ND4J assigns of permuted views. */
  final boolean host;
  final INDArray x, xT;
  /** W' and ∂C/∂X' with their copies, when the input gradient is wanted (null otherwise). */
  final SpaceToDepthBlocks blocks;

  /**
   * @param x the layer's input {@code [B, C, H, W]}
   * @param w the weights {@code [O, C, k, k]} (a view of the parameters)
   * @param gw the weight gradient {@code [O, C, k, k]} (a view of the gradient vector)
   * @param dz the output gradient {@code [B, O, H', W']}
   * @param dx the input gradient {@code [B, C, H, W]}, or null when nobody needs it
   * @param bias the bias {@code [O]} and {@code gb} its gradient, written here when dx is wanted (a view of the
   *     gradient vector)
   */
  SpaceToDepthBackward(DataType t, int k, int s, int p, INDArray x, INDArray w, INDArray gw, INDArray dz, INDArray dx,
      INDArray bias, INDArray gb) {
    BlockGrid g = BlockGrid.of(k, s, p, x, dz);
    grid = g;
    long b = g.b(), c = g.c(), o = g.o(), oh = dz.size(2), ow = dz.size(3), k2 = g.k2(), hs = g.hs(), ws = g.ws();
    this.x = x;
    host = t == DataType.FLOAT && HostBlas.hostMemory() && SpaceToDepthBlocks.contiguous(x)
        && (dx == null || SpaceToDepthBlocks.contiguous(dx));
    xT = Nd4j.create(t, g.blockChannels(), b, hs, ws);
    if (host) {
      xIn = xPadIn = xT6 = xPad6p = null; // toBlocks() copies rows straight from x into xT
    } else {
      INDArray xPad = Nd4j.create(t, b, c, g.paddedHeight(), g.paddedWidth());
      xPadIn = xPad.get(all(), all(), interval(p, p + g.hIn()), interval(p, p + g.wIn()));
      xIn = x.get(all(), all(), interval(0, g.hIn()), interval(0, g.wIn()));
      xT6 = xT.reshape('c', c, s, s, b, hs, ws);
      xPad6p = xPad.reshape('c', b, c, hs, s, ws, s).permute(1, 3, 5, 0, 2, 4);
    }
    INDArray gwFull = Nd4j.create(t, o, c, k2 * s, k2 * s);
    gwFull6 = gwFull.reshape('c', o, c, k2, s, k2, s);
    gwFullK = gwFull.get(all(), all(), interval(0, k), interval(0, k));
    this.gw = gw;
    if (dx == null) {
      INDArray dzT = Nd4j.create(t, o, b, oh, ow);
      this.dz3 = dz.reshape('c', b, o, oh * ow);
      dzT3 = dzT.reshape('c', o, b, oh * ow);
      dzT2 = dzT.reshape('c', o, b * oh * ow);
      INDArray gwT = Nd4j.create(t, g.blockChannels(), o, k2, k2);
      wconv = PreparedOp.of(DynamicCustomOp.builder("conv2d").addInputs(xT, dzT).addOutputs(gwT)
          .addIntegerArguments((int) oh, (int) ow, 1, 1, 0, 0, 1, 1, 0, 0, 1).build());
      gwT6p = gwT.reshape('c', c, s, s, o, k2, k2).permute(3, 0, 4, 1, 5, 2);
      blocks = null;
      bp = null;
      return;
    }
    dz3 = dzT3 = dzT2 = null;
    wconv = null;
    blocks = new SpaceToDepthBlocks(t, g, w, dx, host);
    INDArray gwS = Nd4j.create(t, o, g.blockChannels(), k2, k2);
    gwT6p = gwS.reshape('c', o, c, s, s, k2, k2).permute(0, 1, 4, 2, 5, 3);
    bp = PreparedOp.of(DynamicCustomOp.builder("conv2d_bp")
        .addInputs(xT.permute(1, 0, 2, 3), blocks.wS, bias, dz).addOutputs(blocks.dxS, gwS, gb)
        .addIntegerArguments((int) k2, (int) k2, 1, 1, 0, 0, 1, 1, 0, 0, 1).build());
  }

  /**
   * Writes ∂C/∂W from the layer's input and the current dz, and when ∂C/∂x is wanted ∂C/∂x and ∂C/∂b too (without it
   * the bias gradient is the caller's, from {@link #dzT2}).
   */
  void run() {
    if (host) {
      toBlocks();
    } else {
      xPadIn.assign(xIn);
      xT6.assign(xPad6p);
    }
    if (blocks == null) {
      dzT3.assign(dz3.permute(1, 0, 2));
      wconv.run();
    } else {
      blocks.kernelToBlocks();
      bp.run();
    }
    gwFull6.assign(gwT6p);
    gw.assign(gwFullK);
    if (blocks != null) blocks.fromBlocks();
  }

  /**
   * xᵀ in blocks, X'ᵀ[c·s² + dy·s + dx, b, Y, X] = x[b, c, sY + dy − p, sX + dx − p] (0 outside x's read rows and
   * columns): each input row is read once and scattered into the s block rows it feeds. Rows of X'ᵀ that only hold
   * padding are never written (zero since allocation).
   */
  private void toBlocks() {
    BlockGrid g = grid;
    int s = g.s(), p = g.p(), b = g.b(), c = g.c(), h = g.h(), wd = g.wd(), hs = g.hs(), ws = g.ws();
    FloatBuffer src = HostFloats.buffer(x), dst = HostFloats.buffer(xT);
    // A padded row: the read columns of x at p .. p + wIn − 1, zeros around them (never written)
    float[] row = new float[s * ws], out = new float[ws];
    for (int bi = 0; bi < b; bi++) {
      for (int ci = 0; ci < c; ci++) {
        for (int y = 0; y < g.hIn(); y++) {
          src.get(((bi * c + ci) * h + y) * wd, row, p, g.wIn());
          int big = y + p, yy = big / s, dy = big % s;
          for (int dx = 0; dx < s; dx++) {
            for (int xx = 0; xx < ws; xx++) out[xx] = row[xx * s + dx];
            int plane = ci * s * s + dy * s + dx;
            dst.put(((plane * b + bi) * hs + yy) * ws, out, 0, ws);
          }
        }
      }
    }
  }
}
