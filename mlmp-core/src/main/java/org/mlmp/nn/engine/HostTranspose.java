package org.mlmp.nn.engine;

import java.nio.FloatBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D float matrix {@code [R, C]} copied transposed into {@code [C, R]}, in Java on host memory: one bulk copy in,
 * the transpose in tiles of {@value #TILE} × {@value #TILE} on the heap, one bulk copy out. A dense layer's input
 * gradient is computed as (W·dzᵀ)ᵀ with it ({@code Node.DenseNode}). ND4J's {@code assign} of the transposed view took
 * 0.7 ms for AlexNet's 9 216 × 8 (docs/nn-measurements.md).
 */
final class HostTranspose {
  /** Side of the square tiles the transpose walks (a 16 × 16 tile of floats is 1 KB). */
  static final int TILE = 16;
  private final FloatBuffer src, dst;
  private final int rows, cols;
  private final float[] a, t;

  private HostTranspose(INDArray src, INDArray dst) {
    rows = (int) src.size(0);
    cols = (int) src.size(1);
    this.src = HostFloats.elements(src);
    this.dst = HostFloats.elements(dst);
    a = new float[rows * cols];
    t = new float[rows * cols];
  }

  /**
   * The Java pass, or null where it does not apply: float arrays on host memory (not on a
   * {@link HostBlas#forceGeneric()} thread), each a row-major run of its buffer, at most 2³¹ − 1 elements.
   *
   * @param src a matrix {@code [R, C]}
   * @param dst receives srcᵀ, {@code [C, R]}
   * @throws IllegalArgumentException when the shapes do not match
   */
  static HostTranspose of(INDArray src, INDArray dst) {
    if (src.rank() != 2 || dst.rank() != 2 || src.size(0) != dst.size(1) || src.size(1) != dst.size(0)) {
      throw new IllegalArgumentException("HostTranspose: needs [R, C] and [C, R]. Got "
          + java.util.Arrays.toString(src.shape()) + " and " + java.util.Arrays.toString(dst.shape()) + ".");
    }
    if (src.dataType() != DataType.FLOAT || dst.dataType() != DataType.FLOAT || !HostBlas.hostMemory()
        || src.length() > Integer.MAX_VALUE) {
      return null;
    }
    if (!HostBlas.rowMajorRun(src) || !HostBlas.rowMajorRun(dst)) return null;
    return new HostTranspose(src, dst);
  }

  /** dst ← srcᵀ. */
  void run() {
    src.get(0, a, 0, a.length);
    for (int r0 = 0; r0 < rows; r0 += TILE) {
      int r1 = Math.min(rows, r0 + TILE);
      for (int c0 = 0; c0 < cols; c0 += TILE) {
        int c1 = Math.min(cols, c0 + TILE);
        for (int r = r0; r < r1; r++) {
          for (int c = c0; c < c1; c++) t[c * rows + r] = a[r * cols + c];
        }
      }
    }
    dst.put(0, t, 0, t.length);
  }
}
