package org.mlmp.backend;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.Arrays;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's blocked layout for NCHW activations, which {@link HostConvolution} and {@link HostPooling} can read and
 * write in place: blocks of {@link #block()} channels ({@code nChw16c} with AVX-512, else {@code nChw8c}), the layout
 * oneDNN's own convolution and pooling kernels pick for channels-first activations. An array in it keeps its NCHW
 * shape {@code [B, C, H, W]} and its length (the channels a multiple of the block), but not NCHW's element order: a
 * layer that writes it and the next layer that reads it skip the reorders out of and back into the blocks (AlexNet's
 * convolutions and pools at batch 8 ran 33 of them a step, 0.015–0.31 ms each, and now 3; docs/nn-measurements.md,
 * "AlexNet's activations in oneDNN's blocked layout"). {@link #toPlain} and {@link #fromPlain} convert.
 */
public final class HostBlocked {
  private HostBlocked() {}

  /**
   * Which activation arrays of a layer hold the blocked layout instead of NCHW: its input side (x and ∂C/∂x) and its
   * output side (the pre-activation z and ∂C/∂z of a convolution, y and ∂C/∂y of a pool).
   *
   * @param input x and ∂C/∂x blocked
   * @param output the output and its gradient blocked
   */
  public record Sides(boolean input, boolean output) {
    /** Both sides NCHW. */
    public static final Sides NONE = new Sides(false, false);

    /**
     * A layer's sides.
     *
     * @param input x and ∂C/∂x blocked
     * @param output the output and its gradient blocked
     * @return the sides
     */
    public static Sides of(boolean input, boolean output) {
      return new Sides(input, output);
    }
  }

  /**
   * Channels per block on this processor: 16 with AVX-512, else 8 (oneDNN's choice for its {@code jit} kernels).
   *
   * @return the block
   */
  public static int block() {
    return CpuFeatures.current().avx512() ? 16 : 8;
  }

  /**
   * Whether an activation of {@code channels} channels can be held blocked: a whole number of blocks.
   *
   * @param channels the activation's channels
   * @return true when {@code channels} is a positive multiple of {@link #block()}
   */
  public static boolean fits(long channels) {
    return channels > 0 && channels % block() == 0;
  }

  /** The blocked layout of NCHW dimensions. */
  static memory.desc desc(long batch, long channels, long height, long width) {
    return new memory.desc(new long[] {batch, channels, height, width}, memory.data_type.f32,
        block() == 16 ? memory.format_tag.nChw16c : memory.format_tag.nChw8c);
  }

  /**
   * A layer's activation layout: blocked when {@code blocked}, else NCHW or NHWC; blocked only for channels-first
   * activations whose channels fit ({@link #fits}), else an error naming the layer, the side and the value.
   */
  static memory.desc user(String who, String side, boolean blocked, long batch, long channels, long height,
      long width, boolean channelsLast) {
    if (!blocked) return OneDnn.activations(batch, channels, height, width, channelsLast);
    if (channelsLast || !fits(channels)) {
      throw new IllegalArgumentException(who + ": a blocked " + side + " needs channels-first activations whose"
          + " channels are a multiple of " + block() + ". Got " + channels + " channels"
          + (channelsLast ? ", channels-last" : "") + "; pass HostBlocked.Sides.NONE for NCHW arrays.");
    }
    return desc(batch, channels, height, width);
  }

  /**
   * Writes the NCHW order of a blocked activation (a copy through oneDNN's reorder).
   *
   * @param blocked a FLOAT host array {@code [B, C, H, W]} holding the blocked layout
   * @param plain a FLOAT host array of the same shape, written in NCHW order
   * @throws IllegalStateException when oneDNN's natives did not load (the reason is named)
   * @throws IllegalArgumentException when an array is not FLOAT host memory in one row-major run, the shapes differ or
   *     the channels do not fit the block (the values named)
   */
  public static void toPlain(INDArray blocked, INDArray plain) {
    reorder(blocked, plain, true);
  }

  /**
   * Writes an NCHW activation into the blocked layout (a copy through oneDNN's reorder).
   *
   * @param plain a FLOAT host array {@code [B, C, H, W]} in NCHW order
   * @param blocked a FLOAT host array of the same shape, written in the blocked layout
   * @throws IllegalStateException when oneDNN's natives did not load (the reason is named)
   * @throws IllegalArgumentException as {@link #toPlain}
   */
  public static void fromPlain(INDArray plain, INDArray blocked) {
    reorder(plain, blocked, false);
  }

  private static void reorder(INDArray from, INDArray to, boolean fromBlocked) {
    OneDnn.requireLoaded("HostBlocked");
    long[] s = from.shape();
    if (s.length != 4) {
      throw new IllegalArgumentException("HostBlocked: an activation must be [B, C, H, W]. Got shape "
          + Arrays.toString(s) + ".");
    }
    OneDnn.check("HostBlocked", "from", from, s);
    OneDnn.check("HostBlocked", "to", to, s);
    if (!fits(s[1])) {
      throw new IllegalArgumentException("HostBlocked: an activation of " + s[1] + " channels is never held blocked"
          + " (its channels must be a multiple of " + block() + "); it is in NCHW order already.");
    }
    memory.desc blocked = desc(s[0], s[1], s[2], s[3]);
    memory.desc plain = OneDnn.activations(s[0], s[1], s[2], s[3], false);
    memory src = OneDnn.wrap(fromBlocked ? blocked : plain, from), dst = OneDnn.wrap(fromBlocked ? plain : blocked, to);
    stream st = new stream(OneDnn.Loaded.ENGINE);
    try (reorder r = new reorder(src, dst)) {
      r.execute(st, OneDnn.args(DNNL_ARG_FROM, src, DNNL_ARG_TO, dst));
      st._wait();
    } finally {
      src.close();
      dst.close();
      st.close();
    }
  }
}
