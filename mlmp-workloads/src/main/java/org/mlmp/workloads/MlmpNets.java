package org.mlmp.workloads;

import static org.mlmp.nn.Activation.IDENTITY;
import static org.mlmp.nn.Activation.RELU;
import static org.mlmp.nn.Activation.SOFTMAX;

import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Loss;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.nn.engine.Plan;
import org.mlmp.nn.engine.Program;
import org.mlmp.nn.engine.Updater;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The benchmark networks of issue #6 as mlmp {@link Network}s, and one training step on mlmp's engine. */
public final class MlmpNets {
  private MlmpNets() {}

  /**
   * LeNet-5 style: conv 5×5 1→20 (identity), max-pool 2, conv 5×5 20→50 (identity), max-pool 2,
   * dense 800→500 ReLU, dense 500→10 softmax, cross-entropy.
   */
  public static Network lenet() {
    return Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY, Conv2d.of(20, 5, IDENTITY), MaxPool.of(2),
        Conv2d.of(50, 5, IDENTITY), MaxPool.of(2), new Flatten(), new Dense(500, RELU), new Dense(10, SOFTMAX));
  }

  /** MLP 784-512-256-10, ReLU, softmax cross-entropy. */
  public static Network mlp() {
    return Network.of(Shape.vector(784), Loss.CROSS_ENTROPY, new Dense(512, RELU), new Dense(256, RELU),
        new Dense(10, SOFTMAX));
  }

  /** A network compiled for float training with Adam 1e-3 at one batch size. */
  public static final class CompiledNet {
    final Program program;
    final Plan plan;
    final Updater updater;
    final int[] rows;

    public CompiledNet(Network net, int batchSize, long seed) {
      program = new Program(net, DataType.FLOAT);
      program.initialize(seed);
      plan = program.plan(batchSize);
      updater = new Updater(Optimizer.Adam.of(1e-3), program);
      rows = new int[batchSize];
    }

    /** One step on rows [from, from + B) of the data (copied into the plan's input with pullRows). */
    public double step(MnistBatches data, int index) {
      int b = rows.length, nb = data.size() / b, from = (index % nb) * b;
      for (int i = 0; i < b; i++) rows[i] = from + i;
      Nd4j.pullRows(data.features(), plan.input(), 1, rows);
      Nd4j.pullRows(data.labels(), plan.target(), 1, rows);
      plan.forward(true, index);
      double loss = plan.loss();
      plan.backward();
      updater.step();
      return loss;
    }

    public Plan plan() {
      return plan;
    }
  }
}
