package org.mlmp.nn.engine;

import java.nio.FloatBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise work of a float dense layer on host memory, in Java: after the GEMM z = x·W, one pass adds
 * the bias and applies the activation (IDENTITY, RELU, SOFTMAX), and with a fused cross-entropy output one pass
 * writes dz = (a − y)/B and the bias gradient ∂C/∂b = Σ_rows dz; a hidden RELU layer's backward is one pass too,
 * dz = da where z &gt; 0 (else 0) with ∂C/∂b = Σ_rows dz, instead of libnd4j's {@code relu_bp} and a bias GEMV (at
 * [128, 512] 73–79 µs against 242–254 µs, docs/nn-measurements.md). Each of these ran as one to three ND4J ops
 * (bias as a GEMM with a column of ones, the activation, three ops for dz, a GEMM for ∂C/∂b), and on this kind of
 * machine every ND4J op costs ≈ 15–35 µs whatever its size (libnd4j builds an op context, shape buffers and Java
 * objects per call; a [128, 10] subtraction 12–19 µs), more than the arithmetic of a small layer. Measured in
 * docs/nn-measurements.md ("Dense layers' element-wise work in Java").
 *
 * <p>The arrays are copied into Java arrays (one bulk copy each) and back, so every loop the JIT vectorises
 * indexes Java arrays. Values as ND4J computes them, in float: z + b then max(z, 0); dz = (a − y)·(float) (1/B);
 * the bias gradient is the column sums in row order (ND4J's GEMM sums the same values in its own order, so the
 * two paths agree to float rounding). Softmax subtracts the row maximum and normalises by the row sum of the
 * exponentials (exp in double, rounded to float).
 */
final class HostDense {
  private final FloatBuffer zb, ab, dzb, bb, gbb;
  /** A RELU layer's incoming gradient ∂C/∂a, or null: {@link #reluGradient} does not apply. */
  private final FloatBuffer dab;
  private final int rows, units;
  /** The targets' buffer of the last {@link #outputGradient} (the plan's target array, the same every step). */
  private INDArray y;
  private FloatBuffer yb;
  private final Nonlinearity f;
  private final float[] zs, as, bias;

  private HostDense(Nonlinearity f, INDArray z, INDArray a, INDArray da, INDArray dz, INDArray b, INDArray gb) {
    this.f = f;
    dab = f == Nonlinearity.RELU && da != null && da.dataType() == DataType.FLOAT && da.length() == z.length()
        && HostBlas.rowMajorRun(da) ? HostFloats.elements(da) : null;
    rows = (int) z.size(0);
    units = (int) z.size(1);
    zb = HostFloats.elements(z);
    ab = HostFloats.elements(a);
    dzb = HostFloats.elements(dz);
    bb = HostFloats.elements(b);
    gbb = HostFloats.elements(gb);
    zs = new float[rows * units];
    as = new float[rows * units];
    bias = new float[units];
  }

  /**
   * The Java path for a dense layer, or null where it does not apply: float arrays on host memory (not on a
   * {@link HostBlas#forceGeneric()} thread), an activation it computes, and z, a, b, ∂C/∂b each a row-major
   * run of its buffer (the plan's own arrays and views of the flat parameter and gradient vectors are).
   *
   * @param da the gradient of the layer's output, which {@link #reluGradient} reads (RELU only; may be null)
   * @param dz the pre-activation gradient ({@link #outputGradient} and {@link #reluGradient} write it)
   */
  static HostDense of(Nonlinearity f, INDArray z, INDArray a, INDArray da, INDArray dz, INDArray b, INDArray gb) {
    boolean computes = f == Nonlinearity.IDENTITY || f == Nonlinearity.RELU || f == Nonlinearity.SOFTMAX;
    if (!computes || z.dataType() != DataType.FLOAT || !HostBlas.hostMemory()) return null;
    if ((long) z.size(0) * z.size(1) > Integer.MAX_VALUE / 2) return null;
    for (INDArray m : new INDArray[] {z, a, dz, b, gb}) if (!HostBlas.rowMajorRun(m)) return null;
    return new HostDense(f, z, a, da, dz, b, gb);
  }

  /** z ← z + b (row-broadcast) and a ← f(z), after the GEMM wrote z = x·W. */
  void forward() {
    int n = rows * units;
    zb.get(0, zs, 0, n);
    bb.get(0, bias, 0, units);
    for (int r = 0; r < rows; r++) {
      int o = r * units;
      for (int j = 0; j < units; j++) zs[o + j] += bias[j];
    }
    zb.put(0, zs, 0, n);
    switch (f) {
      case IDENTITY -> { } // a is z
      case RELU -> {
        for (int i = 0; i < n; i++) as[i] = Math.max(zs[i], 0f);
        ab.put(0, as, 0, n);
      }
      case SOFTMAX -> {
        for (int r = 0; r < rows; r++) softmaxRow(r * units);
        ab.put(0, as, 0, n);
      }
      default -> throw new IllegalStateException("HostDense does not compute " + f);
    }
  }

  private void softmaxRow(int o) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < units; j++) max = Math.max(max, zs[o + j]);
    float sum = 0;
    for (int j = 0; j < units; j++) {
      float e = (float) Math.exp(zs[o + j] - max);
      as[o + j] = e;
      sum += e;
    }
    for (int j = 0; j < units; j++) as[o + j] /= sum;
  }

  /**
   * The fused cross-entropy output: dz ← (a − y)·(float) (1/B) and ∂C/∂b ← the column sums of dz.
   *
   * @param targets the targets y, shaped like a
   * @return false (nothing written) when y is not a row-major float run of its buffer
   */
  boolean outputGradient(INDArray targets) {
    if (targets != y) {
      if (targets.dataType() != DataType.FLOAT || !HostBlas.rowMajorRun(targets) || targets.length() != (long) rows * units) {
        return false;
      }
      y = targets;
      yb = HostFloats.elements(targets);
    }
    int n = rows * units;
    float inv = (float) (1.0 / rows);
    ab.get(0, as, 0, n);
    yb.get(0, zs, 0, n);
    for (int i = 0; i < n; i++) as[i] = (as[i] - zs[i]) * inv;
    dzb.put(0, as, 0, n);
    columnSums();
    return true;
  }

  /**
   * A RELU layer's backward: dz ← da where z &gt; 0, else 0 (libnd4j's {@code relu_bp} rule: z = 0 passes nothing),
   * and ∂C/∂b ← the column sums of dz. The mask comes from z's bits without a branch (z's signs are as good as
   * random, so a branch would be mispredicted half the time): as an int, z &gt; 0 exactly when its bits lie in
   * (0, 0x7F800000] (+∞ included, NaN and −0 not), so m = (−bits &amp; (bits − 0x7F800001)) &gt;&gt; 31 is −1 there
   * and 0 elsewhere, and dz = da's bits &amp; m.
   *
   * @return false (nothing written) when it does not apply: not RELU, or ∂C/∂a not a row-major float run
   */
  boolean reluGradient() {
    if (dab == null) return false;
    int n = rows * units;
    zb.get(0, zs, 0, n);
    dab.get(0, as, 0, n);
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToRawIntBits(zs[i]);
      as[i] = Float.intBitsToFloat(Float.floatToRawIntBits(as[i]) & (((-bits) & (bits - 0x7F800001)) >> 31));
    }
    dzb.put(0, as, 0, n);
    columnSums();
    return true;
  }

  /** ∂C/∂b ← the column sums of dz, which {@code as} holds, in row order. */
  private void columnSums() {
    java.util.Arrays.fill(bias, 0f);
    for (int r = 0; r < rows; r++) {
      int o = r * units;
      for (int j = 0; j < units; j++) bias[j] += as[o + j];
    }
    gbb.put(0, bias, 0, units);
  }
}
