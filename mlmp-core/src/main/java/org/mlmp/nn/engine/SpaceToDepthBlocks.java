package org.mlmp.nn.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.FloatBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input-gradient side of a strided convolution on space-to-depth blocks (the geometry in
 * {@link SpaceToDepthBackward}'s class comment): the kernel in blocks, W' {@code [O, C·s², k₂, k₂]}, written from w by
 * {@link #kernelToBlocks()}, and ∂C/∂X' {@code [B, C·s², H_s, W_s]}, which a stride-1 backward-data on the blocks
 * writes and {@link #fromBlocks()} maps back to dx. Two callers: {@link SpaceToDepthBackward} on the CONV path
 * (libnd4j's {@code conv2d_bp} on the blocks between the two copies) and, through {@link #forOneDnn}, the ONEDNN path
 * (oneDNN's backward-data primitive between them).
 */
final class SpaceToDepthBlocks {
  final BlockGrid grid;
  /** W', written by {@link #kernelToBlocks()}. */
  final INDArray wS;
  /** ∂C/∂X', read by {@link #fromBlocks()}. */
  final INDArray dxS;
  /** FLOAT arrays in host memory, dx in row order from element 0: {@link #fromBlocks()} copies rows in Java. */
  final boolean host;
  private final INDArray w, dx, wFullK, wS6, wFull6p;
  /** The ND4J copies of {@link #fromBlocks()} (null on the host path). */
  private final INDArray dxPad6, dxS6p, dxIn, dxPadIn;
  private final boolean dxBorder;

  /**
   * The space-to-depth sizes of a strided layer: stride s, padding p, kernel k and k₂ = ⌈k/s⌉; input
   * {@code [b, c, h, wd]}; o output channels; blocks of hs×ws; hIn×wIn the input rows and columns the convolution
   * reads (the last ones can lie beyond its last window).
   */
  record BlockGrid(int k, int k2, int s, int p, int b, int c, int h, int wd, int o, int hs, int ws, int hIn, int wIn) {
    /** From the layer's input x {@code [B, C, H, W]} and output gradient dz {@code [B, O, H', W']}. */
    static BlockGrid of(int k, int s, int p, INDArray x, INDArray dz) {
      int k2 = (k + s - 1) / s;
      int h = (int) x.size(2), wd = (int) x.size(3);
      int hs = (int) dz.size(2) + k2 - 1, ws = (int) dz.size(3) + k2 - 1;
      return new BlockGrid(k, k2, s, p, (int) x.size(0), (int) x.size(1), h, wd, (int) dz.size(1), hs, ws,
          Math.min(h, s * hs - p), Math.min(wd, s * ws - p));
    }

    /** Channels of the blocks, C·s². */
    int blockChannels() {
      return c * s * s;
    }

    /** The padded input's rows and columns, s·hs and s·ws. */
    long paddedHeight() {
      return (long) s * hs;
    }

    long paddedWidth() {
      return (long) s * ws;
    }
  }

  /**
   * @param w the weights {@code [O, C, k, k]}
   * @param dx the input gradient {@code [B, C, H, W]}
   * @param host whether the arrays are FLOAT, in host memory and dx contiguous (the Java copy)
   */
  SpaceToDepthBlocks(DataType t, BlockGrid g, INDArray w, INDArray dx, boolean host) {
    this.grid = g;
    this.w = w;
    this.dx = dx;
    this.host = host;
    long kk = (long) g.k2() * g.s();
    INDArray wFull = Nd4j.create(t, g.o(), g.c(), kk, kk);
    wFullK = wFull.get(all(), all(), interval(0, g.k()), interval(0, g.k()));
    wS = Nd4j.create(t, g.o(), g.blockChannels(), g.k2(), g.k2());
    wS6 = wS.reshape('c', g.o(), g.c(), g.s(), g.s(), g.k2(), g.k2());
    wFull6p = wFull.reshape('c', g.o(), g.c(), g.k2(), g.s(), g.k2(), g.s()).permute(0, 1, 3, 5, 2, 4);
    dxS = Nd4j.create(t, g.b(), g.blockChannels(), g.hs(), g.ws());
    dxBorder = g.hIn() < g.h() || g.wIn() < g.wd();
    if (host) {
      dxPad6 = dxS6p = dxPadIn = dxIn = null; // fromBlocks() writes dx's rows straight from dxS
      return;
    }
    INDArray dxPad = Nd4j.create(t, g.b(), g.c(), g.paddedHeight(), g.paddedWidth());
    dxPad6 = dxPad.reshape('c', g.b(), g.c(), g.hs(), g.s(), g.ws(), g.s());
    dxS6p = dxS.reshape('c', g.b(), g.c(), g.s(), g.s(), g.hs(), g.ws()).permute(0, 1, 4, 2, 5, 3);
    dxPadIn = dxPad.get(all(), all(), interval(g.p(), g.p() + g.hIn()), interval(g.p(), g.p() + g.wIn()));
    dxIn = dx.get(all(), all(), interval(0, g.hIn()), interval(0, g.wIn()));
  }

  /**
   * The blocks of a strided layer's input gradient for the ONEDNN path: oneDNN's backward-data writes ∂C/∂X'
   * ({@link #dxS}) from dz and W' ({@link #wS}) between {@link #kernelToBlocks()} and {@link #fromBlocks()}.
   *
   * @throws IllegalStateException for arrays other than FLOAT in host memory with dx in row order from element 0
   *     (their type and memory named)
   */
  static SpaceToDepthBlocks forOneDnn(DataType t, int k, int s, int p, INDArray x, INDArray w, INDArray dz,
      INDArray dx) {
    if (t != DataType.FLOAT || !HostBlas.hostMemory() || !contiguous(dx)) {
      throw new IllegalStateException("A strided layer's input gradient on space-to-depth blocks through oneDNN needs"
          + " FLOAT arrays in host memory, dx in row order from element 0. Got " + t + ", "
          + (HostBlas.hostMemory() ? "host memory" : "no host memory") + ", dx ordering " + dx.ordering() + " offset "
          + dx.offset() + "; use -Dmlmp.nn.convBackward=auto.");
    }
    return new SpaceToDepthBlocks(t, BlockGrid.of(k, s, p, x, dz), w, dx, true);
  }

  /**
   * Whether {@code a}'s buffer holds its values in row order from element 0. Not {@code Matrices.contiguous}: that one
   * also refuses ND4J views, and a layer's input is often a reshape of the plan's input buffer, which ND4J flags as a
   * view although its values are the whole buffer in row order (the first layer of AlexNet, conv1, is one).
   */
  static boolean contiguous(INDArray a) {
    return a.ordering() == 'c' && a.offset() == 0 && a.length() == a.data().length();
  }

  /** W' from w: the kernel zero-padded to k₂·s and cut into s×s blocks. */
  void kernelToBlocks() {
    wFullK.assign(w);
    wS6.assign(wFull6p);
  }

  /**
   * ∂C/∂x from the blocks: dx[b, c, y, x] = dX'[b, c·s² + ((y+p) mod s)·s + (x+p) mod s, ⌊(y+p)/s⌋, ⌊(x+p)/s⌋]; rows
   * and columns of x the convolution never reads get 0.
   */
  void fromBlocks() {
    if (!host) {
      dxPad6.assign(dxS6p);
      if (dxBorder) dx.assign(0);
      dxIn.assign(dxPadIn);
      return;
    }
    BlockGrid g = grid;
    int s = g.s(), p = g.p(), c = g.c(), h = g.h(), wd = g.wd(), hs = g.hs(), ws = g.ws(), wIn = g.wIn();
    FloatBuffer src = HostFloats.buffer(dxS), dst = HostFloats.buffer(dx);
    float[][] rows = new float[s][ws];
    float[] out = new float[wd], zeros = new float[wd]; // out's columns from wIn on are never written: 0
    for (int bi = 0; bi < g.b(); bi++) {
      for (int ci = 0; ci < c; ci++) {
        for (int y = 0; y < h; y++) {
          if (y >= g.hIn()) {
            dst.put(((bi * c + ci) * h + y) * wd, zeros, 0, wd);
            continue;
          }
          int big = y + p, yy = big / s, dy = big % s;
          for (int dx = 0; dx < s; dx++) {
            int plane = ci * s * s + dy * s + dx;
            src.get(((bi * c * s * s + plane) * hs + yy) * ws, rows[dx], 0, ws);
          }
          // x column xc = X·s + dx − p comes from block column X of phase dx; columns from wIn on stay 0
          for (int dx = 0; dx < s; dx++) {
            float[] r = rows[dx];
            int first = dx >= p ? 0 : (p - dx + s - 1) / s;
            for (int xx = first, xc = first * s + dx - p; xc < wIn; xx++, xc += s) out[xc] = r[xx];
          }
          dst.put(((bi * c + ci) * h + y) * wd, out, 0, wd);
        }
      }
    }
  }
}
