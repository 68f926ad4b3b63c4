package org.mlmp.workloads;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The peer: the benchmark networks as plain Deeplearning4j 1.0.0-M2.1 {@code MultiLayerNetwork}s with
 * DL4J's defaults (workspaces on), exactly the shapes of issue #6.
 */
public final class Dl4jNets {
  private Dl4jNets() {}

  /**
   * LeNet-5 style: conv 5×5 1→20 (identity), max-pool 2, conv 5×5 20→50 (identity), max-pool 2,
   * dense 800→500 ReLU, dense 500→10 softmax, cross-entropy, Adam 1e-3.
   *
   * @param seed DL4J's seed of the initial weights
   * @return the initialised network, input [batch, 784] (28 × 28 flattened)
   */
  public static MultiLayerNetwork lenet(long seed) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3))
        .weightInit(WeightInit.XAVIER).list()
        .layer(new ConvolutionLayer.Builder(5, 5).nIn(1).nOut(20).stride(1, 1).activation(Activation.IDENTITY).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).stride(1, 1).activation(Activation.IDENTITY).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /**
   * The whole torchvision AlexNet (see {@link AlexNet#torchvision()}): conv 64/192/384/256/256 with ReLU and
   * 3×3 stride-2 max-pools, dropout 0.5 before each of the dense 4096-4096 layers, 1000-way softmax,
   * cross-entropy, Adam 1e-3; input [batch, 3, 224, 224]. (DL4J's {@code dropOut(0.5)} is the retain
   * probability 0.5 applied to the layer's input, i.e. the same as torch's Dropout(0.5) before it.)
   *
   * @param seed DL4J's seed of the initial weights
   * @return the initialised network
   */
  public static MultiLayerNetwork alexnet(long seed) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3))
        .weightInit(WeightInit.XAVIER).list()
        .layer(new ConvolutionLayer.Builder(11, 11).nIn(3).nOut(64).stride(4, 4).padding(2, 2).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(5, 5).nOut(192).padding(2, 2).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(384).padding(1, 1).activation(Activation.RELU).build())
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(256).padding(1, 1).activation(Activation.RELU).build())
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(256).padding(1, 1).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(4096).activation(Activation.RELU).dropOut(0.5).build())
        .layer(new DenseLayer.Builder().nOut(4096).activation(Activation.RELU).dropOut(0.5).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(1000).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(224, 224, 3)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /**
   * MLP 784-512-256-10, ReLU, softmax cross-entropy, Adam 1e-3.
   *
   * @param seed DL4J's seed of the initial weights
   * @return the initialised network
   */
  public static MultiLayerNetwork mlp(long seed) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3))
        .weightInit(WeightInit.XAVIER).list()
        .layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build())
        .layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.feedForward(784)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /**
   * One AlexNet convolution layer of the benchmark (see {@link AlexNet.ConvLayer}) as plain DL4J layers: a
   * {@code ConvolutionLayer} (ReLU) and a one-unit identity output layer with squared error, like mlmp's
   * benchmark network. DL4J back-propagates into the first layer's input as well, so
   * {@code computeGradientAndScore()} covers the same work as mlmp's forward + backward with the input
   * gradient. No updater ({@code NoOp}): only the forward and backward passes are timed.
   *
   * @param l the layer
   * @param seed DL4J's seed of the initial weights
   * @return the initialised network, input [batch, cin, size, size]
   */
  public static MultiLayerNetwork alexConv(AlexNet.ConvLayer l, long seed) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new NoOp())
        .weightInit(WeightInit.XAVIER).list()
        .layer(new ConvolutionLayer.Builder(l.kernel(), l.kernel()).nIn(l.cin()).nOut(l.cout())
            .stride(l.stride(), l.stride()).padding(l.padding(), l.padding()).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutional(l.size(), l.size(), l.cin())).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
