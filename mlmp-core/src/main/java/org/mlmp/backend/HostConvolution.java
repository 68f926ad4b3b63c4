package org.mlmp.backend;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.mlmp.backend.OneDnn.args;
import static org.mlmp.backend.OneDnn.wrap;

import java.util.Optional;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One convolution layer's forward pass and gradients computed by oneDNN's own primitives (forward, backward-weights,
 * backward-data), called directly through JavaCPP's oneDNN presets ({@code org.bytedeco:dnnl} 2.5.2) on the FLOAT
 * host arrays of a training plan, without copies: the activations NHWC or NCHW, the weights OIHW (OIYX). oneDNN picks
 * its blocked weight layouts; the weights are reordered into them before each pass and the weight gradient back out
 * of them (0.02–0.08 ms a reorder for LeNet's second layer at batch 64).
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
  private final primitive forward, backwardWeights, backwardData, weightsToForward, weightsToData, gradientOut;
  private final IntMemoryMap forwardArgs, weightsArgs, dataArgs, toForwardArgs, toDataArgs, gradientArgs;
  /** Kept so that the native objects the argument maps point to live as long as this layer. */
  private final Object[] keep;

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
    return new HostConvolution(g, x, w, b, z, dz, dx, gw, gb);
  }

  private static void check(String name, INDArray a, long[] shape) {
    OneDnn.check("HostConvolution", name, a, shape);
  }

  private HostConvolution(Geometry g, INDArray x, INDArray w, INDArray b, INDArray z, INDArray dz, INDArray dx,
      INDArray gw, INDArray gb) {
    engine e = OneDnn.Loaded.ENGINE;
    stream = new stream(e);
    var f32 = memory.data_type.f32;
    long k = g.kernel(), s = g.stride(), p = g.padding();
    memory.desc src = OneDnn.activations(g.batch(), g.channels(), g.height(), g.width(), g.channelsLast());
    memory.desc dst = OneDnn.activations(g.batch(), g.outChannels(), g.outHeight(), g.outWidth(), g.channelsLast());
    long[] wDims = {g.outChannels(), g.channels(), k, k};
    memory.desc wAny = new memory.desc(wDims, f32, memory.format_tag.any);
    memory.desc wUser = new memory.desc(wDims, f32, memory.format_tag.oihw);
    memory.desc bias = new memory.desc(new long[] {g.outChannels()}, f32, memory.format_tag.x);
    long[] strides = {s, s}, pad = {p, p};
    var fpd = new convolution_forward.primitive_desc(new convolution_forward.desc(prop_kind.forward_training,
        algorithm.convolution_direct, src, wAny, bias, dst, strides, pad, pad), e);
    var wpd = new convolution_backward_weights.primitive_desc(new convolution_backward_weights.desc(
        algorithm.convolution_direct, src, wAny, bias, dst, strides, pad, pad), e, fpd);
    memory xm = wrap(src, x), wm = wrap(wUser, w), bm = wrap(bias, b), zm = wrap(dst, z), dzm = wrap(dst, dz);
    memory gwm = wrap(wUser, gw), gbm = wrap(bias, gb);
    memory wForward = new memory(fpd.weights_desc(), e), gwBlocked = new memory(wpd.diff_weights_desc(), e);
    forward = new convolution_forward(fpd);
    backwardWeights = new convolution_backward_weights(wpd);
    weightsToForward = new reorder(wm, wForward);
    gradientOut = new reorder(gwBlocked, gwm);
    forwardArgs = args(DNNL_ARG_SRC, xm, DNNL_ARG_WEIGHTS, wForward, DNNL_ARG_BIAS, bm, DNNL_ARG_DST, zm);
    weightsArgs = args(DNNL_ARG_SRC, xm, DNNL_ARG_DIFF_DST, dzm, DNNL_ARG_DIFF_WEIGHTS, gwBlocked, DNNL_ARG_DIFF_BIAS,
        gbm);
    toForwardArgs = args(DNNL_ARG_FROM, wm, DNNL_ARG_TO, wForward);
    gradientArgs = args(DNNL_ARG_FROM, gwBlocked, DNNL_ARG_TO, gwm);
    if (dx != null) {
      var dpd = new convolution_backward_data.primitive_desc(new convolution_backward_data.desc(
          algorithm.convolution_direct, src, wAny, dst, strides, pad, pad), e, fpd);
      memory wData = new memory(dpd.weights_desc(), e), dxm = wrap(src, dx);
      backwardData = new convolution_backward_data(dpd);
      weightsToData = new reorder(wm, wData);
      dataArgs = args(DNNL_ARG_DIFF_DST, dzm, DNNL_ARG_WEIGHTS, wData, DNNL_ARG_DIFF_SRC, dxm);
      toDataArgs = args(DNNL_ARG_FROM, wm, DNNL_ARG_TO, wData);
      keep = new Object[] {x, w, b, z, dz, dx, gw, gb, fpd, wpd, dpd, xm, wm, bm, zm, dzm, gwm, gbm, wForward,
          gwBlocked, wData, dxm};
    } else {
      backwardData = weightsToData = null;
      dataArgs = toDataArgs = null;
      keep = new Object[] {x, w, b, z, dz, gw, gb, fpd, wpd, xm, wm, bm, zm, dzm, gwm, gbm, wForward, gwBlocked};
    }
  }

  /** z = conv(x, w) + b. */
  public void forward() {
    weightsToForward.execute(stream, toForwardArgs);
    forward.execute(stream, forwardArgs);
  }

  /** ∂C/∂w and ∂C/∂b from x and dz; ∂C/∂x from dz and w where the layer has an input gradient. */
  public void backward() {
    backwardWeights.execute(stream, weightsArgs);
    gradientOut.execute(stream, gradientArgs);
    if (backwardData != null) {
      weightsToData.execute(stream, toDataArgs);
      backwardData.execute(stream, dataArgs);
    }
  }
}
