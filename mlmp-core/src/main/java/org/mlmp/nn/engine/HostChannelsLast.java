package org.mlmp.nn.engine;

import java.nio.FloatBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Flatten's Java passes around channels-last activations ({@code [B, P, C]}: NHWC, P = H·W pixels, see
 * {@link Plan#channelsLastRun}), one pass over float host memory each: {@link Pass#TO_CHANNELS_FIRST} /
 * {@link Pass#FROM_CHANNELS_FIRST}, {@code [B, P, C]} ↔ {@code [B, C, P]} per sample — Flatten's forward and
 * backward, so the dense layers see the vector {@code [C·H·W]} in NCHW order whatever the layout before it.
 */
final class HostChannelsLast {
  /** Which pass. */
  enum Pass {
    /** {@code [B, P, C]} → {@code [B, C, P]}. */
    TO_CHANNELS_FIRST,
    /** {@code [B, C, P]} → {@code [B, P, C]}. */
    FROM_CHANNELS_FIRST
  }

  private final Pass pass;
  private final FloatBuffer srcb, dstb;
  private final int batch, pixels, channels;
  private final float[] src, dst;

  private HostChannelsLast(Pass pass, INDArray src, INDArray dst, int batch, int channels) {
    this.pass = pass;
    this.batch = batch;
    this.channels = channels;
    pixels = (int) (src.length() / ((long) batch * channels));
    srcb = HostFloats.elements(src);
    dstb = HostFloats.elements(dst);
    this.src = new float[(int) src.length()];
    this.dst = new float[(int) dst.length()];
  }

  /**
   * The Java pass, or null where it does not apply: float arrays on host memory (not on a
   * {@link HostBlas#forceGeneric()} thread), each a row-major run of its buffer, at most 2³¹ − 1 elements.
   *
   * @param pass the pass
   * @param src the source, {@code B · P · C} values in the layout the pass reads
   * @param dst receives the permuted values (as many)
   * @param batch B
   * @param channels C
   * @return the pass, or null
   * @throws IllegalArgumentException when the lengths do not fit B and C
   */
  static HostChannelsLast of(Pass pass, INDArray src, INDArray dst, int batch, int channels) {
    if (src.length() % ((long) batch * channels) != 0 || dst.length() != src.length()) {
      throw new IllegalArgumentException("HostChannelsLast " + pass + ": source of " + src.length() + " values, target of "
          + dst.length() + ", for B = " + batch + " and C = " + channels + "; the source must be divisible by B·C and"
          + " the target as long as the source.");
    }
    if (src.dataType() != DataType.FLOAT || !HostBlas.hostMemory() || src.length() > Integer.MAX_VALUE) return null;
    for (INDArray m : new INDArray[] {src, dst}) if (!HostBlas.rowMajorRun(m)) return null;
    return new HostChannelsLast(pass, src, dst, batch, channels);
  }

  /** Writes the target from the source. */
  void run() {
    srcb.get(0, src, 0, src.length);
    int per = pixels * channels;
    // Each sample a rows × cols matrix transposed: [P, C] → [C, P] (TO_CHANNELS_FIRST) or [C, P] → [P, C].
    int rows = pass == Pass.TO_CHANNELS_FIRST ? pixels : channels, cols = per / rows;
    for (int b = 0; b < batch; b++) {
      int at = b * per;
      for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) dst[at + j * rows + i] = src[at + i * cols + j];
    }
    dstb.put(0, dst, 0, dst.length);
  }
}
