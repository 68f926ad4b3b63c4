package org.mlmp.nn.engine;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.mlmp.backend.HostBlocked;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Internal (not API): the static execution plan of a {@link Program} for one batch size. Every
 * activation, gradient and scratch buffer is allocated here once; the op objects are built once and
 * run again every step, writing into those buffers. Flatten layers are views (no copy), except one ending a
 * channels-last run ({@link #channelsLastRun}); so is a dropout layer of rate 0 (its output and input gradient are its
 * input and output gradient themselves: {@link #identity}). Activations between two of oneDNN's convolutions or pools
 * are held in oneDNN's blocked layout ({@link #blocked}): their arrays keep NCHW shapes, not NCHW order.
 *
 * <p>One training step: fill {@link #input()} ({@code [B, C·H·W]}) and {@link #target()} ({@code [B, K]}),
 * {@link #forward(boolean, long)}, {@link #loss()}, {@link #backward()} (gradients into the program's flat
 * gradient vector, overwritten, not accumulated). With dropout, {@link #setExamples} names the rows' examples first:
 * a row's mask is a function of (seed, layer, example) only.
 */
public final class Plan {
  final Program program;
  final int batch;
  final INDArray input;
  final INDArray target;
  final INDArray[] acts;
  /** Each layer's output gradient as the plan shows it (images {@code [B, C, H, W]}): layer i's is grads[i + 1]. */
  private final INDArray[] grads;
  final Node[] nodes;
  final INDArray dOut;
  final boolean fused;
  /** The example index of each batch row, the identity dropout masks are drawn for (0..B−1 until set). */
  final int[] examples;
  /** The Flatten layer ending the channels-last run ({@link #channelsLastRun}), or −1: every layer channels-first. */
  final int channelsLast;
  /** Per activation (index i: layer i's input, layer i − 1's output): in oneDNN's blocked layout ({@link #blocked}). */
  final boolean[] blocked;

  Plan(Program p, int batch) {
    this.program = p;
    this.batch = batch;
    DataType t = p.dtype;
    Blueprint bp = p.blueprint;
    List<Blueprint.Stage> layers = bp.stages();
    int n = layers.size();
    input = Nd4j.create(t, batch, bp.shape(0).size());
    target = Nd4j.create(t, batch, bp.shape(n).size());
    channelsLast = channelsLastRun(p);
    blocked = blocked(p, channelsLast);
    int cl = channelsLast;
    // acts/grads: each layer's output and gradient as the plan shows them (images [B, C, H, W]); run/runG: the arrays
    // the nodes run on — channels-last [B, H, W, C] buffers up to the Flatten ending the run (acts/grads there are
    // their NCHW permuted views), elsewhere the same arrays.
    acts = new INDArray[n + 1];
    INDArray[] run = new INDArray[n + 1];
    acts[0] = shaped(input, bp.shape(0));
    run[0] = cl >= 0 ? input.reshape('c', batch, bp.shape(0).height(), bp.shape(0).width(), 1) : acts[0];
    for (int i = 0; i < n; i++) {
      Blueprint.Dims s = bp.shape(i + 1);
      if (i < cl) {
        run[i + 1] = Nd4j.create(t, batch, s.height(), s.width(), s.channels());
        acts[i + 1] = run[i + 1].permute(0, 3, 1, 2);
        continue;
      }
      Op op = layers.get(i).op();
      acts[i + 1] = op instanceof Op.Flattening && i != cl ? acts[i].reshape('c', batch, s.size())
          : identity(op) ? acts[i] : Nd4j.create(t, dims(s));
      run[i + 1] = acts[i + 1];
    }
    grads = new INDArray[n + 1];
    INDArray[] runG = new INDArray[n + 1];
    grads[n] = Nd4j.create(t, dims(bp.shape(n)));
    runG[n] = grads[n];
    for (int i = n - 1; i >= 1; i--) {
      Blueprint.Dims s = bp.shape(i);
      if (i <= cl) {
        runG[i] = Nd4j.create(t, batch, s.height(), s.width(), s.channels());
        grads[i] = runG[i].permute(0, 3, 1, 2);
        continue;
      }
      Op op = layers.get(i).op();
      grads[i] = op instanceof Op.Flattening ? grads[i + 1].reshape('c', dims(s))
          : identity(op) ? grads[i + 1] : Nd4j.create(t, dims(s));
      runG[i] = grads[i];
    }
    dOut = grads[n];
    examples = new int[batch];
    setExamples(null);
    nodes = new Node[n];
    for (int i = 0; i < n; i++) {
      INDArray x = run[i], a = run[i + 1], da = runG[i + 1], dx = runG[i];
      boolean nhwc = i < cl;
      Op op = layers.get(i).op();
      HostBlocked.Sides side = HostBlocked.Sides.of(blocked[i], blocked[i + 1]);
      if (op instanceof Op.Affine d) nodes[i] = new Node.DenseNode(p, i, d, x, a, da, dx, batch);
      else if (op instanceof Op.Convolution c) nodes[i] = new Node.ConvNode(p, i, c, x, a, da, dx, batch, nhwc, side);
      else if (op instanceof Op.Pooling m) nodes[i] = new Node.PoolNode(m, x, a, da, dx, nhwc, p.oneDnnPooling(), side);
      else if (op instanceof Op.Flattening) nodes[i] = new Node.FlattenNode(x, a, da, dx, i == cl);
      else if (op instanceof Op.Dropping d) nodes[i] = new Node.DropoutNode(p, d, x, a, da, dx, examples);
      else if (op instanceof Op.Normalization bn) nodes[i] = new BatchNormNode(p, i, bn, x, a, da, dx);
      else throw new IllegalStateException("No engine node for " + op);
    }
    fused = bp.crossEntropy();
  }

  /**
   * Whether layer op {@code op} passes its input through unchanged in training and inference alike (a dropout of
   * rate 0), so that its output and input gradient are views of its input and output gradient (no copies; its node
   * runs nothing: {@link Node.DropoutNode#view}).
   */
  static boolean identity(Op op) {
    return op instanceof Op.Dropping d && d.rate() == 0;
  }

  /**
   * Whether the plan runs the image layers channels-last (NHWC), and up to where: the index of the Flatten layer that
   * ends the run, or −1 (NCHW throughout). oneDNN computes convolutions on NHWC and reorders NCHW arrays in and out of
   * every convolution, and pools NHWC arrays about three times as fast (LeNet at batch 64: docs/nn-measurements.md,
   * "Channels-last activations"). The run applies on the float host path (its copies are Java passes,
   * {@link HostChannelsLast}) to networks whose input has one channel (so its rows are already NHWC) and whose layers
   * up to the first Flatten are stride-1 convolutions on the ONEDNN path, the CONV path (its input gradient a
   * flipped-kernel convolution) or {@code conv2d_bp}, and pooling — LeNet-like networks.
   * {@code -Dmlmp.nn.channelsLast=false} turns it off.
   */
  static int channelsLastRun(Program p) {
    List<Blueprint.Stage> s = p.blueprint.stages();
    if (!switchedOn("mlmp.nn.channelsLast") || p.dtype != DataType.FLOAT || !org.mlmp.backend.HostBlas.hostMemory()
        || !s.get(0).input().image() || s.get(0).input().channels() != 1) {
      return -1;
    }
    for (int i = 0; i < s.size(); i++) {
      Op op = s.get(i).op();
      if (op instanceof Op.Flattening) return i > 0 ? i : -1; // an image flattened first: nothing to run NHWC
      if (op instanceof Op.Pooling) continue;
      if (!(op instanceof Op.Convolution c) || c.stride() != 1) return -1;
      Program.ConvBackward k = p.convBackward(c, s.get(i).input().channels(), i > 0);
      boolean flipped = i == 0 || c.padding() <= c.kernel() - 1;
      if (!(k == Program.ConvBackward.LIBND4J || k == Program.ConvBackward.ONEDNN
          || k == Program.ConvBackward.CONV && flipped)) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Which activations the plan holds in oneDNN's blocked layout ({@link HostBlocked}) instead of NCHW: index i (layer
   * i's input, layer i − 1's output) when both layers run on oneDNN's primitives in place on it — layer i − 1 a
   * convolution on the ONEDNN path or a oneDNN pool, layer i a stride-1 ONEDNN convolution (a strided one computes its
   * input gradient on NCHW space-to-depth blocks) or a oneDNN pool — and its channels are a whole number of blocks.
   * Their convolutions and pools then skip the reorders into and out of the blocks, and the activation between them
   * (RELU) is element-wise either way. Not with a channels-last run (LeNet-like networks), nor where oneDNN's
   * primitives do not run (doubles, a GPU backend, no natives). {@code -Dmlmp.nn.blocked=false} turns it off.
   */
  static boolean[] blocked(Program p, int channelsLast) {
    List<Blueprint.Stage> s = p.blueprint.stages();
    boolean[] b = new boolean[s.size() + 1];
    if (!switchedOn("mlmp.nn.blocked") || channelsLast >= 0 || !p.oneDnnPooling()) return b;
    for (int i = 1; i < s.size(); i++) {
      Blueprint.Dims d = s.get(i).input();
      b[i] = d.image() && HostBlocked.fits(d.channels()) && inPlace(p, s.get(i - 1), i - 1, false)
          && inPlace(p, s.get(i), i, true);
    }
    return b;
  }

  /** Whether layer {@code i} runs on oneDNN's primitives in place on a blocked input (or output) ({@link #blocked}). */
  private static boolean inPlace(Program p, Blueprint.Stage st, int i, boolean input) {
    if (st.op() instanceof Op.Pooling) return true;
    return st.op() instanceof Op.Convolution c && p.convBackward(c, st.input().channels(), i > 0)
        == Program.ConvBackward.ONEDNN && !(input && c.stride() > 1);
  }

  /** System property {@code name}: true (the default) or false, else an error naming the value. */
  private static boolean switchedOn(String name) {
    return switchedOn(name, null);
  }

  /**
   * The engine's on/off switches ({@code -Dmlmp.nn.channelsLast}, {@code blocked}, {@code javaMaxPool},
   * {@code winograd}) read in one place: system property {@code name} true or false; with {@code auto} non-null also
   * {@code auto} (then the default), whose answer {@code auto} gives; without it true is the default.
   * ({@code -Dmlmp.nn.convBackward} names a path, not a switch: {@code Program} reads it.)
   *
   * @throws IllegalArgumentException for any other value, naming it and the values allowed
   */
  static boolean switchedOn(String name, BooleanSupplier auto) {
    String v = System.getProperty(name, auto == null ? "true" : "auto");
    if (v.equals("true") || v.equals("false")) return v.equals("true");
    if (auto != null && v.equals("auto")) return auto.getAsBoolean();
    throw new IllegalArgumentException("-D" + name + " must be " + (auto == null ? "" : "auto, ")
        + "true or false. Got '" + v + "' instead.");
  }

  private INDArray shaped(INDArray flat, Blueprint.Dims s) {
    return s.image() ? flat.reshape('c', batch, s.channels(), s.height(), s.width()) : flat;
  }

  private long[] dims(Blueprint.Dims s) {
    return s.image() ? new long[] {batch, s.channels(), s.height(), s.width()} : new long[] {batch, s.channels()};
  }

  public int batchSize() {
    return batch;
  }

  /** The input buffer {@code [B, C·H·W]} (live: write the batch into it). */
  public INDArray input() {
    return input;
  }

  /** The target buffer {@code [B, K]} (one-hot classes or regression targets; live). */
  public INDArray target() {
    return target;
  }

  /** The network output {@code [B, K]} after {@link #forward} (live). */
  public INDArray output() {
    return acts[acts.length - 1];
  }

  /**
   * The output of layer i {@code [B, ...]} after {@link #forward}: live, or a copy in NCHW order where the plan holds
   * it in oneDNN's blocked layout ({@link #blocked}).
   */
  public INDArray activation(int layer) {
    INDArray a = acts[layer + 1];
    if (!blocked[layer + 1]) return a;
    INDArray plain = Nd4j.create(a.dataType(), a.shape());
    HostBlocked.toPlain(a, plain);
    return plain;
  }

  /**
   * Sets the example index of each batch row (for instance its row in the training set): a row's dropout mask
   * depends on the step's seed, the layer and this index only, not on the row's position in the batch.
   *
   * @param ids B indices (copied), or null for the batch positions 0..B−1
   * @throws IllegalArgumentException when {@code ids} does not hold B values
   */
  public void setExamples(int[] ids) {
    if (ids == null) {
      for (int i = 0; i < batch; i++) examples[i] = i;
      return;
    }
    if (ids.length != batch) {
      throw new IllegalArgumentException("Expected " + batch + " example indices, got " + ids.length + ".");
    }
    System.arraycopy(ids, 0, examples, 0, batch);
  }

  /**
   * Runs all layers; when {@code train}, layer i's dropout mask is drawn from (seed·1 000 003 + i, each row's
   * example index, see {@link #setExamples}).
   */
  public void forward(boolean train, long seed) {
    forward(train, seed, nodes.length - 1);
  }

  /**
   * Runs layers 0..{@code last} only, as {@link #forward(boolean, long)} runs them all; layer {@code last}'s output is
   * then {@link #activation activation(last)}.
   */
  public void forward(boolean train, long seed, int last) {
    org.mlmp.backend.Threads.applyToThisThread();
    for (int i = 0; i <= last; i++) {
      long t0 = profile == null ? 0 : System.nanoTime();
      nodes[i].forward(train, seed * 1_000_003L + i);
      if (profile != null) profile[2 * i] += System.nanoTime() - t0;
    }
  }

  private long[] profile;

  /**
   * The per-channel batch means and biased variances of the BatchNorm layers in the last training
   * {@link #forward}, layer by layer (NaN for a layer before its first training pass).
   *
   * @param means receives the means, {@link Program#normalizedChannels()} values
   * @param vars receives the biased variances, as many values
   */
  public void batchStatistics(double[] means, double[] vars) {
    int at = 0;
    for (Node n : nodes) {
      if (n instanceof BatchNormNode bn) {
        bn.batchStatistics(means, vars, at);
        at += bn.channels();
      }
    }
  }

  /** Starts (or resets) per-layer timing of forward and backward passes; see {@link #profileReport()}. */
  public void startProfile() {
    profile = new long[2 * nodes.length + 1];
  }

  /**
   * Nanoseconds spent per layer since {@link #startProfile()}: element 2i is layer i's forward pass,
   * 2i + 1 its backward pass, and the last element the loss gradient. Null when not profiling.
   */
  public long[] profileReport() {
    return profile == null ? null : profile.clone();
  }

  /** The mini-batch cost C of the last forward pass (see {@code org.mlmp.nn.Loss}), in double precision. */
  public double loss() {
    double[] a = output().data().asDouble();
    double[] y = target.data().asDouble();
    double s = 0;
    if (!program.blueprint.crossEntropy()) {
      for (int i = 0; i < a.length; i++) s += 0.5 * (a[i] - y[i]) * (a[i] - y[i]);
    } else if (program.blueprint.outputFunction() == Nonlinearity.SOFTMAX) {
      for (int i = 0; i < a.length; i++) if (y[i] != 0) s -= y[i] * Math.log(Math.max(a[i], Double.MIN_NORMAL));
    } else {
      for (int i = 0; i < a.length; i++) {
        s -= y[i] * Math.log(Math.max(a[i], Double.MIN_NORMAL))
            + (1 - y[i]) * Math.log(Math.max(1 - a[i], Double.MIN_NORMAL));
      }
    }
    return s / batch;
  }

  /**
   * Back-propagates the cost of the last forward pass, writing ∂C/∂w into the program's flat gradient
   * vector. With cross-entropy, ∂C/∂z = (a − y)/B is written straight into the output layer's dz.
   */
  public void backward() {
    org.mlmp.backend.Threads.applyToThisThread();
    int last = nodes.length - 1;
    long t0 = profile == null ? 0 : System.nanoTime();
    if (!fused || !nodes[last].outputGradient(target)) {
      INDArray g = fused ? nodes[last].dz() : dOut;
      g.assign(output()).subi(target).muli(1.0 / batch);
    }
    if (profile != null) profile[2 * nodes.length] += System.nanoTime() - t0;
    backwardLayers(nodes.length - 1, fused);
  }

  /**
   * Back-propagates a given gradient of some cost with respect to the network's output, ∂C/∂a (the shape of
   * {@link #target()}, or any shape with the output's length in row order), instead of the network's own cost,
   * writing ∂C/∂w into the program's flat gradient vector. The output layer's activation derivative applies.
   */
  public void backward(INDArray outputGradient) {
    backward(nodes.length - 1, outputGradient);
  }

  /**
   * Back-propagates a given gradient ∂C/∂a of layer {@code layer}'s output (any shape with that output's length in row
   * order, images in C·H·W order) after a forward pass through that layer at least: the backward passes of layers
   * {@code layer}..0 only, as {@link #backward(INDArray)} runs them for the last layer. ∂C/∂w of the layers after
   * it is 0 (C does not depend on them).
   */
  public void backward(int layer, INDArray layerGradient) {
    INDArray g = grads[layer + 1];
    INDArray given = layerGradient.reshape('c', g.shape());
    if (blocked[layer + 1]) HostBlocked.fromPlain(given.castTo(g.dataType()).dup('c'), g);
    else g.assign(given);
    if (layer < nodes.length - 1) {
      long from = program.offset[layer + 1], to = program.size();
      if (to > from) program.grads.get(NDArrayIndex.interval(from, to)).assign(0);
    }
    backwardLayers(layer, false);
  }

  /**
   * The backward passes of layers {@code last}..0; layer {@code last} from its dz when {@code fromDz} (fused
   * cross-entropy).
   */
  private void backwardLayers(int last, boolean fromDz) {
    for (int i = last; i >= 0; i--) {
      long t0 = profile == null ? 0 : System.nanoTime();
      if (i == last && fromDz) nodes[i].backwardFromDz();
      else nodes[i].backward();
      if (profile != null) profile[2 * i + 1] += System.nanoTime() - t0;
    }
  }

  /** Index of the first layer whose output holds NaN or ±∞ after the last forward pass, or -1. */
  public int firstNonFiniteLayer() {
    for (int i = 1; i < acts.length; i++) {
      if (acts[i].isInfinite().any() || acts[i].isNaN().any()) return i - 1;
    }
    return -1;
  }
}
