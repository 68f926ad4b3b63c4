package org.mlmp.cli.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mlmp.workloads.Dl4jNets;
import org.mlmp.workloads.MlmpNets;
import org.mlmp.workloads.MnistBatches;
import org.mlmp.workloads.AlexNet;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MNIST training throughput (img/s, training steps only, after warm-up): LeNet-5 at batch 64 and 128
 * and the MLP 784-512-256-10 at batch 128, with Adam 1e-3 and softmax cross-entropy — mlmp's engine
 * against plain Deeplearning4j {@code MultiLayerNetwork} and PyTorch (CPU, same thread count).
 * MNIST in memory: the real training images when fetched, else synthetic (the note says which).
 * Each side: warm-up steps, then the median rate over 5 windows of steps.
 */
public final class NetworkSuite implements CompareSuite {
  @Override
  public String name() {
    return "nn";
  }

  @Override
  public String description() {
    return "MNIST training img/s: LeNet batch 64/128, MLP batch 128 (mlmp vs DL4J MultiLayerNetwork vs PyTorch);"
        + " AlexNet training img/s and conv1-5 GFLOP/s (mlmp vs DL4J vs PyTorch)";
  }

  @Override
  public List<Row> run(CompareContext ctx) throws Exception {
    String torch = ctx.python("torch");
    MnistBatches data = MnistBatches.load(ctx.quick() ? 2_048 : 60_000, 0);
    int steps = ctx.quick() ? 4 : 20;
    List<Row> rows = new ArrayList<>();
    for (Object[] w : new Object[][] {{"lenet", 64}, {"lenet", 128}, {"mlp", 128}}) {
      String net = (String) w[0];
      int batch = (Integer) w[1];
      ctx.log().println("compare nn: " + net + " batch " + batch + " ...");
      Network spec = net.equals("lenet") ? MlmpNets.lenet() : MlmpNets.mlp();
      MlmpNets.CompiledNet mlmp = new MlmpNets.CompiledNet(spec, batch, 0);
      double mlmpRate = rate(batch, steps, i -> mlmp.step(data, i));
      MultiLayerNetwork dl4j = net.equals("lenet") ? Dl4jNets.lenet(0) : Dl4jNets.mlp(0);
      double dl4jRate = rate(batch, ctx.quick() ? 2 : 5, i -> {
        INDArray[] b = data.batch(i, batch);
        dl4j.fit(b[0], b[1]);
      });
      Map<String, Double> peers = new LinkedHashMap<>();
      peers.put("dl4j", dl4jRate);
      peers.put("pytorch", torch == null ? Double.NaN : ctx.runPython(torch, "torch_bench.py", net, "--batch",
          Integer.toString(batch), "--steps", Integer.toString(5 * steps), "--threads", Integer.toString(ctx.threads()))
          .path("img_per_s").asDouble(Double.NaN));
      rows.add(new Row(net + " batch " + batch, "img/s", true, mlmpRate, peers,
          data.source().startsWith("real") ? "real MNIST" : "synthetic MNIST-shaped data"));
    }
    rows.addAll(alexNet(ctx, torch));
    return rows;
  }

  /**
   * AlexNet conv1–conv5 (batch 8), forward and forward + backward with the input gradient, GFLOP/s over the
   * five layers run one after another (see {@link AlexNet}); PyTorch times the same layers the same way.
   */
  static List<Row> alexNet(CompareContext ctx, String torch) throws Exception {
    int batch = 8, steps = ctx.quick() ? 1 : 3;
    ctx.log().println("compare nn: AlexNet conv1-conv5, batch " + batch + " ...");
    List<TrainingSession> convs = new ArrayList<>();
    double flops = 0;
    for (AlexNet.ConvLayer l : AlexNet.LAYERS) {
      TrainingSession s = TrainingSession.of(l.network(), null, 0);
      s.load(Nd4j.rand(DataType.FLOAT, batch, l.network().input().size()),
          Nd4j.zeros(DataType.FLOAT, batch, l.network().outputShape().size()));
      convs.add(s);
      flops += l.flops() * batch;
    }
    double fwd = rate(1, steps, i -> convs.forEach(TrainingSession::forward));
    double fb = rate(1, steps, i -> convs.forEach(TrainingSession::backpropagate));
    ctx.log().println("compare nn: AlexNet conv1-conv5 with plain DL4J ConvolutionLayers ...");
    List<MultiLayerNetwork> dl4jConv = new ArrayList<>();
    List<INDArray> dl4jX = new ArrayList<>();
    for (AlexNet.ConvLayer l : AlexNet.LAYERS) {
      MultiLayerNetwork n = Dl4jNets.alexConv(l, 0);
      INDArray xi = Nd4j.rand(DataType.FLOAT, batch, l.cin(), l.size(), l.size());
      n.setInput(xi);
      n.setLabels(Nd4j.zeros(DataType.FLOAT, batch, 1));
      dl4jConv.add(n);
      dl4jX.add(xi);
    }
    double dl4jFwd = rate(1, 1, i -> {
      for (int j = 0; j < dl4jConv.size(); j++) dl4jConv.get(j).output(dl4jX.get(j), false);
    });
    double dl4jFb = rate(1, 1, i -> dl4jConv.forEach(MultiLayerNetwork::computeGradientAndScore));
    var peer = torch == null ? null : ctx.runPython(torch, "torch_bench.py", "alexconv", "--batch", Integer.toString(batch),
        "--steps", Integer.toString(5 * steps), "--threads", Integer.toString(ctx.threads()));
    TrainingSession whole = TrainingSession.of(AlexNet.torchvision(), Optimizer.Adam.of(1e-3), 0);
    INDArray x = Nd4j.rand(DataType.FLOAT, batch, whole.network().input().size());
    INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 1000);
    for (int i = 0; i < batch; i++) y.putScalar(i, (i * 97) % 1000, 1f);
    whole.load(x, y); // once: each timed step runs on the loaded batch
    double train = rate(batch, steps, i -> whole.step());
    var peerNet = torch == null ? null : ctx.runPython(torch, "torch_bench.py", "alexnet", "--batch", Integer.toString(batch),
        "--steps", Integer.toString(5 * steps), "--threads", Integer.toString(ctx.threads()));
    ctx.log().println("compare nn: AlexNet training with plain DL4J (seconds per step) ...");
    MultiLayerNetwork dl4j = Dl4jNets.alexnet(0);
    INDArray xImages = x.reshape(batch, 3, 224, 224);
    double dl4jTrain = rate(batch, 1, i -> dl4j.fit(xImages, y));
    Map<String, Double> netPeers = new LinkedHashMap<>();
    netPeers.put("dl4j", dl4jTrain);
    netPeers.put("pytorch", peerNet == null ? Double.NaN : peerNet.path("img_per_s").asDouble(Double.NaN));
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("alexnet (torchvision) training, batch 8", "img/s", true, train, netPeers,
        "synthetic ImageNet-shaped input, Adam 1e-3"));
    Map<String, Double> fwdPeers = new LinkedHashMap<>();
    fwdPeers.put("dl4j", dl4jFwd * flops / 1e9);
    fwdPeers.put("pytorch", peer == null ? Double.NaN : peer.path("forward_gflops").asDouble(Double.NaN));
    Map<String, Double> fbPeers = new LinkedHashMap<>();
    fbPeers.put("dl4j", dl4jFb * 3 * flops / 1e9);
    fbPeers.put("pytorch", peer == null ? Double.NaN : peer.path("forward_backward_gflops").asDouble(Double.NaN));
    rows.add(new Row("alexnet conv1-5 forward, batch 8", "GFLOP/s", true, fwd * flops / 1e9, fwdPeers,
        "synthetic ImageNet-shaped input; dl4j: ConvolutionLayer + 1-unit output layer per conv"));
    rows.add(new Row("alexnet conv1-5 forward+backward, batch 8", "GFLOP/s", true, fb * 3 * flops / 1e9, fbPeers,
        "backward includes the input gradient (dl4j: computeGradientAndScore, no update)"));
    return rows;
  }

  /** One training step on batch index i. */
  @FunctionalInterface
  interface Step {
    void run(int i) throws Exception;
  }

  /** Median over 5 windows of {@code steps} steps, after {@code steps} warm-up steps. */
  static double rate(int batch, int steps, Step step) throws Exception {
    int i = 0;
    for (int w = 0; w < steps; w++) step.run(i++);
    double[] rates = new double[5];
    for (int win = 0; win < rates.length; win++) {
      long t = System.nanoTime();
      for (int s = 0; s < steps; s++) step.run(i++);
      rates[win] = (double) batch * steps / ((System.nanoTime() - t) / 1e9);
    }
    Arrays.sort(rates);
    return rates[2];
  }
}
