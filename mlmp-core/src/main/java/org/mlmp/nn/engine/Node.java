package org.mlmp.nn.engine;

import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostBlocked;
import org.mlmp.backend.HostConvolution;
import org.mlmp.backend.HostPooling;
import org.mlmp.backend.Threads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One layer bound to its buffers in a {@link Plan}: input x, output a, gradient of the cost with
 * respect to the output (da, filled by the layer above or the loss) and to the input (dx, null for the
 * first layer, whose input gradient nobody needs).
 */
abstract class Node {
  final INDArray x, a, da, dx;

  Node(INDArray x, INDArray a, INDArray da, INDArray dx) {
    this.x = x;
    this.a = a;
    this.da = da;
    this.dx = dx;
  }

  abstract void forward(boolean train, long seed);

  abstract void backward();

  /** The pre-activation gradient buffer, for the fused output (cross-entropy) path; null if none. */
  INDArray dz() {
    return null;
  }

  /**
   * With a fused cross-entropy output, writes dz = (a − y)/B (and whatever else of the backward pass it can do in
   * the same pass) itself; false when it does not, and the plan writes dz with ND4J ops.
   */
  boolean outputGradient(INDArray target) {
    return false;
  }

  /** Runs the backward pass from a dz the loss wrote directly (skipping the activation's derivative). */
  void backwardFromDz() {
    throw new IllegalStateException(getClass().getSimpleName() + " has no fused output path.");
  }

  /** The pre-activation z (same array as the output for IDENTITY). */
  INDArray z() {
    return a;
  }

  /** a = f(x·W + b); W [in, units] and b [1, units] are views of the flat parameters. */
  static final class DenseNode extends Node {
    final INDArray w, b, gw, gb, z, dzBuf, ones;
    final Activations act;
    /**
     * z = x·W; z = 1·b then z += x·W (the generic path); ∂C/∂W = xᵀ·dz; ∂C/∂b = dzᵀ·1; ∂C/∂x = dz·Wᵀ, or for a wide
     * layer on the float host path (∂C/∂x)ᵀ = W·dzᵀ into {@link #transposeDx}'s source, then transposed; null without
     * ∂C/∂x.
     */
    private final PreparedOp xw, bias, xwAdd, gradW, gradB, gradX;
    /**
     * The float host path's copy of (∂C/∂x)ᵀ {@code [in, B]} transposed into ∂C/∂x, or null: taken when the layer has
     * at least {@value #TRANSPOSED_DX_MIN} units per batch row. libnd4j's matmul ran dz·Wᵀ slower than W·dzᵀ when W is
     * the large operand (AlexNet's 9 216 × 4 096 layer at batch 8 8.2–8.5 ms against 6.1–6.2, 4 096 × 4 096 at batch
     * 32 17.8 against 4.6 with the copy), but faster at the small nets' shapes, where the copy is not repaid
     * (512 → 256 at batch 128 115 against 163 µs, 256 → 10 17 against 56 µs; docs/nn-measurements.md).
     */
    private final HostTranspose transposeDx;
    /** The fewest units per batch row for which ∂C/∂x is computed as (W·dzᵀ)ᵀ ({@link #transposeDx}). */
    static final int TRANSPOSED_DX_MIN = 8;
    /** The bias, activation and output-gradient passes in Java (float on host memory), or null: ND4J ops. */
    final HostDense host;
    /** Whether the last {@link #outputGradient} wrote ∂C/∂b (the bias GEMM is then skipped once). */
    private boolean biasGradientWritten;

    DenseNode(Program p, int layer, Op.Affine d, INDArray x, INDArray a, INDArray da, INDArray dx, int batch) {
      super(x, a, da, dx);
      long in = x.size(1);
      DataType t = p.dtype;
      w = p.view(p.params, layer, 0, in, d.units());
      b = p.view(p.params, layer, (int) (in * d.units()), 1, d.units());
      gw = p.view(p.grads, layer, 0, in, d.units());
      gb = p.view(p.grads, layer, (int) (in * d.units()), 1, d.units());
      boolean own = Activations.needsOwnBuffers(d.f());
      z = own ? Nd4j.create(t, batch, d.units()) : a;
      dzBuf = own ? Nd4j.create(t, batch, d.units()) : da;
      ones = Nd4j.ones(t, batch, 1);
      act = new Activations(d.f(), z, a, da, dzBuf);
      host = HostDense.of(d.f(), z, a, da, dzBuf, b, gb);
      xw = host != null ? PreparedOp.gemm(x, w, z, false, false, 1.0, 0.0) : null;
      bias = host != null ? null : PreparedOp.gemm(ones, b, z, false, false, 1.0, 0.0);
      xwAdd = host != null ? null : PreparedOp.gemm(x, w, z, false, false, 1.0, 1.0);
      gradW = PreparedOp.gemm(x, dzBuf, gw, true, false, 1.0, 0.0);
      gradB = PreparedOp.gemm(ones, dzBuf, gb, true, false, 1.0, 0.0);
      transposeDx = dx != null && dx.rank() == 2 && d.units() >= (long) TRANSPOSED_DX_MIN * batch
          ? HostTranspose.into(dx) : null;
      gradX = dx == null ? null : transposeDx != null
          ? PreparedOp.gemm(w, dzBuf, transposeDx.source(), false, true, 1.0, 0.0)
          : PreparedOp.gemm(dzBuf, w, dx, false, true, 1.0, 0.0);
    }

    @Override
    void forward(boolean train, long seed) {
      if (host != null) {
        // z = x·W (one GEMM), then z += b and a = f(z) in one Java pass.
        xw.run();
        host.forward();
        return;
      }
      // z = 1·b (outer product, overwrites z) then z += x·W: two GEMMs, no allocation, no broadcast op.
      bias.run();
      xwAdd.run();
      act.forward();
    }

    @Override
    void backward() {
      // A hidden RELU layer on the Java path writes dz and ∂C/∂b in one pass; else the activation op, and the
      // bias GEMV in backwardFromDz.
      if (host != null && host.reluGradient()) biasGradientWritten = true;
      else act.backward();
      backwardFromDz();
    }

    /** Whether ∂C/∂x is computed as (W·dzᵀ)ᵀ, a GEMM into [in, B] and a transposed copy. */
    boolean transposesDx() {
      return transposeDx != null;
    }

    @Override
    INDArray dz() {
      return dzBuf;
    }

    @Override
    INDArray z() {
      return z;
    }

    @Override
    boolean outputGradient(INDArray target) {
      biasGradientWritten = host != null && host.outputGradient(target);
      return biasGradientWritten;
    }

    @Override
    void backwardFromDz() {
      gradW.run();
      if (!biasGradientWritten) gradB.run();
      biasGradientWritten = false;
      if (gradX != null) gradX.run();
      if (transposeDx != null) transposeDx.run();
    }
  }

  /**
   * A convolution: oneDNN's own forward primitive (ONEDNN) or libnd4j {@code conv2d} forward, NCHW input
   * (channels-last, NHWC, inside a plan's channels-last run: {@link Plan#channelsLastRun}), OIYX weights.
   * Backward per {@link Program.ConvBackward}, resolved per layer by
   * {@link Program#convBackward(Op.Convolution, long, boolean)}:
   * <ul>
   * <li>ONEDNN: forward and both gradients through oneDNN's own primitives ({@link HostConvolution}) on the plan's
   * arrays (channels-last in place; channels-first reordered into oneDNN's blocked layouts); a strided layer's input
   * gradient as oneDNN's backward-data on space-to-depth blocks ({@link SpaceToDepthBlocks#forOneDnn}); on oneDNN's
   * Winograd kernels where {@link #winograd} asks for them;</li>
   * <li>LIBND4J: libnd4j's {@code conv2d_bp} (which always computes the input gradient too);</li>
   * <li>GEMM: im2col + GEMMs: with P = H'·W' output pixels, cols = im2col(x) {@code [B, C·k², P]} and dz
   * {@code [B, O, P]} are copied to {@code [C·k², B·P]} and {@code [O, B·P]}, then ∂C/∂W = dz′·cols′ᵀ and
   * ∂C/∂b = dz′·1 are single GEMMs, and ∂C/∂x = col2im(Wᵀ·dz) where needed (one GEMM per sample up to a batch of 16, else one GEMM and a
   * transposed copy);</li>
   * <li>CONV: both gradients as oneDNN forward-type primitives (a strided layer as the equivalent stride-1
   * convolution on space-to-depth blocks, {@link SpaceToDepthBackward}, where an input gradient makes it one
   * {@code conv2d_bp} on the blocks instead). ∂C/∂x is libnd4j
   * {@code deconv2d}(dz, W) (the transposed convolution, oneDNN's backward-data; bitwise what
   * {@code conv2d_bp} returns for it) — on the float host path instead a forward {@code conv2d} of dz with the
   * flipped kernel, padding k − 1 − p ({@link HostFlippedKernel}; needs p ≤ k − 1);
   * ∂C/∂W[o,c,i,j] = Σ_{b,y,x} dz[b,o,y,x]·x[b,c,y+i−p,x+j−p] is a forward {@code conv2d} of xᵀ
   * {@code [C, B, H, W]} (batch and channels swapped) with dzᵀ
   * {@code [O, B, H', W']} as an H'×W' kernel, padding p, giving {@code [C, O, k, k]}, transposed back (with one
   * input channel xᵀ and the result are x and ∂C/∂W themselves, no copies); ∂C/∂b = dzᵀ·1 (one GEMM). On the float
   * host path the transposed copies, and dzᵀ with ∂C/∂b, are Java passes ({@link HostChannelSwap}). Channels-last
   * (stride 1 only): xᵀ, dzᵀ and the result are permuted views of x, dz and ∂C/∂W, ∂C/∂b = dzᵀ·1 with dz read as
   * its rows {@code [B·P, O]} (one GEMV, no copy), the flipped-kernel convolution channels-last.</li>
   * </ul>
   */
  static final class ConvNode extends Node {
    final INDArray z, dzBuf;
    final Activations act;
    final Program.ConvBackward kind;
    final PreparedOp fwd, bwd, im2col, col2im, deconv, wconv;
    /** The ONEDNN path's layer (null elsewhere). */
    final HostConvolution onednn;
    /**
     * The ONEDNN path's input gradient of a strided layer: oneDNN's backward-data on the space-to-depth blocks of
     * {@link #stridedData} (null elsewhere): its own kernel for few input channels took 26–32 ms for AlexNet's conv1
     * at batch 8, against about 5 ms on the blocks (docs/nn-measurements.md, "oneDNN's primitives on AlexNet's
     * layers").
     */
    final HostConvolution onednnData;
    final SpaceToDepthBlocks stridedData;
    /** ∂C/∂b as one GEMV on the CONV path: dzᵀ·1 from [O, B·P] or, channels-last, from dz's rows (null elsewhere). */
    final PreparedOp gradB;
    /** Up to this batch size the GEMM path's input gradient is one GEMM per sample (no transposed copy). */
    static final int PER_SAMPLE_MAX = 16;
    final INDArray cols3, colsP, dz3, dzP, onesBP, w2, gw2, gb2, gcols3, gcolsP;
    final INDArray[] dzB, gcolsB;
    final INDArray x3, xT3, dzT3, dzT2, gwT3, gw3;
    /** The CONV path of a strided layer (null otherwise). */
    final SpaceToDepthBackward strided;
    /**
     * The CONV path's copies in Java on the float host path (null elsewhere, or where there is nothing to copy):
     * xᵀ, dzᵀ with the bias gradient, ∂C/∂W from its transpose, the flipped kernel of the input gradient.
     */
    final HostChannelSwap swapX, swapDz, swapGw;
    /** Channels-last: dz seen as its rows {@code [B·P, O]}, ∂C/∂b their column sums (one GEMV); null elsewhere. */
    final INDArray dzRows;
    final HostFlippedKernel flip;

    /** Whether x, a and their gradients are channels-last, {@code [B, H, W, C]} (else {@code [B, C, H, W]}). */
    final boolean nhwc;

    /**
     * The algorithm the ONEDNN path asks oneDNN for in a layer of geometry {@code g}: {@code -Dmlmp.nn.winograd=auto}
     * (the default) Winograd where {@link HostConvolution.Geometry#winogradPays} says it pays on {@link Threads#cap()}
     * threads, {@code true} wherever oneDNN has a Winograd kernel, {@code false} never; direct otherwise.
     */
    static HostConvolution.Algorithm winograd(HostConvolution.Geometry g) {
      return Plan.switchedOn("mlmp.nn.winograd", () -> g.winogradPays(Threads.cap()))
          ? HostConvolution.Algorithm.WINOGRAD : HostConvolution.Algorithm.DIRECT;
    }

    /**
     * {@code blocked}: which of x and dx, a and da (and z, dz) hold oneDNN's blocked layout ({@link Plan#blocked});
     * the ONEDNN path only, and not the input side of a strided layer with an input gradient (its blocks are NCHW).
     */
    ConvNode(Program p, int layer, Op.Convolution c, INDArray x, INDArray a, INDArray da, INDArray dx, int batch,
        boolean nhwc, HostBlocked.Sides blocked) {
      super(x, a, da, dx);
      this.nhwc = nhwc;
      int ci = nhwc ? 3 : 1, hi = nhwc ? 1 : 2, layout = nhwc ? 1 : 0;
      long cin = x.size(ci);
      int k = c.kernel();
      DataType t = p.dtype;
      INDArray w = p.view(p.params, layer, 0, c.channels(), cin, k, k);
      INDArray b = p.view(p.params, layer, (int) (c.channels() * cin * k * k), c.channels());
      INDArray gw = p.view(p.grads, layer, 0, c.channels(), cin, k, k);
      INDArray gb = p.view(p.grads, layer, (int) (c.channels() * cin * k * k), c.channels());
      boolean own = Activations.needsOwnBuffers(c.f());
      z = own ? Nd4j.create(t, a.shape()) : a;
      dzBuf = own ? Nd4j.create(t, a.shape()) : da;
      act = new Activations(c.f(), z, a, da, dzBuf);
      // kH kW sH sW pH pW dH dW sameMode dataFormat (0 NCHW, 1 NHWC) weightsFormat (1 OIYX)
      int[] args = {k, k, c.stride(), c.stride(), c.padding(), c.padding(), 1, 1, 0, layout, 1};
      long o = c.channels(), ckk = cin * k * k, oh = a.size(hi), ow = a.size(hi + 1), pix = oh * ow;
      long h = x.size(hi), wd = x.size(hi + 1);
      kind = p.convBackward(c, cin, dx != null);
      boolean blocks = kind == Program.ConvBackward.ONEDNN && c.stride() > 1 && dx != null;
      if ((blocked.input() || blocked.output()) && (kind != Program.ConvBackward.ONEDNN
          || blocks && blocked.input())) {
        throw new IllegalStateException("Layer " + layer + " on the " + kind + " backward path with stride "
            + c.stride() + " cannot hold oneDNN's blocked layout " + blocked + ": only ONEDNN layers do, and not on"
            + " the input side of a strided layer with an input gradient (Plan.blocked).");
      }
      var geometry = HostConvolution.Geometry.of(batch, cin, h, wd, o, k, c.stride(), c.padding(), nhwc);
      onednn = kind != Program.ConvBackward.ONEDNN ? null : HostConvolution.of(geometry, blocked, winograd(geometry), x,
          w, b, z, dzBuf, blocks ? null : dx, gw, gb);
      stridedData = blocks ? SpaceToDepthBlocks.forOneDnn(t, k, c.stride(), c.padding(), x, w, dzBuf, dx) : null;
      var blockGeometry = !blocks ? null : HostConvolution.Geometry.of(batch, stridedData.grid.blockChannels(),
          stridedData.grid.hs(), stridedData.grid.ws(), o, stridedData.grid.k2(), 1, 0, false);
      onednnData = blocks ? HostConvolution.inputGradient(blockGeometry, winograd(blockGeometry), stridedData.wS,
          dzBuf, stridedData.dxS) : null;
      fwd = onednn != null ? null : PreparedOp.of(DynamicCustomOp.builder("conv2d").addInputs(x, w, b).addOutputs(z)
          .addIntegerArguments(args).build());
      if (nhwc && (kind == Program.ConvBackward.GEMM || c.stride() > 1)) {
        throw new IllegalStateException("Channels-last layer " + layer + " on the " + kind + " backward path with stride "
            + c.stride() + ": only stride-1 CONV, LIBND4J and ONEDNN layers run channels-last (Plan.channelsLastRun).");
      }
      onesBP = kind == Program.ConvBackward.LIBND4J || onednn != null ? null : Nd4j.ones(t, batch * pix, 1);
      gb2 = gb.reshape('c', o, 1);
      dz3 = nhwc ? null : dzBuf.reshape('c', batch, o, pix); // [B, O, P]: the channels-first paths only
      if (kind == Program.ConvBackward.LIBND4J) {
        INDArray gx = dx != null ? dx : Nd4j.create(t, x.shape());
        bwd = PreparedOp.of(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, dzBuf).addOutputs(gx, gw, gb)
            .addIntegerArguments(args).build());
      } else {
        bwd = null;
      }
      if (kind == Program.ConvBackward.CONV && c.stride() > 1) {
        strided = new SpaceToDepthBackward(t, k, c.stride(), c.padding(), x, w, gw, dzBuf, dx, b, gb);
        x3 = xT3 = dzT3 = gwT3 = gw3 = null;
        dzT2 = strided.dzT2;
        wconv = deconv = null;
        swapX = swapDz = swapGw = null;
        dzRows = null;
        flip = null;
      } else if (kind == Program.ConvBackward.CONV) {
        strided = null;
        // One input channel: xᵀ [1, B, H, W] and ∂C/∂Wᵀ [1, O, k, k] are x and ∂C/∂W themselves (the same memory,
        // no copies); else transposed copies. Channels-last: xᵀ, dzᵀ and ∂C/∂Wᵀ are permuted views of x, dz and ∂C/∂W
        // (oneDNN reorders them itself, faster than copies: docs/nn-measurements.md, "Channels-last activations"),
        // and the bias gradient one GEMV over dz's rows.
        boolean one = cin == 1, copies = !one && !nhwc;
        INDArray xT = nhwc ? x.permute(3, 0, 1, 2) : one ? x.reshape('c', 1, batch, h, wd)
            : Nd4j.create(t, cin, batch, h, wd);
        INDArray gwT = nhwc ? gw.permute(1, 0, 2, 3) : one ? gw.reshape('c', 1, o, k, k) : Nd4j.create(t, cin, o, k, k);
        INDArray dzT = nhwc ? dzBuf.permute(3, 0, 1, 2) : Nd4j.create(t, o, batch, oh, ow);
        x3 = copies ? x.reshape('c', batch, cin, h * wd) : null;
        xT3 = copies ? xT.reshape('c', cin, batch, h * wd) : null;
        dzT3 = nhwc ? null : dzT.reshape('c', o, batch, pix);
        dzT2 = nhwc ? null : dzT.reshape('c', o, batch * pix);
        gwT3 = copies ? gwT.reshape('c', cin, o, (long) k * k) : null;
        gw3 = copies ? gw.reshape('c', o, cin, (long) k * k) : null;
        swapDz = nhwc ? null : HostChannelSwap.of(dzBuf, dzT, gb);
        swapX = !copies || swapDz == null ? null : HostChannelSwap.of(x, xT, null);
        swapGw = !copies || swapDz == null ? null : HostChannelSwap.of(gwT, gw, null);
        dzRows = nhwc ? dzBuf.reshape('c', batch * pix, o) : null;
        wconv = PreparedOp.of(DynamicCustomOp.builder("conv2d").addInputs(xT, dzT).addOutputs(gwT)
            .addIntegerArguments((int) oh, (int) ow, 1, 1, c.padding(), c.padding(), 1, 1, 0, 0, 1).build());
        // ∂C/∂x: on the float host path a forward convolution of dz with the flipped kernel, padding k − 1 − p
        // (oneDNN reorders deconv2d's kernel with a slow generic reorder: 1.4 ms of LeNet conv2's 3.2;
        // docs/nn-measurements.md), elsewhere deconv2d.
        INDArray wf = dx == null || (swapDz == null && !nhwc) || c.padding() > k - 1 ? null
            : Nd4j.create(t, cin, o, k, k);
        flip = wf == null ? null : HostFlippedKernel.of(w, wf);
        if (nhwc && (!HostBlas.rowMajorRun(dzBuf) || (dx != null && flip == null))) {
          throw new IllegalStateException("Channels-last layer " + layer + " needs dz as one row-major run (its rows"
              + " are the bias gradient's GEMV) and, with an input gradient, the float host path's flipped kernel and"
              + " padding <= k - 1 (got " + c.padding() + " for k = " + k + ").");
        }
        int q = k - 1 - c.padding();
        deconv = dx == null ? null : PreparedOp.of(flip != null
            ? DynamicCustomOp.builder("conv2d").addInputs(dzBuf, wf).addOutputs(dx)
                .addIntegerArguments(k, k, 1, 1, q, q, 1, 1, 0, layout, 1).build()
            : DynamicCustomOp.builder("deconv2d").addInputs(dzBuf, w).addOutputs(dx).addIntegerArguments(args).build());
      } else {
        strided = null;
        x3 = xT3 = dzT3 = dzT2 = gwT3 = gw3 = null;
        wconv = deconv = null;
        swapX = swapDz = swapGw = null;
        dzRows = null;
        flip = null;
      }
      // The CONV path's bias gradient, unless HostChannelSwap writes it with dzᵀ: dzᵀ·1 from [O, B·P] (strided layers,
      // channels-first) or from dz's rows (channels-last).
      gradB = kind != Program.ConvBackward.CONV || swapDz != null || (strided != null && strided.dzT2 == null) ? null
          : dzRows != null ? PreparedOp.gemm(dzRows, onesBP, gb2, true, false, 1.0, 0.0)
          : PreparedOp.gemm(dzT2, onesBP, gb2, false, false, 1.0, 0.0);
      if (kind != Program.ConvBackward.GEMM) {
        im2col = col2im = null;
        cols3 = colsP = dzP = w2 = gw2 = gcols3 = gcolsP = null;
        dzB = gcolsB = null;
        return;
      }
      INDArray cols = Nd4j.create(t, batch, cin, k, k, oh, ow);
      im2col = PreparedOp.of(DynamicCustomOp.builder("im2col").addInputs(x).addOutputs(cols)
          .addIntegerArguments(k, k, c.stride(), c.stride(), c.padding(), c.padding(), 1, 1, 0)
          .addFloatingPointArguments(0.0).build());
      cols3 = cols.reshape('c', batch, ckk, pix);
      colsP = Nd4j.create(t, ckk, batch, pix);
      dzP = Nd4j.create(t, o, batch, pix);
      w2 = w.reshape('c', o, ckk);
      gw2 = gw.reshape('c', o, ckk);
      if (dx != null) {
        INDArray gcols = Nd4j.create(t, batch, cin, k, k, oh, ow);
        gcols3 = gcols.reshape('c', batch, ckk, pix);
        if (batch <= PER_SAMPLE_MAX) {
          dzB = new INDArray[batch];
          gcolsB = new INDArray[batch];
          for (int i = 0; i < batch; i++) {
            dzB[i] = dz3.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all());
            gcolsB[i] = gcols3.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all());
          }
          gcolsP = null;
        } else {
          dzB = gcolsB = null;
          gcolsP = Nd4j.create(t, ckk, batch, pix);
        }
        col2im = PreparedOp.of(DynamicCustomOp.builder("col2im").addInputs(gcols).addOutputs(dx)
            .addIntegerArguments(c.stride(), c.stride(), c.padding(), c.padding(), (int) h, (int) wd, 1, 1, 0)
            .build());
      } else {
        dzB = gcolsB = null;
        gcols3 = gcolsP = null;
        col2im = null;
      }
    }

    @Override
    void forward(boolean train, long seed) {
      if (onednn != null) onednn.forward();
      else fwd.run();
      act.forward();
    }

    @Override
    void backward() {
      act.backward();
      switch (kind) {
        case ONEDNN -> {
          onednn.backward();
          if (onednnData != null) {
            stridedData.kernelToBlocks();
            onednnData.backward();
            stridedData.fromBlocks();
          }
        }
        case LIBND4J -> bwd.run();
        case CONV -> {
          if (strided != null) {
            strided.run();
            if (gradB != null) gradB.run();
            return;
          }
          if (swapX != null) swapX.run();
          else if (xT3 != null) xT3.assign(x3.permute(1, 0, 2));
          if (swapDz != null) {
            swapDz.run();
          } else {
            if (dzRows == null) dzT3.assign(dz3.permute(1, 0, 2));
            gradB.run();
          }
          wconv.run();
          if (swapGw != null) swapGw.run();
          else if (gw3 != null) gw3.assign(gwT3.permute(1, 0, 2));
          if (flip != null) flip.run();
          if (deconv != null) deconv.run();
        }
        default -> {
          long b = dz3.size(0), o = dz3.size(1), pix = dz3.size(2), ckk = cols3.size(1);
          im2col.run();
          colsP.assign(cols3.permute(1, 0, 2));
          dzP.assign(dz3.permute(1, 0, 2));
          INDArray dz2 = dzP.reshape('c', o, b * pix);
          Nd4j.gemm(dz2, colsP.reshape('c', ckk, b * pix), gw2, false, true, 1.0, 0.0);
          Nd4j.gemm(dz2, onesBP, gb2, false, false, 1.0, 0.0);
          if (col2im != null) {
            if (dzB != null) {
              // Per sample, straight into the [B, C·k², P] layout col2im reads: no transposed copy.
              for (int i = 0; i < dzB.length; i++) Nd4j.gemm(w2, dzB[i], gcolsB[i], true, false, 1.0, 0.0);
            } else {
              Nd4j.gemm(w2, dz2, gcolsP.reshape('c', ckk, b * pix), true, false, 1.0, 0.0);
              gcols3.assign(gcolsP.permute(1, 0, 2));
            }
            col2im.run();
          }
        }
      }
    }

    @Override
    INDArray z() {
      return z;
    }
  }

  /**
   * libnd4j maxpool2d / avgpool2d and their _bp ops, NCHW or channels-last (NHWC), no padding; or, where
   * {@link Program#oneDnnPooling} says so, a max pool in Java ({@link HostMaxPool}) where that applies and is chosen
   * ({@link HostMaxPool#chosen}), else oneDNN's pooling primitives ({@link HostPooling}).
   */
  static final class PoolNode extends Node {
    final PreparedOp fwd, bwd;
    /** oneDNN's pool (null on libnd4j's ops and the Java pool). */
    final HostPooling onednn;
    /** The Java max pool (null on oneDNN's and libnd4j's). */
    final HostMaxPool java;

    /** {@code blocked}: which of x and dx, a and da hold oneDNN's blocked layout (oneDNN's NCHW pool only). */
    PoolNode(Op.Pooling pool, INDArray x, INDArray a, INDArray da, INDArray dx, boolean nhwc, boolean oneDnn,
        HostBlocked.Sides blocked) {
      super(x, a, da, dx);
      if ((blocked.input() || blocked.output()) && (!oneDnn || nhwc)) {
        throw new IllegalStateException("A pool holds oneDNN's blocked layout " + blocked + " only on oneDNN's NCHW"
            + " path (Plan.blocked).");
      }
      int size = pool.size(), stride = pool.stride();
      java = oneDnn && nhwc && HostMaxPool.chosen() ? HostMaxPool.of(pool, x, a, dx == null ? null : da, dx) : null;
      if (java != null) {
        onednn = null;
        fwd = bwd = null;
        return;
      }
      if (oneDnn) {
        int ci = nhwc ? 3 : 1, hi = nhwc ? 1 : 2;
        var g = HostPooling.PoolGeometry.of(x.size(0), x.size(ci), x.size(hi), x.size(hi + 1), size, stride,
            pool.max(), nhwc);
        onednn = HostPooling.of(g, blocked, x, a, dx == null ? null : da, dx);
        fwd = bwd = null;
        return;
      }
      onednn = null;
      String name = pool.max() ? "maxpool2d" : "avgpool2d";
      // kH kW sH sW pH pW dH dW sameMode extraParam0 (avg: 0 = divide by the cells inside the image) isNHWC
      int[] args = {size, size, stride, stride, 0, 0, 1, 1, 0, 0, nhwc ? 1 : 0};
      fwd = PreparedOp.of(DynamicCustomOp.builder(name).addInputs(x).addOutputs(a).addIntegerArguments(args).build());
      bwd = dx == null ? null : PreparedOp.of(
          DynamicCustomOp.builder(name + "_bp").addInputs(x, da).addOutputs(dx).addIntegerArguments(args).build());
    }

    @Override
    void forward(boolean train, long seed) {
      if (java != null) java.forward();
      else if (onednn != null) onednn.forward();
      else fwd.run();
    }

    @Override
    void backward() {
      if (java != null) {
        if (dx != null) java.backward();
      } else if (onednn != null) {
        if (dx != null) onednn.backward();
      } else if (bwd != null) {
        bwd.run();
      }
    }
  }

  /**
   * Channels-first input: output and gradient are views of the input's buffers, nothing to run. Channels-last input
   * {@code [B, H, W, C]} (the end of a channels-last run): the output {@code [B, C·H·W]} in NCHW order and the input
   * gradient back are per-sample transposes ({@link HostChannelsLast}).
   */
  static final class FlattenNode extends Node {
    final HostChannelsLast toVector, toImage;

    FlattenNode(INDArray x, INDArray a, INDArray da, INDArray dx, boolean nhwc) {
      super(x, a, da, dx);
      if (!nhwc) {
        toVector = toImage = null;
        return;
      }
      int b = (int) x.size(0), c = (int) x.size(3);
      toVector = HostChannelsLast.of(HostChannelsLast.Pass.TO_CHANNELS_FIRST, x, a, b, c);
      toImage = dx == null ? null : HostChannelsLast.of(HostChannelsLast.Pass.FROM_CHANNELS_FIRST, da, dx, b, c);
      if (toVector == null || (dx != null && toImage == null)) {
        throw new IllegalStateException("A channels-last Flatten needs float arrays on host memory (Plan.channelsLastRun).");
      }
    }

    @Override
    void forward(boolean train, long seed) {
      if (toVector != null) toVector.run();
    }

    @Override
    void backward() {
      if (toImage != null) toImage.run();
    }
  }

  /**
   * Inverted dropout. The mask of batch row r is a function of (the layer's step seed, the row's example index
   * {@code examples[r]}) alone, so an example gets the same mask whichever batch position, batch composition or data
   * partition it is in: the row's SplitMix64 stream is seeded with mix(mix(layerSeed) + example·φ), and units 2k and
   * 2k + 1 are kept iff the high and the low 32 bits of the stream's k-th output fall below keep·2^32. Kept units are
   * scaled by 1/keep. The mask is filled in Java (branch-free, two units per 64-bit hash) and copied into the engine's
   * buffer in one bulk put. A rate-0 layer is a view ({@link Plan#identity}): nothing to run, no mask.
   */
  static final class DropoutNode extends Node {
    /** φ·2^64, SplitMix64's increment. */
    private static final long PHI = org.mlmp.api.Seeds.GAMMA;
    final double keep;
    final INDArray mask;
    final int[] examples;
    /** The mask staged in Java (in FLOAT the mask itself, in DOUBLE its 0/1 flags), bulk-copied into {@link #mask}. */
    final float[] maskF;
    /** The DOUBLE mask staged in Java (null in FLOAT). */
    final double[] maskD;
    final int units;
    final long keepBits;
    /** Rate 0: the output and the input gradient are the input and the output gradient (the plan's views). */
    final boolean view;
    /** a = x ⊙ mask and dx = da ⊙ mask, each one op built once (null for a view). */
    final PreparedOp maskX, maskDa;
    boolean masked;

    DropoutNode(Program p, Op.Dropping d, INDArray x, INDArray a, INDArray da, INDArray dx, int[] examples) {
      super(x, a, da, dx);
      keep = 1 - d.rate();
      view = Plan.identity(d);
      if (view && (a != x || (dx != null && dx != da))) {
        throw new IllegalStateException("A rate-0 dropout layer needs the plan's views of its input and output"
            + " gradient as its output and input gradient (Plan.identity).");
      }
      mask = view ? null : Nd4j.create(p.dtype, x.shape());
      this.examples = examples;
      units = (int) (x.length() / x.size(0));
      boolean f = p.dtype == DataType.FLOAT;
      maskF = view ? null : new float[(int) x.length()];
      maskD = f || view ? null : new double[(int) x.length()];
      keepBits = keepBits(keep);
      maskX = view ? null : multiply(x, mask, a);
      maskDa = view || dx == null ? null : multiply(da, mask, dx);
    }

    private static PreparedOp multiply(INDArray p, INDArray q, INDArray out) {
      return PreparedOp.of(DynamicCustomOp.builder("multiply").addInputs(p, q).addOutputs(out).build());
    }

    /** The threshold on a 32-bit draw: a unit is kept with probability keepBits / 2^32 = keep to 2^-33. */
    static long keepBits(double keep) {
      return Math.round(keep * 0x1p32);
    }

    /** SplitMix64's finaliser. */
    static long mix64(long z) {
      return org.mlmp.api.Seeds.mix64(z);
    }

    /** The seed of one example's mask row in a layer: mix(mix(layerSeed) + example·φ). */
    static long rowSeed(long layerSeed, long example) {
      return mix64(mix64(layerSeed) + example * PHI);
    }

    /**
     * Writes one row's mask, branch-free: unit u gets {@code kept} iff its 32-bit half of output ⌊u/2⌋ of the
     * SplitMix64 stream seeded {@code row} is below {@code keepBits} (high half for even u, low half for odd u), else 0.
     *
     * @param out receives the row at {@code out[from .. from + units)}
     */
    static void keepRow(long row, long keepBits, int units, float kept, float[] out, int from) {
      long state = row;
      int u = 0;
      for (; u + 1 < units; u += 2) {
        long h = mix64(state += PHI);
        out[from + u] = kept * (int) (((h >>> 32) - keepBits) >>> 63);
        out[from + u + 1] = kept * (int) (((h & 0xFFFFFFFFL) - keepBits) >>> 63);
      }
      if (u < units) out[from + u] = kept * (int) (((mix64(state + PHI) >>> 32) - keepBits) >>> 63);
    }

    @Override
    void forward(boolean train, long seed) {
      if (view) return;
      masked = train; // a layer that keeps every unit (rate 0) is a view and never gets here
      if (!masked) {
        a.assign(x);
        return;
      }
      fill(seed);
      maskX.run();
    }

    /** Writes every row's mask (0 or 1/keep) for the layer seed into {@link #mask}. */
    private void fill(long seed) {
      int rows = examples.length, n = rows * units;
      float kept = maskD == null ? (float) (1.0 / keep) : 1f;
      for (int r = 0; r < rows; r++) keepRow(rowSeed(seed, examples[r]), keepBits, units, kept, maskF, r * units);
      if (maskD == null) {
        mask.data().asNioFloat().put(maskF, 0, n);
      } else {
        double scale = 1.0 / keep;
        for (int i = 0; i < n; i++) maskD[i] = maskF[i] * scale;
        mask.data().asNioDouble().put(maskD, 0, n);
      }
    }

    @Override
    void backward() {
      if (dx == null || view) return;
      if (masked) maskDa.run();
      else dx.assign(da);
    }
  }
}
