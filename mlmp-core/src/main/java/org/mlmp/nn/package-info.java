/**
 * Feed-forward and convolutional neural networks, as in the course: networks are values, training is a
 * {@link org.mlmp.api.Trainer}, the result an immutable {@link org.mlmp.nn.NeuralNetModel}.
 *
 * <ul>
 *   <li>Architecture: {@link org.mlmp.nn.Network} = input {@link org.mlmp.nn.Shape} + layers
 *       ({@link org.mlmp.nn.Dense}, {@link org.mlmp.nn.Conv2d}, {@link org.mlmp.nn.MaxPool},
 *       {@link org.mlmp.nn.AvgPool}, {@link org.mlmp.nn.Flatten}, {@link org.mlmp.nn.Dropout}, {@link org.mlmp.nn.BatchNorm}) +
 *       {@link org.mlmp.nn.Loss} + {@link org.mlmp.nn.WeightInit}; shapes are checked when it is built.
 *   <li>Training: {@link org.mlmp.nn.NeuralNet} (optimiser from {@link org.mlmp.nn.Optimizer}, epochs, batch
 *       size, seed, validation and early stopping, {@link org.mlmp.nn.InputScaling});
 *       {@link org.mlmp.nn.NeuralNet#train} adds a {@link org.mlmp.nn.TrainingListener}, resumable checkpoints
 *       and the {@link org.mlmp.nn.History} of learning curves; an {@link org.mlmp.nn.Augmentation}
 *       ({@link org.mlmp.nn.AffineAugmentation}: random rotation, scale, shift; {@link org.mlmp.nn.ElasticDistortion}:
 *       Simard et al.'s smoothed random displacement fields) distorts the training images of every mini-batch
 *       from (seed, epoch, step); the next mini-batch is prepared on a background thread while a step runs.
 *   <li>Training a step at a time: {@link org.mlmp.nn.TrainingSession} (one optimiser step on a batch, the
 *       gradient of a batch as a flat vector, parameters and optimiser state as flat vectors), the public
 *       door to the engine for reinforcement learning ({@link org.mlmp.rl.Reinforce}), benchmarks and a
 *       data-parallel trainer; {@link org.mlmp.nn.NeuralNet}'s own loop runs on it.
 *   <li>Evaluation: {@link org.mlmp.api.ConfusionMatrix} (accuracy, error rate, recall per class);
 *       {@link org.mlmp.nn.NeuralNetModel#layerOutputs} and {@link org.mlmp.nn.NeuralNetModel#parameters} give every
 *       layer's feature maps and the filters as plain arrays (the command line's
 *       {@code org.mlmp.cli.plots.Representations} draws them, with misclassified images, as PNGs).
 * </ul>
 *
 * <p>The single-layer perceptron with Rosenblatt's own learning rule (a binary step on w·x + w0, not trained
 * by gradient descent) is {@link org.mlmp.linear.Perceptron}, with the other linear classifiers.
 *
 * <p>Execution is mlmp's own static plan over libnd4j's declarable ops ({@code conv2d}, {@code conv2d_bp},
 * {@code maxpool2d}, ... — oneDNN on the CPU) and {@code Nd4j.gemm}, in the internal package
 * {@code org.mlmp.nn.engine}; no Deeplearning4j type appears in this API. Only this package uses the engine,
 * and the engine does not use this package (it gets a network as its own {@code Blueprint}).
 *
 * <p>Example (LeNet-5 on MNIST):
 * <pre>{@code
 * Network lenet = Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY,
 *     Conv2d.of(20, 5, IDENTITY), MaxPool.of(2), Conv2d.of(50, 5, IDENTITY), MaxPool.of(2),
 *     Flatten.of(), Dense.of(500, RELU), Dense.of(10, SOFTMAX));
 * NeuralNetModel m = NeuralNet.of(lenet, Optimizer.Adam.of(1e-3)).withEpochs(5).fit(train.toDataset());
 * double accuracy = m.accuracy(test.toDataset().x(), test.toDataset().y());
 * }</pre>
 *
 * <p>References: Nielsen, <i>Neural Networks and Deep Learning</i> (2015), ch. 1–3, 6 (notation);
 * LeCun et al., "Gradient-based learning applied to document recognition", Proc. IEEE 86 (1998).
 */
package org.mlmp.nn;
