package org.mlmp.backend;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.mlmp.backend.OneDnn.wrap;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.stream;
import org.mlmp.backend.OneDnn.PrimitiveCall;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One pooling layer (max, or average over the cells of each window; no padding) computed by oneDNN's own pooling
 * primitives on FLOAT host arrays: NHWC arrays in place; NCHW arrays reordered into oneDNN's blocked layout
 * ({@link HostBlocked}) and back, or in place where they hold it already. A max pool's forward pass records
 * in a workspace where each maximum came from, and its backward pass reads it there instead of searching x again as
 * libnd4j's {@code maxpool2d_bp} does: LeNet's first pool at batch 128 (NHWC {@code [128, 24, 24, 20]}) 0.18–0.20 ms
 * against 0.35–0.38 ms, the same values (docs/nn-measurements.md, "oneDNN's primitives called directly").
 *
 * <p>{@link #backward()} uses the workspace of the last {@link #forward()}: call it after the forward pass of the same
 * x, as a training step does. Each instance owns its stream: one plan, one thread.
 */
public final class HostPooling {

  /**
   * Whether oneDNN's kernels run with AVX-512 on this processor (its effective ISA includes {@code avx512_core}); false
   * when its natives did not load. Its NHWC max pool is fast there: LeNet's first pool at batch 64 ({@code [64, 24, 24,
   * 20]}) took 0.057 / 0.092 ms forward / backward on a Zen 5 AMD EPYC, against 3.2 / 3.0 ms at {@code jit:avx2} on a
   * Zen 3 one (docs/nn-measurements.md, "The padded copy and the Java pool below AVX-512 only").
   *
   * @return whether oneDNN runs its AVX-512 kernels here
   */
  public static boolean avx512() {
    return OneDnn.avx512();
  }

  /**
   * A pool's geometry.
   *
   * @param batch images per pass
   * @param channels channels (the same out)
   * @param height input rows
   * @param width input columns
   * @param size the window's side
   * @param stride the step in both directions
   * @param max the maximum of each window (else its average)
   * @param channelsLast NHWC activations (else NCHW)
   */
  public record PoolGeometry(long batch, long channels, long height, long width, int size, int stride, boolean max,
      boolean channelsLast) {
    /**
     * Rejects sizes below 1 and a window larger than the input, naming the value.
     *
     * @param batch images per pass
     * @param channels channels (the same out)
     * @param height input rows
     * @param width input columns
     * @param size the window's side
     * @param stride the step in both directions
     * @param max the maximum of each window (else its average)
     * @param channelsLast NHWC activations (else NCHW)
     */
    public PoolGeometry {
      OneDnn.requirePositive("HostPooling.PoolGeometry", new String[] {"batch", "channels", "height", "width",
          "size", "stride"}, batch, channels, height, width, size, stride);
      if (height < size || width < size) {
        throw new IllegalArgumentException("HostPooling.PoolGeometry: a " + size + "x" + size + " window does not fit"
            + " a " + height + "x" + width + " input; use a smaller window.");
      }
    }

    /**
     * A pool's geometry.
     *
     * @param batch images per pass
     * @param channels channels (the same out)
     * @param height input rows
     * @param width input columns
     * @param size the window's side
     * @param stride the step in both directions
     * @param max the maximum of each window (else its average)
     * @param channelsLast NHWC activations (else NCHW)
     * @return the geometry
     * @throws IllegalArgumentException as the constructor
     */
    public static PoolGeometry of(long batch, long channels, long height, long width, int size, int stride, boolean max,
        boolean channelsLast) {
      return new PoolGeometry(batch, channels, height, width, size, stride, max, channelsLast);
    }

    long outHeight() {
      return (height - size) / stride + 1;
    }

    long outWidth() {
      return (width - size) / stride + 1;
    }

    long[] input() {
      return OneDnn.shape(batch, channels, height, width, channelsLast);
    }

    long[] output() {
      return OneDnn.shape(batch, channels, outHeight(), outWidth(), channelsLast);
    }
  }

  private final stream stream;
  /** The steps of each pass in order (a pool; on NCHW arrays with reorders into and out of it). */
  private final PrimitiveCall[] forward, backward;
  /** Builds the passes and keeps the native objects their argument maps point to alive as long as this layer. */
  private final PassBuilder passes = new PassBuilder();

  /**
   * A pool over these arrays (read and written in place on every pass).
   *
   * @param g the geometry
   * @param x the input, {@code g.input()} shape
   * @param y the output, {@code g.output()} shape, written by {@link #forward()}
   * @param dy ∂C/∂y, read by {@link #backward()}; null with {@code dx} for a pool without backward pass
   * @param dx ∂C/∂x, written by {@link #backward()}; null with {@code dy}
   * @return the pool
   * @throws IllegalStateException when oneDNN's natives did not load (the reason is named)
   * @throws IllegalArgumentException when an array is not FLOAT host memory in one row-major run or its shape is not
   *     the geometry's, or only one of dy and dx is given
   */
  public static HostPooling of(PoolGeometry g, INDArray x, INDArray y, INDArray dy, INDArray dx) {
    return of(g, HostBlocked.Sides.NONE, x, y, dy, dx);
  }

  /**
   * {@link #of(PoolGeometry, INDArray, INDArray, INDArray, INDArray)} with x and dx, or y and dy, in oneDNN's blocked
   * layout ({@link HostBlocked}) where {@code sides} says so: those arrays are then pooled in place, not reordered.
   *
   * @param g the geometry (channels-first for a blocked side)
   * @param sides which sides hold the blocked layout
   * @param x the input, {@code g.input()} shape
   * @param y the output, {@code g.output()} shape, written by {@link #forward()}
   * @param dy ∂C/∂y, read by {@link #backward()}; null with {@code dx} for a pool without backward pass
   * @param dx ∂C/∂x, written by {@link #backward()}; null with {@code dy}
   * @return the pool
   * @throws IllegalStateException when oneDNN's natives did not load (the reason is named)
   * @throws IllegalArgumentException as the other {@code of}, and for a blocked side whose channels are not a multiple
   *     of {@link HostBlocked#block()} or whose geometry is channels-last (the value named)
   */
  public static HostPooling of(PoolGeometry g, HostBlocked.Sides sides, INDArray x, INDArray y, INDArray dy,
      INDArray dx) {
    OneDnn.requireLoaded("HostPooling");
    if ((dy == null) != (dx == null)) {
      throw new IllegalArgumentException("HostPooling: dy and dx come together (a backward pass) or not at all. Got "
          + (dy == null ? "dx without dy" : "dy without dx") + ".");
    }
    OneDnn.check("HostPooling", "x", x, g.input());
    OneDnn.check("HostPooling", "y", y, g.output());
    if (dy != null) {
      OneDnn.check("HostPooling", "dy", dy, g.output());
      OneDnn.check("HostPooling", "dx", dx, g.input());
    }
    return new HostPooling(g, sides, x, y, dy, dx);
  }

  private HostPooling(PoolGeometry g, HostBlocked.Sides sides, INDArray x, INDArray y, INDArray dy, INDArray dx) {
    stream = new stream(OneDnn.Loaded.ENGINE);
    memory.desc userSrc = HostBlocked.user("HostPooling", "input", sides.input(), g.batch(), g.channels(), g.height(),
        g.width(), g.channelsLast());
    memory.desc userDst = HostBlocked.user("HostPooling", "output", sides.output(), g.batch(), g.channels(),
        g.outHeight(), g.outWidth(), g.channelsLast());
    // NCHW pools run on oneDNN's blocked layout: on the NCHW arrays themselves oneDNN 2.5 runs its simple_nchw pool,
    // which took 12–14 ms forward for AlexNet's first pool at batch 8 ([8, 64, 55, 55], 3 × 3 windows, stride 2) on
    // an AVX2 AMD EPYC, libnd4j's maxpool2d 12 ms (docs/nn-measurements.md, "LeNet on an AMD EPYC with AVX2 only").
    memory.desc src = g.channelsLast() ? userSrc : HostBlocked.desc(g.batch(), g.channels(), g.height(), g.width());
    memory.desc dst = g.channelsLast() ? userDst
        : HostBlocked.desc(g.batch(), g.channels(), g.outHeight(), g.outWidth());
    long[] window = {g.size(), g.size()}, strides = {g.stride(), g.stride()}, pad = {0, 0};
    // no padding, so "exclude padding" and "include padding" are the same average: the cells of each window
    algorithm alg = g.max() ? algorithm.pooling_max : algorithm.pooling_avg_exclude_padding;
    var fpd = new pooling_forward.primitive_desc(new pooling_forward.desc(dy != null ? prop_kind.forward_training
        : prop_kind.forward_inference, alg, src, dst, strides, window, pad, pad), OneDnn.Loaded.ENGINE);
    boolean workspace = dy != null && g.max();
    memory ws = workspace ? new memory(fpd.workspace_desc(), OneDnn.Loaded.ENGINE) : null;
    List<PrimitiveCall> fw = new ArrayList<>();
    memory xUser = wrap(userSrc, x), yUser = wrap(userDst, y);
    memory xm = passes.into(xUser, src, fw), ym = passes.own(yUser, dst);
    fw.add(workspace ? passes.call(new pooling_forward(fpd), DNNL_ARG_SRC, xm, DNNL_ARG_DST, ym, DNNL_ARG_WORKSPACE, ws)
        : passes.call(new pooling_forward(fpd), DNNL_ARG_SRC, xm, DNNL_ARG_DST, ym));
    passes.out(ym, yUser, fw);
    forward = fw.toArray(PrimitiveCall[]::new);
    passes.keep(x, y, fpd, xUser, yUser, ws);
    if (dy == null) {
      backward = null;
      return;
    }
    var bpd = new pooling_backward.primitive_desc(new pooling_backward.desc(alg, src, dst, strides, window, pad, pad),
        OneDnn.Loaded.ENGINE, fpd);
    List<PrimitiveCall> bw = new ArrayList<>();
    memory dyUser = wrap(userDst, dy), dxUser = wrap(userSrc, dx);
    memory dym = passes.into(dyUser, dst, bw), dxm = passes.own(dxUser, src);
    bw.add(workspace
        ? passes.call(new pooling_backward(bpd), DNNL_ARG_DIFF_DST, dym, DNNL_ARG_DIFF_SRC, dxm, DNNL_ARG_WORKSPACE, ws)
        : passes.call(new pooling_backward(bpd), DNNL_ARG_DIFF_DST, dym, DNNL_ARG_DIFF_SRC, dxm));
    passes.out(dxm, dxUser, bw);
    backward = bw.toArray(PrimitiveCall[]::new);
    passes.keep(dy, dx, bpd, dyUser, dxUser);
  }

  /** y = the pool of x (and, for a max pool with a backward pass, where each maximum came from). */
  public void forward() {
    OneDnn.run(stream, forward);
  }

  /**
   * ∂C/∂x from ∂C/∂y (and the last forward pass's workspace for a max pool).
   *
   * @throws IllegalStateException for a pool built without dy and dx
   */
  public void backward() {
    if (backward == null) {
      throw new IllegalStateException("HostPooling.backward: this pool was built without dy and dx (no backward pass);"
          + " pass both to HostPooling.of.");
    }
    OneDnn.run(stream, backward);
  }
}
