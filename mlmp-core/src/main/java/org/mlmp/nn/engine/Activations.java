package org.mlmp.nn.engine;

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

  Activations(Nonlinearity f, INDArray z, INDArray a, INDArray da, INDArray dz) {
    this.f = f;
    this.dz = dz;
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
        bw = DynamicCustomOp.builder("relu_bp").addInputs(z, da).addOutputs(dz).addFloatingPointArguments(0.0).build();
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
    } else if (backward != null) {
      backward.run();
    }
  }
}
