package org.mlmp.nn.engine;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Internal (not API): a network ({@link Blueprint}) compiled for execution in one data type. All parameters live in
 * one flat vector {@link #params} and all their gradients in {@link #grads}, laid out layer by layer as
 * weights then bias; each layer sees views of them. {@link Plan}s (one per batch size) hold every
 * activation, gradient and scratch buffer, allocated once.
 *
 * <p>Weight layouts: Dense {@code [inputs, units]} (x·W + b), Conv2d {@code [out, in, k, k]} (OIYX).
 */
public final class Program {
  final Blueprint blueprint;
  final DataType dtype;
  final int[] offset;
  final int[] count;
  final INDArray params;
  final INDArray grads;
  /** Non-learned statistics (BatchNorm running mean and variance), layer by layer; see {@link #statistics()}. */
  final INDArray stats;
  final int[] statOffset;
  final int statTotal;
  final ConvBackward convBackward;
  private final Map<Integer, Plan> plans = new HashMap<>();

  /**
   * How convolution layers back-propagate (see {@code Node.ConvNode}). {@link #AUTO} (the default) picks per layer,
   * from side-by-side measurements. On FLOAT host arrays with oneDNN's natives loaded, every layer uses ONEDNN:
   * forward and both gradients through oneDNN's own primitives ({@link org.mlmp.backend.HostConvolution}), a strided
   * layer's input gradient on space-to-depth blocks (LeNet: docs/nn-measurements.md, "oneDNN's primitives called
   * directly"; AlexNet: "oneDNN's primitives on AlexNet's layers"). Elsewhere ({@link #withoutOneDnn}): a stride-1
   * layer that must return its input gradient uses libnd4j's {@code conv2d_bp} (oneDNN's backward-data and
   * backward-weights: at 2 threads LeNet conv2 3.5 ms against 5.3–5.5 ms for CONV, AlexNet conv3 14.5–15.0 against
   * 17.9–18.9 ms, conv2 on par); every other layer uses CONV — the first layer of a network (no input gradient:
   * {@code conv2d_bp} would compute one anyway; LeNet conv1 1.2–1.4 ms against 5.6–5.9 ms) and strided layers (as
   * stride-1 convolutions on space-to-depth blocks, {@link SpaceToDepthBackward}: AlexNet conv1 forward+backward with
   * its input gradient 0.76× the time of im2col + GEMM). Exception, on the float host path only: a stride-1 layer with
   * an input gradient whose input channels are not a multiple of 16 (oneDNN's backward kernels work on blocks of 16
   * channels, padding the rest) and whose padding is at most k − 1 uses CONV, its input gradient a forward
   * convolution with the flipped kernel ({@link HostFlippedKernel}): LeNet conv2 (20 input channels) 2.8–3.1 ms
   * against 3.3 ms; AlexNet's conv2–5 (64 to 384 channels) stay on {@code conv2d_bp}, 1.15–1.5× faster there
   * (docs/nn-measurements.md, "LeNet's second convolution on the CONV path"). Override with
   * {@code -Dmlmp.nn.convBackward=auto|gemm|libnd4j|conv|onednn}.
   */
  public enum ConvBackward {
    AUTO,
    GEMM,
    LIBND4J,
    CONV,
    /** oneDNN's forward, backward-weights and backward-data primitives ({@link org.mlmp.backend.HostConvolution}). */
    ONEDNN;

    static ConvBackward fromSystemProperty() {
      String v = System.getProperty("mlmp.nn.convBackward", "auto");
      return switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "gemm" -> GEMM;
        case "libnd4j" -> LIBND4J;
        case "conv" -> CONV;
        case "onednn" -> ONEDNN;
        case "auto" -> AUTO;
        default -> throw new IllegalArgumentException("-Dmlmp.nn.convBackward must be auto, gemm, libnd4j, conv or"
            + " onednn. Got '" + v + "' instead.");
      };
    }
  }

  /**
   * The backward path of convolution layer {@code c} (never AUTO) with {@code inputChannels} input channels;
   * {@code inputGradient}: whether the layer must also return ∂C/∂x (false for a network's first layer).
   *
   * @throws IllegalStateException for ONEDNN asked for where it cannot run (the reason and the fix are named)
   */
  ConvBackward convBackward(Op.Convolution c, long inputChannels, boolean inputGradient) {
    boolean hostMemory = org.mlmp.backend.HostBlas.hostMemory();
    if (convBackward == ConvBackward.ONEDNN && !oneDnnCanRun()) {
      throw new IllegalStateException("The ONEDNN convolution path (-Dmlmp.nn.convBackward=onednn) needs FLOAT arrays"
          + " in host memory and oneDNN's natives. Got " + dtype + " arrays, " + (hostMemory ? "host memory"
          : "no host memory (a GPU backend, or HostBlas.forceGeneric())") + ", natives "
          + org.mlmp.backend.HostConvolution.unavailableReason().map(r -> "not loaded (" + r + ")").orElse("loaded")
          + ". Use -Dmlmp.nn.convBackward=auto, which takes it where it can run.");
    }
    if (convBackward != ConvBackward.AUTO) return convBackward;
    return oneDnnCanRun() ? ConvBackward.ONEDNN : withoutOneDnn(c, inputChannels, inputGradient);
  }

  /** AUTO's choice where oneDNN's own primitives cannot run (doubles, a GPU backend, natives not loaded). */
  ConvBackward withoutOneDnn(Op.Convolution c, long inputChannels, boolean inputGradient) {
    if (!inputGradient || c.stride() > 1) return ConvBackward.CONV;
    boolean flipped = floatHost() && c.padding() <= c.kernel() - 1;
    return flipped && inputChannels % 16 != 0 ? ConvBackward.CONV : ConvBackward.LIBND4J;
  }

  /**
   * Whether a pooling layer runs on oneDNN's own pooling primitives ({@link org.mlmp.backend.HostPooling}): with the
   * ONEDNN convolutions, that is when the path is AUTO or ONEDNN, on FLOAT host arrays, oneDNN's natives loaded (NCHW
   * layers reordered into and out of oneDNN's blocked layout); else libnd4j's {@code maxpool2d} / {@code avgpool2d}.
   * Where this holds, a channels-last max pool that {@link HostMaxPool} computes runs in Java instead.
   */
  boolean oneDnnPooling() {
    return (convBackward == ConvBackward.AUTO || convBackward == ConvBackward.ONEDNN) && oneDnnCanRun();
  }

  /** oneDNN's primitives can run this program's layers: FLOAT arrays in host memory, oneDNN's natives loaded. */
  private boolean oneDnnCanRun() {
    return floatHost() && org.mlmp.backend.HostConvolution.available();
  }

  /** FLOAT arrays in host memory: where the Java and oneDNN fast paths of the convolutions can run. */
  private boolean floatHost() {
    return dtype == DataType.FLOAT && org.mlmp.backend.HostBlas.hostMemory();
  }

  /** Parameters, gradients and statistics start at 0, BatchNorm's running variances at 1. */
  public Program(Blueprint blueprint, DataType dtype) {
    this(blueprint, dtype, ConvBackward.fromSystemProperty());
  }

  public Program(Blueprint blueprint, DataType dtype, ConvBackward convBackward) {
    this.convBackward = convBackward;
    this.blueprint = blueprint;
    this.dtype = dtype;
    int n = blueprint.stages().size();
    offset = new int[n];
    count = new int[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      offset[i] = (int) total;
      count[i] = blueprint.stages().get(i).parameters();
      total += count[i];
    }
    if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("The network has " + total + " parameters; at most 2^31 - 1 are supported.");
    params = Nd4j.zeros(dtype, Math.max(1, total));
    grads = Nd4j.zeros(dtype, Math.max(1, total));
    statOffset = new int[n];
    int st = 0;
    for (int i = 0; i < n; i++) {
      statOffset[i] = st;
      st += blueprint.stages().get(i).statistics();
    }
    statTotal = st;
    stats = Nd4j.zeros(dtype, Math.max(1, st));
    resetStatistics();
  }

  public Blueprint blueprint() {
    return blueprint;
  }

  public DataType dtype() {
    return dtype;
  }

  /** Number of parameters. */
  public int size() {
    int n = count.length;
    return offset[n - 1] + count[n - 1];
  }

  /** The flat parameter vector (live; internal callers only). */
  public INDArray params() {
    return params;
  }

  /** The flat gradient vector of the last {@link Plan#backward()} (live). */
  public INDArray grads() {
    return grads;
  }

  /** Running means 0, running variances 1 (BatchNorm's initial estimates). */
  private void resetStatistics() {
    double[] v = new double[statTotal];
    for (int i = 0; i < count.length; i++) {
      if (blueprint.stages().get(i).op() instanceof Op.Normalization) {
        int ch = blueprint.shape(i).channels();
        for (int j = 0; j < ch; j++) v[statOffset[i] + ch + j] = 1;
      }
    }
    if (statTotal > 0) setStatistics(Nd4j.createFromArray(v));
  }

  /** Number of channels over all BatchNorm layers (half of {@link #statisticsSize()}). */
  public int normalizedChannels() {
    return statTotal / 2;
  }

  /**
   * Moves the running statistics by one training batch of {@code rows} rows whose per-channel means and biased
   * variances are given (layer by layer, as {@link Plan#batchStatistics} returns them): exactly the update a
   * BatchNorm layer's training forward pass applies with its own batch's values.
   */
  public void moveStatistics(double[] means, double[] vars, int rows) {
    if (means.length != normalizedChannels() || vars.length != normalizedChannels()) {
      throw new IllegalArgumentException("Expected " + normalizedChannels() + " means and variances, got "
          + means.length + " and " + vars.length + ".");
    }
    if (statTotal == 0) return;
    double[] run = statistics().castTo(DataType.DOUBLE).toDoubleVector();
    int at = 0;
    for (int i = 0; i < count.length; i++) {
      if (!(blueprint.stages().get(i).op() instanceof Op.Normalization bn)) continue;
      Blueprint.Dims d = blueprint.shape(i);
      int ch = d.channels();
      long m = (long) rows * (d.size() / ch);
      for (int c = 0; c < ch; c++) {
        int mean = statOffset[i] + c, var = statOffset[i] + ch + c;
        run[mean] = BatchNormNode.movedMean(run[mean], means[at + c], bn.momentum());
        run[var] = BatchNormNode.movedVariance(run[var], vars[at + c], m, bn.momentum());
      }
      at += ch;
    }
    setStatistics(Nd4j.createFromArray(run));
  }

  /** Number of non-learned statistics (BatchNorm's running mean and variance, per layer: means then variances). */
  public int statisticsSize() {
    return statTotal;
  }

  /** A copy of the statistics, length {@link #statisticsSize()} (empty when there are none). */
  public INDArray statistics() {
    return statTotal == 0 ? Nd4j.create(dtype, 0) : stats.get(NDArrayIndex.interval(0, statTotal)).dup();
  }

  /** Copies a flat vector of any floating type into the statistics. */
  public void setStatistics(INDArray values) {
    if (values.length() != statTotal) {
      throw new IllegalArgumentException("Expected " + statTotal + " statistics, got " + values.length() + ".");
    }
    if (statTotal > 0) {
      stats.get(NDArrayIndex.interval(0, statTotal)).assign(values.reshape(values.length()).castTo(dtype));
    }
  }

  /** Copies {@code values} (length {@link #size()}) into the parameters. */
  public void setParameters(double[] values) {
    if (values.length != size()) {
      throw new IllegalArgumentException("Expected " + size() + " parameters, got " + values.length + ".");
    }
    params.get(NDArrayIndex.interval(0, size())).assign(Nd4j.createFromArray(values).castTo(dtype));
  }

  /** Copies a flat vector of any floating type into the parameters. */
  public void setParameters(INDArray values) {
    if (values.length() != size()) {
      throw new IllegalArgumentException("Expected " + size() + " parameters, got " + values.length() + ".");
    }
    params.get(NDArrayIndex.interval(0, size())).assign(values.reshape(values.length()).castTo(dtype));
  }

  /** The plan for batches of {@code batch} samples, built on first use and kept. */
  public Plan plan(int batch) {
    return plans.computeIfAbsent(batch, b -> new Plan(this, b));
  }

  /** View of layer i's statistics, shaped. */
  INDArray statView(int layer, int from, long n) {
    return stats.get(NDArrayIndex.interval(statOffset[layer] + from, statOffset[layer] + from + n));
  }

  /** View of layer i's parameters or gradients, shaped. */
  INDArray view(INDArray flat, int layer, int from, long... shape) {
    long n = 1;
    for (long s : shape) n *= s;
    return flat.get(NDArrayIndex.interval(offset[layer] + from, offset[layer] + from + n)).reshape('c', shape);
  }
}
