package org.mlmp.nn.engine;

import org.mlmp.nn.BatchNorm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link BatchNorm} bound to its buffers: per-channel statistics over the batch axis (and the pixels of
 * an image), channel = axis 1 of {@code [B, C]} or {@code [B, C, H, W]}. Written with ND4J's broadcast
 * and reduction ops into buffers allocated once (only the {@code [C]}-sized vectors are recomputed).
 *
 * <p>Forward (training): μ = mean(x), σ² = mean((x − μ)²), x̂ = (x − μ)·s with s = 1/√(σ² + ε),
 * z = γ·x̂ + β; the running estimates move by the layer's momentum. Forward (prediction): μ, σ² are the
 * running estimates. Backward (training statistics, m values per channel):
 * ∂C/∂β = Σ dz, ∂C/∂γ = Σ dz·x̂, ∂C/∂x = (γ·s/m)·(m·dz − ∂C/∂β − x̂·∂C/∂γ).
 *
 * <p>libnd4j's {@code batchnorm} op only applies given statistics and {@code batchnorm_bp} would still
 * need the batch moments computed here; the whole layer is a handful of memory-bound passes either way.
 */
final class BatchNormNode extends Node {
  private final BatchNorm layer;
  private final INDArray gamma, beta, gGamma, gBeta, runMean, runVar;
  private final INDArray mean, var, invStd, coef;
  private final INDArray z, dzBuf, xHat, tmp;
  private final Activations act;
  private final int[] dims;
  private final long m;

  BatchNormNode(Program p, int index, BatchNorm bn, INDArray x, INDArray a, INDArray da, INDArray dx) {
    super(x, a, da, dx);
    layer = bn;
    DataType t = p.dtype;
    long c = x.size(1);
    gamma = p.view(p.params, index, 0, c);
    beta = p.view(p.params, index, (int) c, c);
    gGamma = p.view(p.grads, index, 0, c);
    gBeta = p.view(p.grads, index, (int) c, c);
    runMean = p.statView(index, 0, c);
    runVar = p.statView(index, (int) c, c);
    mean = Nd4j.create(t, c);
    var = Nd4j.create(t, c);
    invStd = Nd4j.create(t, c);
    coef = Nd4j.create(t, c);
    boolean own = Activations.needsOwnBuffers(bn.activation());
    z = own ? Nd4j.create(t, a.shape()) : a;
    dzBuf = own ? Nd4j.create(t, a.shape()) : da;
    xHat = Nd4j.create(t, x.shape());
    tmp = Nd4j.create(t, x.shape());
    act = new Activations(bn.activation(), z, a, da, dzBuf);
    dims = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
    m = x.length() / c;
  }

  @Override
  void forward(boolean train, long seed) {
    if (train) {
      x.mean(mean, dims);
      Nd4j.exec(new BroadcastSubOp(x, mean, xHat, 1));
      tmp.assign(xHat).muli(xHat);
      tmp.mean(var, dims);
      double mom = layer.momentum();
      runMean.muli(1 - mom).addi(mean.mul(mom));
      runVar.muli(1 - mom).addi(var.mul(mom * (m > 1 ? (double) m / (m - 1) : 1.0)));
      invStd.assign(var);
    } else {
      Nd4j.exec(new BroadcastSubOp(x, runMean, xHat, 1));
      invStd.assign(runVar);
    }
    invStd.addi(layer.epsilon());
    Transforms.sqrt(invStd, false);
    invStd.rdivi(1.0);
    Nd4j.exec(new BroadcastMulOp(xHat, invStd, xHat, 1));
    Nd4j.exec(new BroadcastMulOp(xHat, gamma, z, 1));
    Nd4j.exec(new BroadcastAddOp(z, beta, z, 1));
    act.forward();
  }

  @Override
  void backward() {
    act.backward();
    dzBuf.sum(gBeta, dims);
    tmp.assign(dzBuf).muli(xHat);
    tmp.sum(gGamma, dims);
    if (dx == null) return;
    coef.assign(gamma).muli(invStd).muli(1.0 / m);
    Nd4j.exec(new BroadcastMulOp(xHat, gGamma, tmp, 1));
    dx.assign(dzBuf).muli(m).subi(tmp);
    Nd4j.exec(new BroadcastSubOp(dx, gBeta, dx, 1));
    Nd4j.exec(new BroadcastMulOp(dx, coef, dx, 1));
  }

  @Override
  INDArray z() {
    return z;
  }
}
