package org.mlmp.nn.engine;

import java.nio.FloatBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D float matrix {@code [R, C]} (its own {@link #source()}) copied transposed into a given {@code [C, R]}, in Java
 * on host memory: one bulk copy in, the transpose in tiles of {@value #TILE} × {@value #TILE} on the heap, one bulk
 * copy out. A dense layer's input gradient is computed as (W·dzᵀ)ᵀ with it ({@code Node.DenseNode}). ND4J's
 * {@code assign} of the transposed view took 0.7 ms for AlexNet's 9 216 × 8 (docs/nn-measurements.md).
 */
final class HostTranspose {
  /** Side of the square tiles the transpose walks (a 16 × 16 tile of floats is 1 KB). */
  static final int TILE = 16;
  private final INDArray source;
  private final FloatBuffer src, dst;
  private final int rows, cols;
  private final float[] a, t;

  private HostTranspose(INDArray dst) {
    rows = (int) dst.size(1);
    cols = (int) dst.size(0);
    source = Nd4j.create(DataType.FLOAT, rows, cols);
    src = HostFloats.elements(source);
    this.dst = HostFloats.elements(dst);
    a = new float[rows * cols];
    t = new float[rows * cols];
  }

  /**
   * The Java pass into {@code dst}, or null where it does not apply: a float array on host memory (not on a
   * {@link HostBlas#forceGeneric()} thread), a row-major run of its buffer, at most 2³¹ − 1 elements.
   *
   * @param dst the matrix {@code [C, R]} that {@link #run()} writes
   * @throws IllegalArgumentException when {@code dst} is not a matrix
   */
  static HostTranspose into(INDArray dst) {
    if (dst.rank() != 2) {
      throw new IllegalArgumentException("HostTranspose: needs a matrix [C, R] to write. Got shape "
          + java.util.Arrays.toString(dst.shape()) + ".");
    }
    if (dst.dataType() != DataType.FLOAT || !HostBlas.hostMemory() || dst.length() > Integer.MAX_VALUE
        || !HostBlas.rowMajorRun(dst)) {
      return null;
    }
    return new HostTranspose(dst);
  }

  /** The matrix {@code [R, C]} that {@link #run()} reads: write it first. */
  INDArray source() {
    return source;
  }

  /** dst ← sourceᵀ. */
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
