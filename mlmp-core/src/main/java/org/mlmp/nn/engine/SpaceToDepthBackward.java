package org.mlmp.nn.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.FloatBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
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
 * (docs/nn-measurements.md, "The input gradient of a strided convolution"). On the ONEDNN path only the input
 * gradient's blocks are kept here ({@link #inputGradient}): oneDNN's backward-data primitive runs between
 * {@link #kernelToBlocks()} and {@link #fromBlocks()}.
 */
final class SpaceToDepthBackward {
  final INDArray xIn, xPadIn, xT6, xPad6p, dz3, dzT3, gwFull6, gwT6p, gw, gwFullK;
  /**
   * dzᵀ as {@code [O, B·H'·W']}, filled by {@link #run()} when there is no input gradient: the caller's bias gradient
   * reads it (null otherwise: {@code conv2d_bp} writes the bias gradient).
   */
  final INDArray dzT2;
  final INDArray wFullK, w, wS6, wFull6p, dxPad6, dxS6p, dx, dxIn, dxPadIn;
  final boolean dxBorder;
  /** The weight gradient's forward convolution (no input gradient), or {@code conv2d_bp} on the blocks. */
  final PreparedOp wconv, bp;
  /** FLOAT arrays in host memory: the two space-to-depth copies run as Java row copies (libnd4j's rank-6 strided
   *  assigns ran at ~1 GB/s: 6 ms each for AlexNet conv1 at batch 8); otherwise as ND4J assigns of permuted views. */
  final boolean host;
  final int s, p, b, c, h, wd, hs, ws, hIn, wIn;
  final INDArray x, xT, dxS;
  /** The kernel in blocks, W' {@code [O, C·s², k₂, k₂]}, written by {@link #kernelToBlocks()}. */
  final INDArray wS;
  /**
   * Only the input gradient's blocks ({@link #inputGradient}): W', ∂C/∂X' and the copies between them and w, dx;
   * {@link #run()} refuses to run.
   */
  final boolean blocksOnly;

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
    this(t, k, s, p, x, w, gw, dz, dx, bias, gb, false);
  }

  /**
   * The blocks of a strided layer's input gradient only, for the ONEDNN path: {@link #kernelToBlocks()} writes W'
   * ({@link #wS}) from w, oneDNN's backward-data writes ∂C/∂X' ({@link #dxS}) from dz, {@link #fromBlocks()} maps it
   * to dx. FLOAT host arrays, dx in row order from element 0.
   *
   * @throws IllegalStateException for other arrays (their type and memory named)
   */
  static SpaceToDepthBackward inputGradient(DataType t, int k, int s, int p, INDArray x, INDArray w, INDArray dz,
      INDArray dx) {
    if (t != DataType.FLOAT || !HostBlas.hostMemory() || !contiguous(dx)) {
      throw new IllegalStateException("A strided layer's input gradient on space-to-depth blocks through oneDNN needs"
          + " FLOAT arrays in host memory, dx in row order from element 0. Got " + t + ", "
          + (HostBlas.hostMemory() ? "host memory" : "no host memory") + ", dx ordering " + dx.ordering() + " offset "
          + dx.offset() + "; use -Dmlmp.nn.convBackward=auto.");
    }
    return new SpaceToDepthBackward(t, k, s, p, x, w, null, dz, dx, null, null, true);
  }

  private SpaceToDepthBackward(DataType t, int k, int s, int p, INDArray x, INDArray w, INDArray gw, INDArray dz,
      INDArray dx, INDArray bias, INDArray gb, boolean blocksOnly) {
    this.blocksOnly = blocksOnly;
    long b = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3), o = dz.size(1), oh = dz.size(2), ow = dz.size(3);
    int k2 = (k + s - 1) / s;
    long hs = oh + k2 - 1, ws = ow + k2 - 1, hp = s * hs, wp = s * ws;
    // The input rows and columns the convolution reads (the last ones can lie beyond its last window).
    long hIn = Math.min(h, hp - p), wIn = Math.min(wd, wp - p);
    this.s = s;
    this.p = p;
    this.b = (int) b;
    this.c = (int) c;
    this.h = (int) h;
    this.wd = (int) wd;
    this.hs = (int) hs;
    this.ws = (int) ws;
    this.hIn = (int) hIn;
    this.wIn = (int) wIn;
    this.x = x;
    host = blocksOnly || t == DataType.FLOAT && HostBlas.hostMemory() && contiguous(x) && (dx == null
        || contiguous(dx));
    xT = blocksOnly ? null : Nd4j.create(t, c * s * s, b, hs, ws);
    if (host) {
      xIn = xPadIn = xT6 = xPad6p = null; // toBlocks() copies rows straight from x into xT
    } else {
      INDArray xPad = Nd4j.create(t, b, c, hp, wp);
      xPadIn = xPad.get(all(), all(), interval(p, p + hIn), interval(p, p + wIn));
      xIn = x.get(all(), all(), interval(0, hIn), interval(0, wIn));
      xT6 = xT.reshape('c', c, s, s, b, hs, ws);
      xPad6p = xPad.reshape('c', b, c, hs, s, ws, s).permute(1, 3, 5, 0, 2, 4);
    }
    INDArray gwFull = blocksOnly ? null : Nd4j.create(t, o, c, (long) k2 * s, (long) k2 * s);
    gwFull6 = blocksOnly ? null : gwFull.reshape('c', o, c, k2, s, k2, s);
    gwFullK = blocksOnly ? null : gwFull.get(all(), all(), interval(0, k), interval(0, k));
    this.gw = gw;
    this.w = w;
    this.dx = dx;
    if (dx == null) {
      INDArray dzT = Nd4j.create(t, o, b, oh, ow);
      this.dz3 = dz.reshape('c', b, o, oh * ow);
      dzT3 = dzT.reshape('c', o, b, oh * ow);
      dzT2 = dzT.reshape('c', o, b * oh * ow);
      INDArray gwT = Nd4j.create(t, c * s * s, o, k2, k2);
      wconv = PreparedOp.of(DynamicCustomOp.builder("conv2d").addInputs(xT, dzT).addOutputs(gwT)
          .addIntegerArguments((int) oh, (int) ow, 1, 1, 0, 0, 1, 1, 0, 0, 1).build());
      gwT6p = gwT.reshape('c', c, s, s, o, k2, k2).permute(3, 0, 4, 1, 5, 2);
      wFullK = wS = wS6 = wFull6p = dxPad6 = dxS6p = dxIn = dxPadIn = dxS = null;
      bp = null;
      dxBorder = false;
      return;
    }
    dz3 = dzT3 = dzT2 = null;
    wconv = null;
    INDArray wFull = Nd4j.create(t, o, c, (long) k2 * s, (long) k2 * s);
    wFullK = wFull.get(all(), all(), interval(0, k), interval(0, k));
    wS = Nd4j.create(t, o, c * s * s, k2, k2);
    wS6 = wS.reshape('c', o, c, s, s, k2, k2);
    wFull6p = wFull.reshape('c', o, c, k2, s, k2, s).permute(0, 1, 3, 5, 2, 4);
    dxS = Nd4j.create(t, b, c * s * s, hs, ws);
    INDArray gwS = blocksOnly ? null : Nd4j.create(t, o, c * s * s, k2, k2);
    gwT6p = blocksOnly ? null : gwS.reshape('c', o, c, s, s, k2, k2).permute(0, 1, 4, 2, 5, 3);
    bp = blocksOnly ? null : PreparedOp.of(DynamicCustomOp.builder("conv2d_bp")
        .addInputs(xT.permute(1, 0, 2, 3), wS, bias, dz).addOutputs(dxS, gwS, gb)
        .addIntegerArguments(k2, k2, 1, 1, 0, 0, 1, 1, 0, 0, 1).build());
    dxBorder = hIn < h || wIn < wd;
    if (host) {
      dxPad6 = dxS6p = dxPadIn = dxIn = null; // fromBlocks() writes dx's rows straight from dxS
      return;
    }
    INDArray dxPad = Nd4j.create(t, b, c, hp, wp);
    dxPad6 = dxPad.reshape('c', b, c, hs, s, ws, s);
    dxS6p = dxS.reshape('c', b, c, s, s, hs, ws).permute(0, 1, 4, 2, 5, 3);
    dxPadIn = dxPad.get(all(), all(), interval(p, p + hIn), interval(p, p + wIn));
    dxIn = dx.get(all(), all(), interval(0, hIn), interval(0, wIn));
  }

  /**
   * Whether {@code a}'s buffer holds its values in row order from element 0. Not {@code Matrices.contiguous}: that one
   * also refuses ND4J views, and a layer's input is often a reshape of the plan's input buffer, which ND4J flags as a
   * view although its values are the whole buffer in row order (the first layer of AlexNet, conv1, is one).
   */
  private static boolean contiguous(INDArray a) {
    return a.ordering() == 'c' && a.offset() == 0 && a.length() == a.data().length();
  }

  /**
   * Writes ∂C/∂W from the layer's input and the current dz, and when ∂C/∂x is wanted ∂C/∂x and ∂C/∂b too (without it
   * the bias gradient is the caller's, from {@link #dzT2}).
   */
  void run() {
    if (blocksOnly) {
      throw new IllegalStateException("SpaceToDepthBackward.run(): built for the input gradient's blocks only"
          + " (inputGradient); use kernelToBlocks() and fromBlocks() around oneDNN's backward-data.");
    }
    if (host) {
      toBlocks();
    } else {
      xPadIn.assign(xIn);
      xT6.assign(xPad6p);
    }
    if (dx == null) {
      dzT3.assign(dz3.permute(1, 0, 2));
      wconv.run();
    } else {
      kernelToBlocks();
      bp.run();
    }
    gwFull6.assign(gwT6p);
    gw.assign(gwFullK);
    if (dx == null) return;
    if (host) {
      fromBlocks();
      return;
    }
    dxPad6.assign(dxS6p);
    if (dxBorder) dx.assign(0);
    dxIn.assign(dxPadIn);
  }

  /** W' from w: the kernel zero-padded to k₂·s and cut into s×s blocks (see the class comment). */
  void kernelToBlocks() {
    wFullK.assign(w);
    wS6.assign(wFull6p);
  }

  /**
   * xᵀ in blocks, X'ᵀ[c·s² + dy·s + dx, b, Y, X] = x[b, c, sY + dy − p, sX + dx − p] (0 outside x's read rows and
   * columns): each input row is read once and scattered into the s block rows it feeds. Rows of X'ᵀ that only hold
   * padding are never written (zero since allocation).
   */
  private void toBlocks() {
    FloatBuffer src = HostFloats.buffer(x), dst = HostFloats.buffer(xT);
    // A padded row: the read columns of x at p .. p + wIn − 1, zeros around them (never written)
    float[] row = new float[s * ws], out = new float[ws];
    for (int bi = 0; bi < b; bi++) {
      for (int ci = 0; ci < c; ci++) {
        for (int y = 0; y < hIn; y++) {
          src.get(((bi * c + ci) * h + y) * wd, row, p, wIn);
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

  /** ∂C/∂x from the blocks: dx[b, c, y, x] = dX'[b, c·s² + ((y+p) mod s)·s + (x+p) mod s, ⌊(y+p)/s⌋, ⌊(x+p)/s⌋]. */
  void fromBlocks() {
    FloatBuffer src = HostFloats.buffer(dxS), dst = HostFloats.buffer(dx);
    float[][] rows = new float[s][ws];
    float[] out = new float[wd], zeros = new float[wd]; // out's columns from wIn on are never written: 0
    for (int bi = 0; bi < b; bi++) {
      for (int ci = 0; ci < c; ci++) {
        for (int y = 0; y < h; y++) {
          if (y < hIn) {
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
          } else {
            dst.put(((bi * c + ci) * h + y) * wd, zeros, 0, wd);
          }
        }
      }
    }
  }
}
