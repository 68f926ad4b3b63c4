package org.mlmp.backend;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.mlmp.backend.OneDnn.wrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.mlmp.backend.OneDnn.PrimitiveCall;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One convolution layer's forward pass and gradients computed by oneDNN's own primitives (forward, backward-weights,
 * backward-data), called directly through JavaCPP's oneDNN presets ({@code org.bytedeco:dnnl} 2.5.2) on the FLOAT
 * host arrays of a training plan: the activations NHWC or NCHW, the weights OIHW (OIYX). oneDNN picks its blocked
 * weight layouts; the weights are reordered into them before each pass and the weight gradient back out of them
 * (0.02–0.08 ms a reorder for LeNet's second layer at batch 64). NHWC activations are read and written in place; for
 * NCHW ones oneDNN also picks its layouts (blocks of 16 channels), and x, z, dz and dx are reordered into and out of
 * them on each pass (0.07–0.41 ms a reorder for AlexNet's conv1–5 at batch 8). On the NCHW arrays themselves oneDNN
 * runs im2col + GEMM ({@code gemm:jit}): AlexNet's conv2 forward and backward took 85.9 ms that way against 53.6 ms in
 * the blocked layouts (docs/nn-measurements.md, "oneDNN's primitives on AlexNet's layers"). NCHW-shaped arrays that
 * already hold oneDNN's blocked layout ({@link HostBlocked}, a plan's activations between two of oneDNN's convolutions
 * or pools) are read and written in place where the primitives take that layout. A layer built with
 * {@link Algorithm#WINOGRAD} runs oneDNN's Winograd kernels where oneDNN has them (3 × 3 at stride 1, AVX-512,
 * channels-first), the direct ones otherwise ({@link #algorithm()}).
 *
 * <p>libnd4j M2.1 reaches oneDNN's backward kernels only through {@code conv2d_bp}, which always computes the input
 * gradient too and keeps the weight gradient in the plain layout; its {@code conv2d} took about twice oneDNN's own
 * forward time on LeNet's first layer (docs/nn-measurements.md, "oneDNN's primitives called directly").
 *
 * <p>Each instance owns its oneDNN stream: one plan, one thread. {@link #available()} says whether the natives
 * loaded; when they did not (another platform, a failed extraction), training takes libnd4j's path and the reason is
 * logged once at INFO.
 */
public final class HostConvolution {

  /**
   * oneDNN's convolution algorithm: DIRECT sums the products as the definition does; WINOGRAD (3 × 3 kernels at
   * stride 1 only) computes 4 × 4 output tiles from transformed 6 × 6 input tiles with a quarter of the
   * multiplications, at a rounding error 2–5 times the direct kernels' in float (relative norms 4e-7 to 1e-6
   * against 2e-7 on the output and input gradient, docs/nn-measurements.md, "Winograd convolutions").
   */
  public enum Algorithm {
    /** The products summed as the definition sums them (every kernel, stride and layout). */
    DIRECT,
    /** F(4×4, 3×3) on transformed tiles (3 × 3 kernels at stride 1, AVX-512, channels-first). */
    WINOGRAD
  }

  /**
   * The layer's geometry: {@code batch} images of {@code channels} × {@code height} × {@code width} in,
   * {@code outChannels} out, a square {@code kernel}, {@code stride} and {@code padding} on both sides; activations
   * channels-last (NHWC) or channels-first (NCHW).
   *
   * @param batch images per pass
   * @param channels input channels
   * @param height input rows
   * @param width input columns
   * @param outChannels output channels
   * @param kernel the kernel's side
   * @param stride the step in both directions
   * @param padding zeros added on each side
   * @param channelsLast NHWC activations (else NCHW)
   */
  public record Geometry(long batch, long channels, long height, long width, long outChannels, int kernel, int stride,
      int padding, boolean channelsLast) {
    /**
     * Rejects sizes below 1 (padding below 0) and a kernel larger than the padded input, naming the value.
     *
     * @param batch images per pass
     * @param channels input channels
     * @param height input rows
     * @param width input columns
     * @param outChannels output channels
     * @param kernel the kernel's side
     * @param stride the step in both directions
     * @param padding zeros added on each side
     * @param channelsLast NHWC activations (else NCHW)
     */
    public Geometry {
      OneDnn.requirePositive("HostConvolution.Geometry", new String[] {"batch", "channels", "height", "width",
          "outChannels", "kernel", "stride"}, batch, channels, height, width, outChannels, kernel, stride);
      if (padding < 0) {
        throw new IllegalArgumentException("HostConvolution.Geometry: padding must be >= 0. Got " + padding + ".");
      }
      if (height + 2L * padding < kernel || width + 2L * padding < kernel) {
        throw new IllegalArgumentException("HostConvolution.Geometry: a " + kernel + "x" + kernel + " kernel does not"
            + " fit a " + height + "x" + width + " input padded by " + padding + "; use a smaller kernel or more"
            + " padding.");
      }
    }

    /**
     * The geometry of one layer.
     *
     * @param batch images per pass
     * @param channels input channels
     * @param height input rows
     * @param width input columns
     * @param outChannels output channels
     * @param kernel the kernel's side
     * @param stride the step in both directions
     * @param padding zeros added on each side
     * @param channelsLast NHWC activations (else NCHW)
     * @return the geometry
     * @throws IllegalArgumentException as the constructor
     */
    public static Geometry of(long batch, long channels, long height, long width, long outChannels, int kernel,
        int stride, int padding, boolean channelsLast) {
      return new Geometry(batch, channels, height, width, outChannels, kernel, stride, padding, channelsLast);
    }

    /**
     * Whether oneDNN's Winograd kernels (F(4×4, 3×3): 4 × 4 output tiles) are expected to beat its direct ones for
     * this layer on {@code threads} threads: a 3 × 3 kernel at stride 1, at least 16 channels on each side and 512
     * channel pairs, at least 32 output tiles per thread, and at least 2²² multiply-adds per kernel position for the
     * batch. Measured on an AVX-512 EPYC on two threads (docs/nn-measurements.md, "Winograd convolutions"): AlexNet's
     * conv3–5 at batch 8 ran forward and backward in 0.55–0.68 of the direct kernels' time; layers with fewer
     * channels, tiles or multiply-adds ran up to 2.8 times slower on Winograd (8 images of 16 channels at 13 × 13; one
     * image of AlexNet's conv4 1.7 times).
     *
     * @param threads the threads the layer runs on
     * @return true where Winograd is expected to pay
     */
    public boolean winogradPays(int threads) {
      long oh = outHeight(), ow = outWidth();
      long tiles = batch * ((oh + 3) / 4) * ((ow + 3) / 4);
      return kernel == 3 && stride == 1 && channels >= 16 && outChannels >= 16 && channels * outChannels >= 512
          && tiles >= 32L * threads && batch * channels * outChannels * oh * ow >= 1L << 22;
    }

    long outHeight() {
      return (height + 2L * padding - kernel) / stride + 1;
    }

    long outWidth() {
      return (width + 2L * padding - kernel) / stride + 1;
    }

    long[] input() {
      return OneDnn.shape(batch, channels, height, width, channelsLast);
    }

    long[] output() {
      return OneDnn.shape(batch, outChannels, outHeight(), outWidth(), channelsLast);
    }
  }

  private final stream stream;
  /** The primitives of each pass with their arguments, run in order: reorders into and out of oneDNN's layouts too. */
  private final PrimitiveCall[] forward, backward;
  /** Builds the passes and keeps the native objects their argument maps point to alive as long as this layer. */
  private final PassBuilder passes = new PassBuilder();

  /** The reorders of activations and their gradients into and out of oneDNN's layouts in the passes (for tests). */
  private int activationReorders;
  /** The algorithm the passes run. */
  private final Algorithm chosen;

  /**
   * Whether oneDNN's natives loaded on this machine (loads them on the first call).
   *
   * @return true when {@link #of} can build layers
   */
  public static boolean available() {
    return OneDnn.Loaded.ENGINE != null;
  }

  /**
   * Why oneDNN's natives did not load, for error messages.
   *
   * @return the failure, or empty when {@link #available()}
   */
  public static Optional<String> unavailableReason() {
    return Optional.ofNullable(OneDnn.Loaded.FAILURE);
  }

  /**
   * A layer over these arrays (read and written in place on every pass).
   *
   * @param g the geometry
   * @param x the input {@code g.input()} shape
   * @param w the weights {@code [O, C, k, k]}
   * @param b the bias {@code [O]}
   * @param z the output (pre-activation) {@code g.output()} shape, written by {@link #forward()}
   * @param dz ∂C/∂z, read by {@link #backward()}
   * @param dx ∂C/∂x, written by {@link #backward()}; null when the layer needs no input gradient
   * @param gw ∂C/∂w, written by {@link #backward()}
   * @param gb ∂C/∂b, written by {@link #backward()}
   * @return the layer
   * @throws IllegalStateException when oneDNN's natives did not load (the reason is named)
   * @throws IllegalArgumentException when an array is not FLOAT host memory in one row-major run, or its shape is not
   *     the geometry's (the array and both shapes are named)
   */
  public static HostConvolution of(Geometry g, INDArray x, INDArray w, INDArray b, INDArray z, INDArray dz,
      INDArray dx, INDArray gw, INDArray gb) {
    return of(g, HostBlocked.Sides.NONE, Algorithm.DIRECT, x, w, b, z, dz, dx, gw, gb);
  }

  /**
   * {@link #of(Geometry, INDArray, INDArray, INDArray, INDArray, INDArray, INDArray, INDArray, INDArray)} with x and
   * dx, or z and dz, in oneDNN's blocked layout ({@link HostBlocked}) where {@code sides} says so; where oneDNN's
   * kernels work in that layout, the passes then run no reorder of those arrays; with {@code algorithm}
   * {@link Algorithm#WINOGRAD} on Winograd's kernels where oneDNN has them for the layer ({@link #algorithm()} says
   * which ran).
   *
   * @param g the geometry (channels-first for a blocked side)
   * @param sides which sides hold the blocked layout
   * @param algorithm the algorithm asked for
   * @param x the input {@code g.input()} shape
   * @param w the weights {@code [O, C, k, k]}
   * @param b the bias {@code [O]}
   * @param z the output (pre-activation) {@code g.output()} shape, written by {@link #forward()}
   * @param dz ∂C/∂z, read by {@link #backward()}
   * @param dx ∂C/∂x, written by {@link #backward()}; null when the layer needs no input gradient
   * @param gw ∂C/∂w, written by {@link #backward()}
   * @param gb ∂C/∂b, written by {@link #backward()}
   * @return the layer
   * @throws IllegalStateException when oneDNN's natives did not load (the reason is named)
   * @throws IllegalArgumentException as the other {@code of}, and for a blocked side whose channels are not a multiple
   *     of {@link HostBlocked#block()} or whose geometry is channels-last (the value named)
   */
  public static HostConvolution of(Geometry g, HostBlocked.Sides sides, Algorithm algorithm, INDArray x, INDArray w,
      INDArray b, INDArray z, INDArray dz, INDArray dx, INDArray gw, INDArray gb) {
    OneDnn.requireLoaded("HostConvolution");
    long k = g.kernel(), c = g.channels(), o = g.outChannels();
    long[] weights = {o, c, k, k};
    check("x", x, g.input());
    check("w", w, weights);
    check("b", b, new long[] {o});
    check("z", z, g.output());
    check("dz", dz, g.output());
    if (dx != null) check("dx", dx, g.input());
    check("gw", gw, weights);
    check("gb", gb, new long[] {o});
    return new HostConvolution(g, sides, algorithm, x, w, b, z, dz, dx, gw, gb);
  }

  /**
   * A layer that computes only the input gradient, ∂C/∂x from dz and w (oneDNN's backward-data primitive); its
   * {@link #forward()} refuses to run. For a strided layer's input gradient as the stride-1 one of an equivalent
   * convolution on space-to-depth blocks, where oneDNN's own kernel for few input channels is slow.
   *
   * @param g the geometry
   * @param algorithm the algorithm asked for, as in {@link #of(Geometry, HostBlocked.Sides, Algorithm, INDArray,
   *     INDArray, INDArray, INDArray, INDArray, INDArray, INDArray, INDArray)}
   * @param w the weights {@code [O, C, k, k]}, read by {@link #backward()}
   * @param dz ∂C/∂z, read by {@link #backward()}
   * @param dx ∂C/∂x, written by {@link #backward()}
   * @return the layer
   * @throws IllegalStateException when oneDNN's natives did not load (the reason is named)
   * @throws IllegalArgumentException as {@link #of}
   */
  public static HostConvolution inputGradient(Geometry g, Algorithm algorithm, INDArray w, INDArray dz,
      INDArray dx) {
    OneDnn.requireLoaded("HostConvolution");
    long k = g.kernel();
    check("w", w, new long[] {g.outChannels(), g.channels(), k, k});
    check("dz", dz, g.output());
    check("dx", dx, g.input());
    return new HostConvolution(g, HostBlocked.Sides.NONE, algorithm, null, w, null, null, dz, dx, null, null);
  }

  private static void check(String name, INDArray a, long[] shape) {
    OneDnn.check("HostConvolution", name, a, shape);
  }

  /** With {@code x} null: the input gradient only ({@link #inputGradient}). */
  private HostConvolution(Geometry g, HostBlocked.Sides sides, Algorithm asked, INDArray x, INDArray w, INDArray b,
      INDArray z, INDArray dz, INDArray dx, INDArray gw, INDArray gb) {
    engine e = OneDnn.Loaded.ENGINE;
    stream = new stream(e);
    passes.keep(x, w, b, z, dz, dx, gw, gb);
    var f32 = memory.data_type.f32;
    memory.desc src = HostBlocked.user("HostConvolution", "input", sides.input(), g.batch(), g.channels(), g.height(),
        g.width(), g.channelsLast());
    memory.desc dst = HostBlocked.user("HostConvolution", "output", sides.output(), g.batch(), g.outChannels(),
        g.outHeight(), g.outWidth(), g.channelsLast());
    // Channels-last, the primitives work on the arrays themselves; channels-first, oneDNN picks its layouts (blocks of
    // channels), which the arrays are reordered into and out of unless they hold them already (blocked sides): on
    // NCHW arrays themselves it runs slower kernels (docs/nn-measurements.md, "oneDNN's primitives on AlexNet's
    // layers").
    memory.desc srcAny = g.channelsLast() ? src : new memory.desc(new long[] {g.batch(), g.channels(), g.height(),
        g.width()}, f32, memory.format_tag.any);
    memory.desc dstAny = g.channelsLast() ? dst : new memory.desc(new long[] {g.batch(), g.outChannels(),
        g.outHeight(), g.outWidth()}, f32, memory.format_tag.any);
    // Winograd where asked and oneDNN has a kernel for it (3 × 3, stride 1, AVX-512, blocked layouts); else direct.
    Descriptors d = null;
    if (asked == Algorithm.WINOGRAD) {
      try {
        d = Descriptors.of(algorithm.convolution_winograd, g, srcAny, dstAny, x != null, dx != null);
      } catch (RuntimeException noKernel) {
        d = null;
      }
    }
    if (d == null) d = Descriptors.of(algorithm.convolution_direct, g, srcAny, dstAny, x != null, dx != null);
    chosen = d.algorithm == algorithm.convolution_winograd ? Algorithm.WINOGRAD : Algorithm.DIRECT;
    long k = g.kernel();
    long[] wDims = {g.outChannels(), g.channels(), k, k};
    memory.desc wUser = new memory.desc(wDims, f32, memory.format_tag.oihw);
    memory.desc bias = new memory.desc(new long[] {g.outChannels()}, f32, memory.format_tag.x);
    var fpd = d.forward;
    memory wm = wrap(wUser, w), dzm = wrap(dst, dz);
    passes.keep(fpd, wm, dzm);
    List<PrimitiveCall> fw = new ArrayList<>(), bw = new ArrayList<>();
    memory dzWeights = null;
    convolution_backward_weights.primitive_desc wpd = d.weights;
    if (x != null) {
      memory xm = wrap(src, x), bm = wrap(bias, b), zm = wrap(dst, z), gwm = wrap(wUser, gw), gbm = wrap(bias, gb);
      passes.keep(wpd, xm, bm, zm, gwm, gbm);
      memory wForward = into(wm, fpd.weights_desc(), fw, false);
      memory xForward = into(xm, fpd.src_desc(), fw, true);
      memory zForward = passes.own(zm, fpd.dst_desc());
      fw.add(passes.call(new convolution_forward(fpd), DNNL_ARG_SRC, xForward, DNNL_ARG_WEIGHTS, wForward,
          DNNL_ARG_BIAS, bm, DNNL_ARG_DST, zForward));
      out(zForward, zm, fw, true);
      dzWeights = into(dzm, wpd.diff_dst_desc(), bw, true);
      memory xWeights = into(xm, wpd.src_desc(), bw, true);
      memory gwBlocked = new memory(wpd.diff_weights_desc(), e);
      passes.keep(gwBlocked);
      bw.add(passes.call(new convolution_backward_weights(wpd), DNNL_ARG_SRC, xWeights, DNNL_ARG_DIFF_DST, dzWeights,
          DNNL_ARG_DIFF_WEIGHTS, gwBlocked, DNNL_ARG_DIFF_BIAS, gbm));
      out(gwBlocked, gwm, bw, false);
    }
    if (dx != null) {
      var dpd = d.data;
      memory dxm = wrap(src, dx);
      passes.keep(dpd, dxm);
      memory dzData = wpd != null && dpd.diff_dst_desc().equals(wpd.diff_dst_desc()) ? dzWeights
          : into(dzm, dpd.diff_dst_desc(), bw, true);
      memory wData = into(wm, dpd.weights_desc(), bw, false);
      memory dxData = passes.own(dxm, dpd.diff_src_desc());
      bw.add(passes.call(new convolution_backward_data(dpd), DNNL_ARG_DIFF_DST, dzData, DNNL_ARG_WEIGHTS, wData,
          DNNL_ARG_DIFF_SRC, dxData));
      out(dxData, dxm, bw, true);
    }
    forward = x == null ? null : fw.toArray(PrimitiveCall[]::new);
    backward = bw.toArray(PrimitiveCall[]::new);
  }

  /**
   * The primitive descriptors of one layer for one algorithm: the forward pass's (also the hint of the other two),
   * backward-weights' where the layer has a forward pass, backward-data's where it has an input gradient (else null).
   * oneDNN throws when it has no kernel for the algorithm on this processor and these layouts.
   */
  private record Descriptors(algorithm algorithm, convolution_forward.primitive_desc forward,
      convolution_backward_weights.primitive_desc weights, convolution_backward_data.primitive_desc data) {
    static Descriptors of(algorithm alg, Geometry g, memory.desc srcAny, memory.desc dstAny, boolean weightGradient,
        boolean inputGradient) {
      engine e = OneDnn.Loaded.ENGINE;
      long k = g.kernel(), s = g.stride(), p = g.padding();
      memory.desc wAny = new memory.desc(new long[] {g.outChannels(), g.channels(), k, k}, memory.data_type.f32,
          memory.format_tag.any);
      memory.desc bias = new memory.desc(new long[] {g.outChannels()}, memory.data_type.f32, memory.format_tag.x);
      long[] strides = {s, s}, pad = {p, p};
      var fpd = new convolution_forward.primitive_desc(new convolution_forward.desc(prop_kind.forward_training, alg,
          srcAny, wAny, bias, dstAny, strides, pad, pad), e);
      var wpd = !weightGradient ? null : new convolution_backward_weights.primitive_desc(
          new convolution_backward_weights.desc(alg, srcAny, wAny, bias, dstAny, strides, pad, pad), e, fpd);
      var dpd = !inputGradient ? null : new convolution_backward_data.primitive_desc(
          new convolution_backward_data.desc(alg, srcAny, wAny, dstAny, strides, pad, pad), e, fpd);
      return new Descriptors(alg, fpd, wpd, dpd);
    }
  }

  /**
   * The algorithm the passes run: {@link Algorithm#WINOGRAD} where it was asked for and oneDNN had a kernel for the
   * layer, else {@link Algorithm#DIRECT}.
   *
   * @return the algorithm
   */
  public Algorithm algorithm() {
    return chosen;
  }

  /**
   * How many reorders of x, z, dz or dx a forward and a backward pass run: 0 channels-last (the primitives work on
   * the arrays themselves); channels-first, those of oneDNN's layouts that differ from the arrays'.
   *
   * @return the count
   */
  int activationReorders() {
    return activationReorders;
  }

  /**
   * {@link PassBuilder#into}; {@code activation}: whether {@code user} is x, z, dz or dx (a reorder then counted in
   * {@link #activationReorders}).
   */
  private memory into(memory user, memory.desc want, List<PrimitiveCall> steps, boolean activation) {
    memory m = passes.into(user, want, steps);
    if (activation && m != user) activationReorders++;
    return m;
  }

  /** {@link PassBuilder#out}, counted as {@link #into} counts. */
  private void out(memory result, memory user, List<PrimitiveCall> steps, boolean activation) {
    passes.out(result, user, steps);
    if (activation && result != user) activationReorders++;
  }

  /** z = conv(x, w) + b. */
  public void forward() {
    if (forward == null) {
      throw new IllegalStateException("HostConvolution: this layer was built for the input gradient only"
          + " (HostConvolution.inputGradient); build it with HostConvolution.of to run the forward pass.");
    }
    OneDnn.run(stream, forward);
  }

  /**
   * ∂C/∂w and ∂C/∂b from x and dz; ∂C/∂x from dz and w where the layer has an input gradient (only that for
   * {@link #inputGradient}).
   */
  public void backward() {
    OneDnn.run(stream, backward);
  }
}
