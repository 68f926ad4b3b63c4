package org.mlmp.nn.engine;

import java.nio.FloatBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array {@code [B, O, P]} with its first two axes swapped, {@code [O, B, P]}, and optionally the sums over B and
 * P per O, in one Java pass over float host memory. The CONV backward path ({@code Node.ConvNode}) swaps the batch
 * and channel axes of x and of dz (with the bias gradient ∂C/∂b[o] = Σ_{b,p} dz[b,o,p] as the sums) for its weight
 * gradient, and swaps that gradient's two channel axes back. In ND4J these were permuting {@code assign}s and a GEMV
 * with a column of ones: for LeNet's first layer at batch 64 (dz 64 × 20 × 576) 0.2–1.2 ms and 0.3–0.6 ms, against
 * this pass's time in docs/nn-measurements.md ("LeNet's second convolution on the CONV path").
 *
 * <p>Each {@code [b, o]} run of P values is copied whole; its sum is taken in float over eight interleaved partial
 * sums (the order differs from the GEMV's, so the two paths agree to float rounding) and the B run sums of a
 * channel are added in double.
 */
final class HostChannelSwap {
  private final FloatBuffer dzb, dzTb, gbb;
  private final int batch, channels, pixels;
  private final float[] dz, gb;
  private final double[] sums;

  private HostChannelSwap(INDArray dz, INDArray dzT, INDArray gb) {
    batch = (int) dz.size(0);
    channels = (int) dz.size(1);
    pixels = (int) (dz.length() / ((long) batch * channels));
    dzb = HostFloats.elements(dz);
    dzTb = HostFloats.elements(dzT);
    gbb = gb == null ? null : HostFloats.elements(gb);
    this.dz = new float[(int) dz.length()];
    this.gb = new float[channels];
    sums = new double[channels];
  }

  /**
   * The Java pass, or null where it does not apply: float arrays on host memory (not on a
   * {@link HostBlas#forceGeneric()} thread), each a row-major run of its buffer, at most 2³¹ − 1 elements.
   *
   * @param dz the array {@code [B, O, ...]}
   * @param dzT receives dz with axes 0 and 1 swapped, {@code [O, B, ...]}
   * @param gb receives the sums over all axes but axis 1 (O values; the bias gradient when dz is ∂C/∂z), or null
   */
  static HostChannelSwap of(INDArray dz, INDArray dzT, INDArray gb) {
    if (dz.dataType() != DataType.FLOAT || !HostBlas.hostMemory() || dz.length() > Integer.MAX_VALUE) return null;
    for (INDArray m : new INDArray[] {dz, dzT, gb}) if (m != null && !HostBlas.rowMajorRun(m)) return null;
    return new HostChannelSwap(dz, dzT, gb);
  }

  /** dzᵀ ← dz with axes 0 and 1 swapped and, when asked for, the sums ← the sums of dz per index of axis 1. */
  void run() {
    dzb.get(0, dz, 0, dz.length);
    java.util.Arrays.fill(sums, 0);
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < channels; o++) {
        int from = (b * channels + o) * pixels;
        dzTb.put((o * batch + b) * pixels, dz, from, pixels);
        if (gbb != null) sums[o] += runSum(from);
      }
    }
    if (gbb == null) return;
    for (int o = 0; o < channels; o++) gb[o] = (float) sums[o];
    gbb.put(0, gb, 0, channels);
  }

  private float runSum(int from) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = from, end = from + pixels, end8 = from + (pixels & ~7);
    for (; i < end8; i += 8) {
      s0 += dz[i];
      s1 += dz[i + 1];
      s2 += dz[i + 2];
      s3 += dz[i + 3];
      s4 += dz[i + 4];
      s5 += dz[i + 5];
      s6 += dz[i + 6];
      s7 += dz[i + 7];
    }
    for (; i < end; i++) s0 += dz[i];
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
