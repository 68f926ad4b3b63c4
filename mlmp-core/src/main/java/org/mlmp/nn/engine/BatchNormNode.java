package org.mlmp.nn.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation ({@link Op.Normalization}) bound to its buffers: per-channel statistics over the batch axis (and the pixels of
 * an image), channel = axis 1 of {@code [B, C]} or {@code [B, C, H, W]} (c order, so channel c of sample n
 * is the contiguous block of H·W values at (n·C + c)·H·W).
 *
 * <p>Forward (training): μ = mean(x), σ² = mean((x − μ)²) (two passes, sums in double), x̂ = (x − μ)·s with
 * s = 1/√(σ² + ε), z = γ·x̂ + β; the running estimates move by the layer's momentum. Forward (prediction):
 * μ, σ² are the running estimates. Backward (training statistics, m values per channel):
 * ∂C/∂β = Σ dz, ∂C/∂γ = Σ dz·x̂, ∂C/∂x = (γ·s/m)·(m·dz − ∂C/∂β − x̂·∂C/∂γ).
 *
 * <p>Written as plain loops over the arrays' native memory (NIO views, no copies): 3 reads and 2 writes
 * forward, 2 reads and 1 write backward, channels in parallel (common fork-join pool) for large layers when
 * ND4J may use more than one thread (MLMP_THREADS); each channel's sums stay sequential, so the result does
 * not depend on the thread count. The first version chained ~15 ND4J
 * broadcast/reduction ops per pass and, in a loaded 1-thread profile of the Fashion-MNIST CNN, took about
 * half of the step; libnd4j's {@code batchnorm} op only applies given statistics.
 */
final class BatchNormNode extends Node {
  /** Below this many values a layer runs on one thread. */
  private static final long PARALLEL_MIN = 1 << 16;

  private final Op.Normalization layer;
  private final INDArray z, dzBuf, xHat;
  private final Activations act;
  private final Buf xb, zb, hb, dzb, dxb, gamma, beta, gGamma, gBeta, runMean, runVar;
  private final int batch, channels, pixels;
  private final long m;
  private final double[] invStd;
  /** The last training forward pass's per-channel batch mean and biased variance (NaN before the first). */
  private final double[] batchMean, batchVar;
  private final boolean parallel;

  BatchNormNode(Program p, int index, Op.Normalization bn, INDArray x, INDArray a, INDArray da, INDArray dx) {
    super(x, a, da, dx);
    layer = bn;
    DataType t = p.dtype;
    int c = (int) x.size(1);
    boolean own = Activations.needsOwnBuffers(bn.f());
    z = own ? Nd4j.create(t, a.shape()) : a;
    dzBuf = own ? Nd4j.create(t, a.shape()) : da;
    xHat = Nd4j.create(t, x.shape());
    act = new Activations(bn.f(), z, a, da, dzBuf);
    batch = (int) x.size(0);
    channels = c;
    pixels = (int) (x.length() / ((long) batch * c));
    m = (long) batch * pixels;
    invStd = new double[c];
    batchMean = new double[c];
    batchVar = new double[c];
    java.util.Arrays.fill(batchMean, Double.NaN);
    java.util.Arrays.fill(batchVar, Double.NaN);
    parallel = x.length() >= PARALLEL_MIN && c > 1 && org.mlmp.backend.Threads.cap() > 1;
    xb = Buf.of(x);
    zb = Buf.of(z);
    hb = Buf.of(xHat);
    dzb = Buf.of(dzBuf);
    dxb = dx == null ? null : Buf.of(dx);
    gamma = Buf.of(p.view(p.params, index, 0, c));
    beta = Buf.of(p.view(p.params, index, c, c));
    gGamma = Buf.of(p.view(p.grads, index, 0, c));
    gBeta = Buf.of(p.view(p.grads, index, c, c));
    runMean = Buf.of(p.statView(index, 0, c));
    runVar = Buf.of(p.statView(index, c, c));
  }

  private void forEachChannel(java.util.function.IntConsumer body) {
    if (parallel) IntStream.range(0, channels).parallel().forEach(body);
    else for (int ch = 0; ch < channels; ch++) body.accept(ch);
  }

  @Override
  void forward(boolean train, long seed) {
    double mom = layer.momentum(), eps = layer.epsilon();
    forEachChannel(ch -> {
      double mu, var;
      if (train) {
        double s = 0;
        for (int n = 0; n < batch; n++) {
          int base = (n * channels + ch) * pixels;
          for (int i = 0; i < pixels; i++) s += xb.get(base + i);
        }
        mu = s / m;
        double ss = 0;
        for (int n = 0; n < batch; n++) {
          int base = (n * channels + ch) * pixels;
          for (int i = 0; i < pixels; i++) {
            double d = xb.get(base + i) - mu;
            ss += d * d;
          }
        }
        var = ss / m;
        batchMean[ch] = mu;
        batchVar[ch] = var;
        runMean.set(ch, movedMean(runMean.get(ch), mu, mom));
        runVar.set(ch, movedVariance(runVar.get(ch), var, m, mom));
      } else {
        mu = runMean.get(ch);
        var = runVar.get(ch);
      }
      double s = 1 / Math.sqrt(var + eps), g = gamma.get(ch), b = beta.get(ch);
      invStd[ch] = s;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + ch) * pixels;
        for (int i = 0; i < pixels; i++) {
          double h = (xb.get(base + i) - mu) * s;
          hb.set(base + i, h);
          zb.set(base + i, g * h + b);
        }
      }
    });
    act.forward();
  }

  /**
   * The running mean after a training batch: (1 − momentum)·running + momentum·μ.
   *
   * @param running the running mean before
   * @param mu the batch mean
   * @param momentum the layer's momentum
   */
  static double movedMean(double running, double mu, double momentum) {
    return (1 - momentum) * running + momentum * mu;
  }

  /**
   * The running variance after a training batch of m values per channel: (1 − momentum)·running +
   * momentum·σ²·m/(m − 1) (the unbiased estimate; σ² itself for m = 1).
   *
   * @param running the running variance before
   * @param var the batch's biased variance σ²
   * @param m values per channel in the batch (rows × pixels)
   * @param momentum the layer's momentum
   */
  static double movedVariance(double running, double var, long m, double momentum) {
    double unbias = m > 1 ? (double) m / (m - 1) : 1.0;
    return (1 - momentum) * running + momentum * var * unbias;
  }

  /** Copies the last training pass's batch means into {@code means} and biased variances into {@code vars}. */
  void batchStatistics(double[] means, double[] vars, int at) {
    System.arraycopy(batchMean, 0, means, at, channels);
    System.arraycopy(batchVar, 0, vars, at, channels);
  }

  int channels() {
    return channels;
  }

  @Override
  void backward() {
    act.backward();
    forEachChannel(ch -> {
      double sdz = 0, sdzh = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + ch) * pixels;
        for (int i = 0; i < pixels; i++) {
          double d = dzb.get(base + i);
          sdz += d;
          sdzh += d * hb.get(base + i);
        }
      }
      gBeta.set(ch, sdz);
      gGamma.set(ch, sdzh);
      if (dxb == null) return;
      double k = gamma.get(ch) * invStd[ch] / m;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + ch) * pixels;
        for (int i = 0; i < pixels; i++) {
          dxb.set(base + i, k * (m * dzb.get(base + i) - sdz - hb.get(base + i) * sdzh));
        }
      }
    });
  }

  @Override
  INDArray z() {
    return z;
  }

  /** Element access to a contiguous array's native memory, float or double. */
  private abstract static class Buf {
    abstract double get(int i);

    abstract void set(int i, double v);

    static Buf of(INDArray a) {
      if (!java.util.Arrays.equals(a.stride(), Nd4j.getStrides(a.shape(), 'c'))) {
        throw new IllegalStateException("BatchNorm needs contiguous c-order buffers; got strides "
            + java.util.Arrays.toString(a.stride()) + " for shape " + java.util.Arrays.toString(a.shape()) + ".");
      }
      int off = (int) a.offset(), len = (int) a.length();
      if (a.dataType() == DataType.FLOAT) {
        FloatBuffer f = a.data().asNioFloat().position(off).slice().limit(len);
        return new Buf() {
          double get(int i) {
            return f.get(i);
          }

          void set(int i, double v) {
            f.put(i, (float) v);
          }
        };
      }
      if (a.dataType() == DataType.DOUBLE) {
        DoubleBuffer d = a.data().asNioDouble().position(off).slice().limit(len);
        return new Buf() {
          double get(int i) {
            return d.get(i);
          }

          void set(int i, double v) {
            d.put(i, v);
          }
        };
      }
      throw new IllegalStateException("BatchNorm runs in FLOAT or DOUBLE; got " + a.dataType() + ".");
    }
  }
}
