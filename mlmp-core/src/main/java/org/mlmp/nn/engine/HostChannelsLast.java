package org.mlmp.nn.engine;

import java.nio.FloatBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Java passes around channels-last activations ({@code [B, P, C]}: NHWC, P = H·W pixels, see
 * {@link Plan#channelsLastRun}) in one pass over float host memory each:
 * <ul>
 * <li>{@link Pass#CHANNEL_SUMS}: the sums of {@code [B, P, C]} over B and P per C — a channels-last convolution's bias
 * gradient ∂C/∂b[o] = Σ_{b,p} dz[b,p,o] ({@code Node.ConvNode});</li>
 * <li>{@link Pass#TO_CHANNELS_FIRST} / {@link Pass#FROM_CHANNELS_FIRST}: {@code [B, P, C]} ↔ {@code [B, C, P]} per
 * sample — Flatten's forward and backward, so the dense layers see the vector {@code [C·H·W]} in NCHW order whatever
 * the layout before it.</li>
 * </ul>
 * Sums are taken in float per sample and added across samples in double.
 */
final class HostChannelsLast {
  /** Which pass. */
  enum Pass {
    /** The sums of {@code [B, P, C]} per C (no target). */
    CHANNEL_SUMS,
    /** {@code [B, P, C]} → {@code [B, C, P]}. */
    TO_CHANNELS_FIRST,
    /** {@code [B, C, P]} → {@code [B, P, C]}. */
    FROM_CHANNELS_FIRST
  }

  private final Pass pass;
  private final FloatBuffer srcb, dstb, sumb;
  private final int batch, pixels, channels;
  private final float[] src, dst, acc, sum;
  private final double[] sums;

  private HostChannelsLast(Pass pass, INDArray src, INDArray dst, INDArray sums, int batch, int channels) {
    this.pass = pass;
    this.batch = batch;
    this.channels = channels;
    pixels = (int) (src.length() / ((long) batch * channels));
    srcb = HostFloats.elements(src);
    dstb = dst == null ? null : HostFloats.elements(dst);
    sumb = sums == null ? null : HostFloats.elements(sums);
    this.src = new float[(int) src.length()];
    this.dst = dst == null ? null : new float[(int) dst.length()];
    acc = new float[channels];
    sum = new float[channels];
    this.sums = new double[channels];
  }

  /**
   * The Java pass, or null where it does not apply: float arrays on host memory (not on a
   * {@link HostBlas#forceGeneric()} thread), each a row-major run of its buffer, at most 2³¹ − 1 elements.
   *
   * @param pass the pass
   * @param src the source, {@code B · P · C} values in the layout the pass reads
   * @param dst receives the permuted values (as many; null for {@link Pass#CHANNEL_SUMS})
   * @param sums receives the sums per channel (C values; {@link Pass#CHANNEL_SUMS} only, and there required)
   * @param batch B
   * @param channels C
   * @return the pass, or null
   * @throws IllegalArgumentException when the lengths do not fit B and C, or the pass's target is missing
   */
  static HostChannelsLast of(Pass pass, INDArray src, INDArray dst, INDArray sums, int batch, int channels) {
    boolean summing = pass == Pass.CHANNEL_SUMS;
    if (src.length() % ((long) batch * channels) != 0 || (dst == null) != summing || (sums == null) == summing
        || (dst != null && dst.length() != src.length()) || (sums != null && sums.length() != channels)) {
      throw new IllegalArgumentException("HostChannelsLast " + pass + ": source of " + src.length() + " values, target of "
          + (dst == null ? "none" : dst.length()) + ", sums of " + (sums == null ? "none" : sums.length()) + ", for B = "
          + batch + " and C = " + channels + "; the source must be divisible by B·C, and CHANNEL_SUMS needs C sums and"
          + " no target, the other kinds a target as long as the source and no sums.");
    }
    if (src.dataType() != DataType.FLOAT || !HostBlas.hostMemory() || src.length() > Integer.MAX_VALUE) return null;
    for (INDArray m : new INDArray[] {src, dst, sums}) if (m != null && !HostBlas.rowMajorRun(m)) return null;
    return new HostChannelsLast(pass, src, dst, sums, batch, channels);
  }

  /** Writes the target (and the sums) from the source. */
  void run() {
    srcb.get(0, src, 0, src.length);
    int c = channels, p = pixels, per = p * c;
    switch (pass) {
      case CHANNEL_SUMS -> {
        java.util.Arrays.fill(sums, 0);
        for (int b = 0; b < batch; b++) {
          java.util.Arrays.fill(acc, 0);
          for (int i = b * per, end = i + per; i < end; i += c) for (int k = 0; k < c; k++) acc[k] += src[i + k];
          for (int k = 0; k < c; k++) sums[k] += acc[k];
        }
        for (int k = 0; k < c; k++) sum[k] = (float) sums[k];
        sumb.put(0, sum, 0, c);
        return;
      }
      default -> {
        // Each sample a rows × cols matrix transposed: [P, C] → [C, P] (TO_CHANNELS_FIRST) or [C, P] → [P, C].
        int rows = pass == Pass.TO_CHANNELS_FIRST ? p : c, cols = per / rows;
        for (int b = 0; b < batch; b++) {
          int at = b * per;
          for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) dst[at + j * rows + i] = src[at + i * cols + j];
        }
      }
    }
    dstb.put(0, dst, 0, dst.length);
  }
}
