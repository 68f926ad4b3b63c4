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
import org.mlmp.nn.TrainingSession;

/**
 * The benchmark networks of issue #6 as mlmp {@link Network}s, and one training step on mlmp's engine
 * (through {@link TrainingSession}).
 */
public final class MlmpNets {
  private MlmpNets() {}

  /**
   * LeNet-5 style: conv 5×5 1→20 (identity), max-pool 2, conv 5×5 20→50 (identity), max-pool 2,
   * dense 800→500 ReLU, dense 500→10 softmax, cross-entropy.
   *
   * @return the network, input 1 × 28 × 28
   */
  public static Network lenet() {
    return Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY, Conv2d.of(20, 5, IDENTITY), MaxPool.of(2),
        Conv2d.of(50, 5, IDENTITY), MaxPool.of(2), Flatten.of(), Dense.of(500, RELU), Dense.of(10, SOFTMAX));
  }

  /**
   * MLP 784-512-256-10, ReLU, softmax cross-entropy.
   *
   * @return the network, input a vector of 784
   */
  public static Network mlp() {
    return Network.of(Shape.vector(784), Loss.CROSS_ENTROPY, Dense.of(512, RELU), Dense.of(256, RELU),
        Dense.of(10, SOFTMAX));
  }

  /** A network compiled for float training with Adam 1e-3 at one batch size. */
  public static final class CompiledNet {
    final TrainingSession session;
    final int batchSize;

    /**
     * Compiles {@code net} for training.
     *
     * @param net the network
     * @param batchSize the mini-batch size B of every step
     * @param seed the seed of the initial weights
     */
    public CompiledNet(Network net, int batchSize, long seed) {
      session = TrainingSession.of(net, Optimizer.Adam.of(1e-3), seed);
      this.batchSize = batchSize;
    }

    /**
     * One step on rows [from, from + B) of the data: the rows are gathered once into the engine's input and
     * target buffers ({@link TrainingSession#loadRows}, no views), then forward, cost, backward and the Adam
     * update.
     *
     * @param data the batches
     * @param index the step number: batch {@code index mod (n / B)}, also the dropout seed
     * @return the batch's cost before the update
     */
    public double step(MnistBatches data, int index) {
      int b = batchSize, nb = data.size() / b, from = (index % nb) * b;
      session.loadRows(data.features(), data.labels(), from, b);
      return session.step(session.optimizer().learningRate(), index);
    }
  }
}
