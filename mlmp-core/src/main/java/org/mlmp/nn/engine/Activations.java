package org.mlmp.nn.engine;

import java.nio.ByteBuffer;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An activation bound to its buffers: forward a = f(z), backward dz = f′(z) ⊙ da. Op objects are built
 * once. For IDENTITY, z and a are the same array and so are da and dz (nothing runs).
 */
final class Activations {
  private final Nonlinearity f;
  private final Op forward;
  private final PreparedOp forwardCustom;
  private final PreparedOp backward;
  private final INDArray dz;
  /**
   * The backward pass of RELU, LEAKY_RELU or SIGMOID in Java ({@link HostDense.VectorPass#activationGradient}) on FLOAT
   * host arrays, on the calling thread, or null: libnd4j's {@code relu_bp}, {@code lrelu_bp}, {@code sigmoid_bp}, which
   * give the same values 4–15 times slower (AlexNet's conv1 output {@code [8, 64, 55, 55]}: 2.4–2.6, 8.1–8.2 and
   * 5.5–5.6 ms against 0.5–0.6 ms; docs/nn-measurements.md, "RELU's backward pass in Java").
   */
  private final HostDense.VectorPass java;
  /** What the Java pass reads: z (RELU, LEAKY_RELU) or a = σ(z) (SIGMOID); then ∂C/∂a and ∂C/∂z. */
  private final ByteBuffer inB, daB, dzB;
  private final int length;

  Activations(Nonlinearity f, INDArray z, INDArray a, INDArray da, INDArray dz) {
    this(f, z, a, da, dz, HostDense.VECTOR);
  }

  /** With the backward kernel given (null: libnd4j's ops), for tests. */
  Activations(Nonlinearity f, INDArray z, INDArray a, INDArray da, INDArray dz, HostDense.VectorPass kernel) {
    this.f = f;
    this.dz = dz;
    INDArray in = f == Nonlinearity.SIGMOID ? a : z;
    java = HostDense.ELEMENT_WISE.contains(f) && javaPass(kernel, in, da, dz) ? kernel : null;
    inB = java == null ? null : HostFloats.elementBytes(in);
    daB = java == null ? null : HostFloats.elementBytes(da);
    dzB = java == null ? null : HostFloats.elementBytes(dz);
    length = java == null ? 0 : (int) z.length();
    Op fw = null;
    DynamicCustomOp fc = null, bw = null;
    switch (f) {
      case IDENTITY -> { }
      case BINARY_STEP -> fw = new Step(z, a, 0.0);
      case SIGMOID -> {
        fw = new Sigmoid(z, a);
        bw = java != null ? null : custom("sigmoid_bp", z, da, dz);
      }
      case TANH -> {
        fw = new Tanh(z, a);
        bw = custom("tanh_bp", z, da, dz);
      }
      case RELU -> {
        fw = new RectifiedLinear(z, a, 0.0);
        bw = java != null ? null : DynamicCustomOp.builder("relu_bp").addInputs(z, da).addOutputs(dz)
            .addFloatingPointArguments(0.0).build();
      }
      case LEAKY_RELU -> {
        fw = new LeakyReLU(z, a, Nonlinearity.LEAKY_SLOPE);
        bw = java != null ? null : DynamicCustomOp.builder("lrelu_bp").addInputs(z, da).addOutputs(dz)
            .addFloatingPointArguments(Nonlinearity.LEAKY_SLOPE).build();
      }
      case SOFTMAX -> {
        fc = DynamicCustomOp.builder("softmax").addInputs(z).addOutputs(a).addIntegerArguments(1).build();
        bw = DynamicCustomOp.builder("softmax_bp").addInputs(z, da).addOutputs(dz).addIntegerArguments(1).build();
      }
    }
    forward = fw;
    forwardCustom = fc == null ? null : PreparedOp.of(fc);
    backward = bw == null ? null : PreparedOp.of(bw);
  }

  /** Whether the Java backward pass applies: a kernel, FLOAT host arrays each one row-major run of the same length. */
  private static boolean javaPass(HostDense.VectorPass kernel, INDArray in, INDArray da, INDArray dz) {
    if (kernel == null || !HostBlas.hostMemory() || in.length() > Integer.MAX_VALUE / Float.BYTES) return false;
    for (INDArray m : new INDArray[] {in, da, dz}) {
      if (m == null || m.dataType() != DataType.FLOAT || m.length() != in.length() || !HostBlas.rowMajorRun(m)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the backward pass runs in Java (tests). */
  boolean javaGradient() {
    return java != null;
  }

  private static DynamicCustomOp custom(String name, INDArray in, INDArray grad, INDArray out) {
    return DynamicCustomOp.builder(name).addInputs(in, grad).addOutputs(out).build();
  }

  /** The activation function. */
  Nonlinearity function() {
    return f;
  }

  /** Whether z/a and da/dz must be distinct buffers. */
  static boolean needsOwnBuffers(Nonlinearity f) {
    return f != Nonlinearity.IDENTITY;
  }

  void forward() {
    if (forward != null) Nd4j.getExecutioner().exec(forward);
    if (forwardCustom != null) forwardCustom.run();
  }

  void backward() {
    if (f == Nonlinearity.BINARY_STEP) {
      dz.assign(0);
    } else if (java != null) {
      java.activationGradient(f, inB, daB, dzB, 0, length);
    } else if (backward != null) {
      backward.run();
    }
  }
}
