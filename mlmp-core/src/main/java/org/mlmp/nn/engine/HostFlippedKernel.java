package org.mlmp.nn.engine;

import java.nio.FloatBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution kernel W {@code [O, C, k, k]} turned into the kernel of its transposed convolution, Wᶠ
 * {@code [C, O, k, k]} with Wᶠ[c,o,i,j] = W[o,c,k−1−i,k−1−j] (channel axes swapped, rotated by 180°), in Java over
 * float host memory. A stride-1 layer's input gradient ∂C/∂x = dz ⋆ Wᶠ is then a forward convolution with padding
 * k − 1 − p ({@code Node.ConvNode}, CONV path).
 */
final class HostFlippedKernel {
  private final FloatBuffer wb, fb;
  private final int out, in, k;
  private final float[] w, f;

  private HostFlippedKernel(INDArray w, INDArray f) {
    out = (int) w.size(0);
    in = (int) w.size(1);
    k = (int) w.size(2);
    wb = HostFloats.elements(w);
    fb = HostFloats.elements(f);
    this.w = new float[(int) w.length()];
    this.f = new float[(int) w.length()];
  }

  /**
   * The Java pass, or null where it does not apply: float arrays on host memory (not on a
   * {@link HostBlas#forceGeneric()} thread), each a row-major run of its buffer.
   *
   * @param w the kernel {@code [O, C, k, k]}
   * @param f receives the flipped kernel {@code [C, O, k, k]}
   */
  static HostFlippedKernel of(INDArray w, INDArray f) {
    if (w.dataType() != DataType.FLOAT || !HostBlas.hostMemory() || w.length() > Integer.MAX_VALUE) return null;
    if (!HostBlas.rowMajorRun(w) || !HostBlas.rowMajorRun(f)) return null;
    return new HostFlippedKernel(w, f);
  }

  /** Wᶠ ← W with its channel axes swapped and each k × k slice rotated by 180°. */
  void run() {
    wb.get(0, w, 0, w.length);
    int kk = k * k;
    for (int o = 0; o < out; o++) {
      for (int c = 0; c < in; c++) {
        int from = (o * in + c) * kk, to = (c * out + o) * kk;
        for (int i = 0; i < kk; i++) f[to + i] = w[from + kk - 1 - i];
      }
    }
    fb.put(0, f, 0, f.length);
  }
}
