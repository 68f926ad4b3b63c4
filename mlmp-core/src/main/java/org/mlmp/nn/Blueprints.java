package org.mlmp.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mlmp.nn.engine.Blueprint;
import org.mlmp.nn.engine.Nonlinearity;
import org.mlmp.nn.engine.Op;
import org.mlmp.nn.engine.UpdateRule;

/**
 * The one translation from the public network types to the engine's own ({@link Blueprint},
 * {@link UpdateRule}), and the initial weights (drawn here, where {@link WeightInit} lives).
 */
final class Blueprints {
  private Blueprints() {}

  /** The engine's description of {@code network}. */
  static Blueprint of(Network network) {
    List<Shape> shapes = network.shapes();
    List<Blueprint.Stage> stages = new ArrayList<>();
    for (int i = 0; i < network.layers().size(); i++) {
      Layer l = network.layers().get(i);
      Shape in = shapes.get(i);
      stages.add(new Blueprint.Stage(op(l), dims(in), l.parameterCount(in), l.statisticsCount(in)));
    }
    return new Blueprint(stages, dims(shapes.get(shapes.size() - 1)), network.loss() == Loss.CROSS_ENTROPY);
  }

  private static Op op(Layer l) {
    if (l instanceof Dense d) return new Op.Affine(d.units(), f(d.activation()));
    if (l instanceof Conv2d c) return new Op.Convolution(c.channels(), c.kernel(), c.stride(), c.padding(), f(c.activation()));
    if (l instanceof MaxPool m) return new Op.Pooling(true, m.size(), m.stride());
    if (l instanceof AvgPool a) return new Op.Pooling(false, a.size(), a.stride());
    if (l instanceof Flatten) return new Op.Flattening();
    if (l instanceof Dropout d) return new Op.Dropping(d.rate());
    BatchNorm bn = (BatchNorm) l; // Layer is sealed: the last one
    return new Op.Normalization(bn.momentum(), bn.epsilon(), f(bn.activation()));
  }

  private static Nonlinearity f(Activation a) {
    return switch (a) {
      case IDENTITY -> Nonlinearity.IDENTITY;
      case BINARY_STEP -> Nonlinearity.BINARY_STEP;
      case SIGMOID -> Nonlinearity.SIGMOID;
      case TANH -> Nonlinearity.TANH;
      case RELU -> Nonlinearity.RELU;
      case LEAKY_RELU -> Nonlinearity.LEAKY_RELU;
      case SOFTMAX -> Nonlinearity.SOFTMAX;
    };
  }

  private static Blueprint.Dims dims(Shape s) {
    return new Blueprint.Dims(s.channels(), s.height(), s.width(), s.image());
  }

  /** The optimiser's update rule (its learning rate is passed per step). */
  static UpdateRule rule(Optimizer o) {
    if (o instanceof Optimizer.Sgd) return new UpdateRule.Descent();
    if (o instanceof Optimizer.Momentum m) return new UpdateRule.HeavyBall(m.momentum(), m.nesterov());
    Optimizer.Adam a = (Optimizer.Adam) o; // Optimizer is sealed: the last one
    return new UpdateRule.AdaptiveMoments(a.beta1(), a.beta2(), a.epsilon());
  }

  /**
   * The initial flat parameter vector drawn from {@code seed} in the network's {@link WeightInit}: weights
   * of Dense and Conv2d layers random, biases 0, BatchNorm's γ = 1 and β = 0.
   */
  static double[] initialWeights(Network network, long seed) {
    List<Shape> shapes = network.shapes();
    double[] v = new double[Math.toIntExact(network.parameterCount())];
    SplittableRandom r = new SplittableRandom(seed);
    int offset = 0;
    for (int i = 0; i < network.layers().size(); i++) {
      Layer l = network.layers().get(i);
      Shape in = shapes.get(i);
      int at = offset;
      offset += l.parameterCount(in);
      int fanIn, fanOut, nW;
      if (l instanceof Dense d) {
        fanIn = in.size();
        fanOut = d.units();
        nW = fanIn * d.units();
      } else if (l instanceof Conv2d c) {
        fanIn = in.channels() * c.kernel() * c.kernel();
        fanOut = c.channels() * c.kernel() * c.kernel();
        nW = fanIn * c.channels();
      } else if (l instanceof BatchNorm) {
        for (int j = 0; j < in.channels(); j++) v[at + j] = 1; // γ = 1, β = 0
        continue;
      } else {
        continue;
      }
      for (int j = 0; j < nW; j++) {
        v[at + j] = switch (network.init()) {
          case HE -> gaussian(r) * Math.sqrt(2.0 / fanIn);
          case XAVIER -> (2 * r.nextDouble() - 1) * Math.sqrt(6.0 / (fanIn + fanOut));
          case LECUN -> (2 * r.nextDouble() - 1) / Math.sqrt(fanIn);
        };
      }
    }
    return v;
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble(), u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
