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
   * RELU's backward pass in Java ({@link HostDense.VectorPass#reluGradient(ByteBuffer, ByteBuffer, ByteBuffer, int,
   * int)}) on FLOAT host arrays, on the calling thread, or null: libnd4j's {@code relu_bp}, which gives the same values
   * three times slower (AlexNet's conv1 output {@code [8, 64, 55, 55]}: 2.4–2.6 ms against 0.78–0.95 ms;
   * docs/nn-measurements.md, "RELU's backward pass in Java").
   */
  private final HostDense.VectorPass relu;
  private final ByteBuffer zB, daB, dzB;
  private final int length;

  Activations(Nonlinearity f, INDArray z, INDArray a, INDArray da, INDArray dz) {
    this(f, z, a, da, dz, HostDense.VECTOR);
  }

  /** With the RELU backward kernel given (null: libnd4j's {@code relu_bp}), for tests. */
  Activations(Nonlinearity f, INDArray z, INDArray a, INDArray da, INDArray dz, HostDense.VectorPass kernel) {
    this.f = f;
    this.dz = dz;
    relu = f == Nonlinearity.RELU && javaRelu(kernel, z, da, dz) ? kernel : null;
    zB = relu == null ? null : HostFloats.elementBytes(z);
    daB = relu == null ? null : HostFloats.elementBytes(da);
    dzB = relu == null ? null : HostFloats.elementBytes(dz);
    length = relu == null ? 0 : (int) z.length();
    Op fw = null;
    DynamicCustomOp fc = null, bw = null;
    switch (f) {
      case IDENTITY -> { }
      case BINARY_STEP -> fw = new Step(z, a, 0.0);
      case SIGMOID -> {
        fw = new Sigmoid(z, a);
        bw = custom("sigmoid_bp", z, da, dz);
      }
      case TANH -> {
        fw = new Tanh(z, a);
        bw = custom("tanh_bp", z, da, dz);
      }
      case RELU -> {
        fw = new RectifiedLinear(z, a, 0.0);
        bw = relu != null ? null : DynamicCustomOp.builder("relu_bp").addInputs(z, da).addOutputs(dz)
            .addFloatingPointArguments(0.0).build();
      }
      case LEAKY_RELU -> {
        fw = new LeakyReLU(z, a, Nonlinearity.LEAKY_SLOPE);
        bw = DynamicCustomOp.builder("lrelu_bp").addInputs(z, da).addOutputs(dz)
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

  /** Whether the Java RELU backward applies: a kernel, FLOAT host arrays each one row-major run of the same length. */
  private static boolean javaRelu(HostDense.VectorPass kernel, INDArray z, INDArray da, INDArray dz) {
    if (kernel == null || !HostBlas.hostMemory() || z.length() > Integer.MAX_VALUE / Float.BYTES) return false;
    for (INDArray m : new INDArray[] {z, da, dz}) {
      if (m == null || m.dataType() != DataType.FLOAT || m.length() != z.length() || !HostBlas.rowMajorRun(m)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the backward pass runs in Java (tests). */
  boolean javaReluGradient() {
    return relu != null;
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
    } else if (relu != null) {
      relu.reluGradient(zB, daB, dzB, 0, length);
    } else if (backward != null) {
      backward.run();
    }
  }
}
