package org.mlmp.nn.engine;

import org.mlmp.nn.Activation;
import org.mlmp.nn.AvgPool;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Dropout;
import org.mlmp.nn.MaxPool;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

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

    DenseNode(Program p, int layer, Dense d, INDArray x, INDArray a, INDArray da, INDArray dx, int batch) {
      super(x, a, da, dx);
      long in = x.size(1);
      DataType t = p.dtype;
      w = p.view(p.params, layer, 0, in, d.units());
      b = p.view(p.params, layer, (int) (in * d.units()), 1, d.units());
      gw = p.view(p.grads, layer, 0, in, d.units());
      gb = p.view(p.grads, layer, (int) (in * d.units()), 1, d.units());
      boolean own = Activations.needsOwnBuffers(d.activation());
      z = own ? Nd4j.create(t, batch, d.units()) : a;
      dzBuf = own ? Nd4j.create(t, batch, d.units()) : da;
      ones = Nd4j.ones(t, batch, 1);
      act = new Activations(d.activation(), z, a, da, dzBuf);
    }

    @Override
    void forward(boolean train, long seed) {
      // z = 1·b (outer product, overwrites z) then z += x·W: two GEMMs, no allocation, no broadcast op.
      Nd4j.gemm(ones, b, z, false, false, 1.0, 0.0);
      Nd4j.gemm(x, w, z, false, false, 1.0, 1.0);
      act.forward();
    }

    @Override
    void backward() {
      act.backward();
      backwardFromDz();
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
    void backwardFromDz() {
      Nd4j.gemm(x, dzBuf, gw, true, false, 1.0, 0.0);
      Nd4j.gemm(ones, dzBuf, gb, true, false, 1.0, 0.0);
      if (dx != null) Nd4j.gemm(dzBuf, w, dx, false, true, 1.0, 0.0);
    }
  }

  /**
   * libnd4j conv2d (oneDNN on the CPU) forward on NCHW input with OIYX weights. Backward: conv2d_bp
   * where the input gradient is needed; for the first layer, which needs none, the weight gradient alone
   * as im2col + one batched matmul ([B, O, P]·[B, C·k², P]ᵀ) + a GEMM with a ones row summing over the
   * batch — measured ~5x faster than conv2d_bp for LeNet's first layer (batch 64, 1→20, 28×28), which
   * always computes the input gradient too.
   */
  static final class ConvNode extends Node {
    final INDArray z, dzBuf;
    final Activations act;
    final DynamicCustomOp fwd, bwd, im2col, perSample;
    final INDArray perSampleOut, onesB, onesP, biasTmp, gwRow, gbCol, dzRows, dzOP;

    ConvNode(Program p, int layer, Conv2d c, INDArray x, INDArray a, INDArray da, INDArray dx, int batch) {
      super(x, a, da, dx);
      long cin = x.size(1);
      int k = c.kernel();
      DataType t = p.dtype;
      INDArray w = p.view(p.params, layer, 0, c.channels(), cin, k, k);
      INDArray b = p.view(p.params, layer, (int) (c.channels() * cin * k * k), c.channels());
      INDArray gw = p.view(p.grads, layer, 0, c.channels(), cin, k, k);
      INDArray gb = p.view(p.grads, layer, (int) (c.channels() * cin * k * k), c.channels());
      boolean own = Activations.needsOwnBuffers(c.activation());
      z = own ? Nd4j.create(t, a.shape()) : a;
      dzBuf = own ? Nd4j.create(t, a.shape()) : da;
      act = new Activations(c.activation(), z, a, da, dzBuf);
      int[] args = {k, k, c.stride(), c.stride(), c.padding(), c.padding(), 1, 1, 0, 0, 1};
      fwd = DynamicCustomOp.builder("conv2d").addInputs(x, w, b).addOutputs(z).addIntegerArguments(args).build();
      long o = c.channels(), ckk = cin * k * k, pix = a.size(2) * a.size(3);
      if (dx != null) {
        bwd = DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, dzBuf).addOutputs(dx, gw, gb)
            .addIntegerArguments(args).build();
        im2col = perSample = null;
        perSampleOut = onesB = onesP = biasTmp = gwRow = gbCol = dzRows = dzOP = null;
      } else {
        bwd = null;
        INDArray cols = Nd4j.create(t, batch, cin, k, k, a.size(2), a.size(3));
        im2col = DynamicCustomOp.builder("im2col").addInputs(x).addOutputs(cols)
            .addIntegerArguments(k, k, c.stride(), c.stride(), c.padding(), c.padding(), 1, 1, 0)
            .addFloatingPointArguments(0.0).build();
        perSampleOut = Nd4j.create(t, batch, o, ckk);
        perSample = DynamicCustomOp.builder("matmul").addInputs(dzBuf.reshape('c', batch, o, pix),
            cols.reshape('c', batch, ckk, pix)).addOutputs(perSampleOut).addIntegerArguments(0, 1, 0)
            .addFloatingPointArguments(1.0, 0.0).build();
        onesB = Nd4j.ones(t, 1, batch);
        onesP = Nd4j.ones(t, pix, 1);
        biasTmp = Nd4j.create(t, 1, o * pix);
        gwRow = gw.reshape('c', 1, o * ckk);
        gbCol = gb.reshape('c', o, 1);
        dzRows = dzBuf.reshape('c', batch, o * pix);
        dzOP = biasTmp.reshape('c', o, pix);
      }
    }

    @Override
    void forward(boolean train, long seed) {
      Nd4j.exec(fwd);
      act.forward();
    }

    @Override
    void backward() {
      act.backward();
      if (bwd != null) {
        Nd4j.exec(bwd);
        return;
      }
      Nd4j.exec(im2col);
      Nd4j.exec(perSample);
      Nd4j.gemm(onesB, perSampleOut.reshape('c', perSampleOut.size(0), perSampleOut.size(1) * perSampleOut.size(2)),
          gwRow, false, false, 1.0, 0.0);
      Nd4j.gemm(onesB, dzRows, biasTmp, false, false, 1.0, 0.0);
      Nd4j.gemm(dzOP, onesP, gbCol, false, false, 1.0, 0.0);
    }

    @Override
    INDArray z() {
      return z;
    }
  }

  /** libnd4j maxpool2d / avgpool2d and their _bp ops, NCHW, no padding. */
  static final class PoolNode extends Node {
    final DynamicCustomOp fwd, bwd;

    PoolNode(boolean max, int size, int stride, INDArray x, INDArray a, INDArray da, INDArray dx) {
      super(x, a, da, dx);
      String name = max ? "maxpool2d" : "avgpool2d";
      // kH kW sH sW pH pW dH dW sameMode extraParam0 (avg: 0 = divide by the cells inside the image) isNHWC
      int[] args = {size, size, stride, stride, 0, 0, 1, 1, 0, 0, 0};
      fwd = DynamicCustomOp.builder(name).addInputs(x).addOutputs(a).addIntegerArguments(args).build();
      bwd = dx == null ? null
          : DynamicCustomOp.builder(name + "_bp").addInputs(x, da).addOutputs(dx).addIntegerArguments(args).build();
    }

    static PoolNode of(MaxPool m, INDArray x, INDArray a, INDArray da, INDArray dx) {
      return new PoolNode(true, m.size(), m.stride(), x, a, da, dx);
    }

    static PoolNode of(AvgPool m, INDArray x, INDArray a, INDArray da, INDArray dx) {
      return new PoolNode(false, m.size(), m.stride(), x, a, da, dx);
    }

    @Override
    void forward(boolean train, long seed) {
      Nd4j.exec(fwd);
    }

    @Override
    void backward() {
      if (bwd != null) Nd4j.exec(bwd);
    }
  }

  /** Output and gradient are views of the input's buffers: nothing to run. */
  static final class FlattenNode extends Node {
    FlattenNode(INDArray x, INDArray a, INDArray da, INDArray dx) {
      super(x, a, da, dx);
    }

    @Override
    void forward(boolean train, long seed) {}

    @Override
    void backward() {}
  }

  /** Inverted dropout with a Bernoulli mask drawn from a per-step seed. */
  static final class DropoutNode extends Node {
    final double keep;
    final INDArray mask;
    final Random rng;
    boolean masked;

    DropoutNode(Program p, Dropout d, INDArray x, INDArray a, INDArray da, INDArray dx) {
      super(x, a, da, dx);
      keep = 1 - d.rate();
      mask = Nd4j.create(p.dtype, x.shape());
      rng = Nd4j.getRandomFactory().getNewRandomInstance(0);
    }

    @Override
    void forward(boolean train, long seed) {
      masked = train && keep < 1;
      if (!masked) {
        a.assign(x);
        return;
      }
      rng.setSeed(seed);
      Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep), rng);
      mask.muli(1.0 / keep);
      a.assign(x).muli(mask);
    }

    @Override
    void backward() {
      if (dx == null) return;
      dx.assign(da);
      if (masked) dx.muli(mask);
    }
  }

  static boolean identity(Activation f) {
    return f == Activation.IDENTITY;
  }
}
