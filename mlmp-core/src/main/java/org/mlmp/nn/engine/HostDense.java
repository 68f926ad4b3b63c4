package org.mlmp.nn.engine;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.EnumSet;
import java.util.Set;
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
 *
 * <p>When the JVM has the Vector API ({@link org.mlmp.backend.VectorApi}) the bias, RELU and output-gradient passes
 * run on the off-heap arrays themselves ({@code VectorDense}), with bitwise the same results (a NaN's payload aside)
 * and no copies: at [128, 512] the forward pass took 15 µs against 36 µs and the RELU backward 13.5 µs against 60 µs
 * (docs/nn-measurements.md). Softmax always takes the copying path.
 *
 * <p>{@code VectorDense} also computes any layer's RELU, LEAKY_RELU and SIGMOID backward pass element by element
 * ({@link VectorPass#activationGradient}, called by {@link Activations}), with the rules of
 * {@link #activationGradient}: libnd4j's {@code relu_bp}, {@code lrelu_bp} and {@code sigmoid_bp} bit for bit.
 */
final class HostDense {
  /** The passes on off-heap memory ({@code VectorDense}); all buffers are a layer's elements as native-order bytes. */
  interface VectorPass {
    /** z ← z + b (row-broadcast), then a ← max(z, 0) unless {@code a} is null (IDENTITY). */
    void biasActivation(ByteBuffer z, ByteBuffer a, ByteBuffer b, int rows, int units);

    /** dz ← {@link HostDense#reluGradient(float, float)} per element, ∂C/∂b ← the column sums of dz in row order. */
    void reluGradient(ByteBuffer z, ByteBuffer da, ByteBuffer dz, ByteBuffer gb, int rows, int units);

    /**
     * dz ← f′ ⊙ da per element over elements [from, to), no sums: any layer's backward pass ({@link Activations}) for
     * RELU ({@code in} = z, {@link HostDense#reluGradient(float, float)}), LEAKY_RELU (z,
     * {@link HostDense#leakyReluGradient}) and SIGMOID (a = σ(z), {@link HostDense#sigmoidGradient}).
     */
    void activationGradient(Nonlinearity f, ByteBuffer in, ByteBuffer da, ByteBuffer dz, int from, int to);

    /** dz ← (a − y)·inv, ∂C/∂b ← the column sums of dz in row order. */
    void outputGradient(ByteBuffer a, ByteBuffer y, ByteBuffer dz, ByteBuffer gb, int rows, int units, float inv);
  }

  /**
   * The activations whose backward pass {@link VectorPass#activationGradient} computes (declared before
   * {@link #VECTOR}, whose self-check reads them).
   */
  static final Set<Nonlinearity> ELEMENT_WISE = EnumSet.of(Nonlinearity.RELU, Nonlinearity.LEAKY_RELU,
      Nonlinearity.SIGMOID);

  /** LEAKY_RELU's slope in float, as libnd4j's float {@code lrelu_bp} rounds it. */
  static final float LEAKY_SLOPE = (float) Nonlinearity.LEAKY_SLOPE;

  /** {@code VectorDense}, or null when the Vector API is off or failed its self-check. */
  static final VectorPass VECTOR = VectorKernels.load(VectorPass.class, "VectorDense", HostDense::selfCheck);

  /** {@link #VECTOR} or null (the copying path), per instance so that tests run both on the same arrays. */
  private final VectorPass vector;
  private final FloatBuffer zb, ab, dzb, bb, gbb;
  /** A RELU layer's incoming gradient ∂C/∂a, or null: {@link #reluGradient} does not apply. */
  private final FloatBuffer dab;
  /** The same arrays as bytes for {@link #vector} (null without it). */
  private final ByteBuffer zB, aB, dzB, bB, gbB, daB;
  private ByteBuffer yB;
  private final int rows, units;
  /** The targets' buffer of the last {@link #outputGradient} (the plan's target array, the same every step). */
  private INDArray y;
  private FloatBuffer yb;
  private final Nonlinearity f;
  /** The copying passes' Java arrays; null when {@link #vector} does every pass (all but a SOFTMAX forward). */
  private final float[] zs, as, bias;

  private HostDense(Nonlinearity f, INDArray z, INDArray a, INDArray da, INDArray dz, INDArray b, INDArray gb,
      VectorPass vector) {
    this.f = f;
    this.vector = vector;
    dab = f == Nonlinearity.RELU && da != null && da.dataType() == DataType.FLOAT && da.length() == z.length()
        && HostBlas.rowMajorRun(da) ? HostFloats.elements(da) : null;
    rows = (int) z.size(0);
    units = (int) z.size(1);
    zb = HostFloats.elements(z);
    ab = HostFloats.elements(a);
    dzb = HostFloats.elements(dz);
    bb = HostFloats.elements(b);
    gbb = HostFloats.elements(gb);
    boolean copying = vector == null || f == Nonlinearity.SOFTMAX;
    zs = copying ? new float[rows * units] : null;
    as = copying ? new float[rows * units] : null;
    bias = copying ? new float[units] : null;
    boolean v = vector != null;
    zB = v ? HostFloats.elementBytes(z) : null;
    aB = v ? HostFloats.elementBytes(a) : null;
    dzB = v ? HostFloats.elementBytes(dz) : null;
    bB = v ? HostFloats.elementBytes(b) : null;
    gbB = v ? HostFloats.elementBytes(gb) : null;
    daB = v && dab != null ? HostFloats.elementBytes(da) : null;
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
    return of(f, z, a, da, dz, b, gb, VECTOR);
  }

  /** {@link #of} with the given Vector API passes, or null for the copying path. */
  static HostDense of(Nonlinearity f, INDArray z, INDArray a, INDArray da, INDArray dz, INDArray b, INDArray gb,
      VectorPass vector) {
    boolean computes = f == Nonlinearity.IDENTITY || f == Nonlinearity.RELU || f == Nonlinearity.SOFTMAX;
    if (!computes || z.dataType() != DataType.FLOAT || !HostBlas.hostMemory()) return null;
    if ((long) z.size(0) * z.size(1) > Integer.MAX_VALUE / 2) return null;
    for (INDArray m : new INDArray[] {z, a, dz, b, gb}) if (!HostBlas.rowMajorRun(m)) return null;
    return new HostDense(f, z, a, da, dz, b, gb, vector);
  }

  /** z ← z + b (row-broadcast) and a ← f(z), after the GEMM wrote z = x·W. */
  void forward() {
    if (vector != null && f != Nonlinearity.SOFTMAX) {
      vector.biasActivation(zB, f == Nonlinearity.RELU ? aB : null, bB, rows, units);
      return;
    }
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
      yB = vector != null ? HostFloats.elementBytes(targets) : null;
    }
    int n = rows * units;
    float inv = (float) (1.0 / rows);
    if (vector != null) {
      vector.outputGradient(aB, yB, dzB, gbB, rows, units, inv);
      return true;
    }
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
    if (vector != null) {
      vector.reluGradient(zB, daB, dzB, gbB, rows, units);
      return true;
    }
    int n = rows * units;
    zb.get(0, zs, 0, n);
    dab.get(0, as, 0, n);
    for (int i = 0; i < n; i++) as[i] = reluGradient(zs[i], as[i]);
    dzb.put(0, as, 0, n);
    columnSums();
    return true;
  }

  /**
   * One element of f's backward pass ({@link #ELEMENT_WISE}), from {@code in} = z (RELU, LEAKY_RELU) or a = σ(z)
   * (SIGMOID).
   */
  static float activationGradient(Nonlinearity f, float in, float da) {
    return switch (f) {
      case RELU -> reluGradient(in, da);
      case LEAKY_RELU -> leakyReluGradient(in, da);
      case SIGMOID -> sigmoidGradient(in, da);
      default -> throw new IllegalArgumentException("HostDense.activationGradient: no element-wise pass for " + f
          + "; it has one for " + ELEMENT_WISE + ".");
    };
  }

  /** LEAKY_RELU's: da·slope where z &lt; 0, else da (±0 and NaN included), as libnd4j's {@code lrelu_bp}. */
  static float leakyReluGradient(float z, float da) {
    return z < 0 ? da * LEAKY_SLOPE : da;
  }

  /** SIGMOID's from the forward pass's a = σ(z): da·(a·(1 − a)), as libnd4j's {@code sigmoid_bp} gives it from z. */
  static float sigmoidGradient(float a, float da) {
    return da * (a * (1 - a));
  }

  /**
   * One element of {@link #reluGradient()}: da where z &gt; 0 (its bits in (0, 0x7F800000]), else +0 (da's sign bit
   * off).
   */
  static float reluGradient(float z, float da) {
    int bits = Float.floatToRawIntBits(z);
    return Float.intBitsToFloat(Float.floatToRawIntBits(da) & (((-bits) & (bits - 0x7F800001)) >> 31));
  }

  /**
   * Null when {@code k} gives bitwise the Java loops' results (any NaN for a NaN) on a [3, 37] layer (whole vectors and
   * a tail) whose pre-activations include ±0, ±∞, NaN and subnormals, else the first pass and element that differ.
   */
  static String selfCheck(VectorPass k) {
    int rows = 3, units = 37, n = rows * units;
    float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE,
        -Float.MIN_VALUE, 1e-30f};
    float[] z = new float[n], da = new float[n], b = new float[units];
    for (int i = 0; i < n; i++) {
      z[i] = i % 9 < special.length ? special[i % 9] : (float) Math.sin(1.3 * i) * 3;
      da[i] = (float) Math.cos(0.7 * i) * (i % 4 == 0 ? 1e-3f : 1f);
    }
    for (int j = 0; j < units; j++) b[j] = j % 5 == 0 ? -0f : (float) Math.sin(0.9 * j);
    // Java: the loops above on arrays; vector: the kernel on byte buffers.
    float[] zj = z.clone(), aj = new float[n], dzj = new float[n], gbj = new float[units];
    for (int i = 0; i < n; i++) {
      zj[i] += b[i % units];
      aj[i] = Math.max(zj[i], 0f);
      dzj[i] = reluGradient(zj[i], da[i]);
      gbj[i % units] += dzj[i];
    }
    ByteBuffer zv = VectorKernels.direct(z), av = VectorKernels.direct(new float[n]), bv = VectorKernels.direct(b);
    ByteBuffer dav = VectorKernels.direct(da), dzv = VectorKernels.direct(new float[n]);
    ByteBuffer gbv = VectorKernels.direct(new float[units]);
    k.biasActivation(zv, av, bv, rows, units);
    k.reluGradient(zv, dav, dzv, gbv, rows, units);
    String wrong = firstDifference("z + b", zj, zv);
    if (wrong == null) wrong = firstDifference("max(z, 0)", aj, av);
    if (wrong == null) wrong = firstDifference("the RELU gradient", dzj, dzv);
    for (Nonlinearity f : ELEMENT_WISE) {
      if (wrong != null) break;
      // Each element-wise pass in two ranges, each ending off a whole vector; SIGMOID from a = max(z, 0) as a stand-in.
      boolean fromA = f == Nonlinearity.SIGMOID;
      float[] in = fromA ? aj : zj, java = new float[n];
      for (int i = 0; i < n; i++) java[i] = activationGradient(f, in[i], da[i]);
      ByteBuffer inv = fromA ? av : zv, dzs = VectorKernels.direct(new float[n]);
      k.activationGradient(f, inv, dav, dzs, 0, 45);
      k.activationGradient(f, inv, dav, dzs, 45, n);
      wrong = firstDifference("the element-wise " + f + " gradient", java, dzs);
    }
    if (wrong == null) wrong = firstDifference("the RELU layer's bias gradient", gbj, gbv);
    if (wrong != null) return wrong;
    float inv = 1f / 3;
    float[] outj = new float[n], gbo = new float[units];
    for (int i = 0; i < n; i++) {
      outj[i] = (aj[i] - da[i]) * inv;
      gbo[i % units] += outj[i];
    }
    k.outputGradient(av, dav, dzv, gbv, rows, units, inv);
    wrong = firstDifference("the output gradient", outj, dzv);
    return wrong != null ? wrong : firstDifference("the output layer's bias gradient", gbo, gbv);
  }

  private static String firstDifference(String what, float[] java, ByteBuffer kernel) {
    return VectorKernels.firstDifference(what, java, kernel, true);
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
