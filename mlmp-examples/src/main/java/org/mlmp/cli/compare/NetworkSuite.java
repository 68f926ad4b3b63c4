package org.mlmp.cli.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mlmp.workloads.Dl4jNets;
import org.mlmp.workloads.MlmpNets;
import org.mlmp.workloads.MnistBatches;
import org.mlmp.workloads.AlexNet;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.TrainingSession;
import org.mlmp.io.Npy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MNIST training throughput (img/s, training steps only, after warm-up): LeNet-5 at batch 64 and 128
 * and the MLP 784-512-256-10 at batch 128, with Adam 1e-3 and softmax cross-entropy — mlmp's engine
 * against plain Deeplearning4j {@code MultiLayerNetwork}, PyTorch (Debian's 1.13, CPU), and, when built with
 * {@code -Ppeers}, DJL with its PyTorch engine and libtorch 2.x through JavaCPP (module mlmp-peers), each in
 * its own JVM — every peer configured for the same thread count as its documentation recommends
 * ({@link CompareContext}). MNIST in memory: the real training images when fetched, else synthetic (the note
 * says which). Every side of a training row trains on the same fixed batch: mlmp's, written for the peers as
 * {@code .npy} files ({@link #writeBatch}). The training rows time every side as the peers time themselves
 * (torch_bench.py's {@code timed}, mlmp-peers' {@code PeerMain}): one fixed batch loaded once, 5 untimed steps, then
 * batch ÷ the median time of 5·S single steps ({@link #medianStepRate}); the conv1–5 rows: each layer alone, 2
 * untimed calls, the median of 5·S calls, the five medians summed ({@link #medianSeconds}). Every row in
 * interleaved rounds ({@link Interleaving}), read against the goals of issue 14 over its best peer. The AlexNet rows
 * (training at batch 8, conv1–5 forward and forward+backward) have the same peers: DL4J, PyTorch 1.13, DJL, libtorch;
 * the forward+backward row also measures mlmp's SGEMM ({@link GemmSuite}) in each of its rounds, right after mlmp's
 * convolutions, and is read a second time against that rate ({@link #ALEXNET_CONV_GEMM_SHARE}).
 * The PyTorch and libtorch peers run their convolutional networks channels-last, as PyTorch's tuning guide recommends
 * for computer vision models; the AlexNet rows also run them on NCHW tensors ({@code pytorch-nchw},
 * {@code libtorch-nchw}; see {@link #nchw}).
 */
public final class NetworkSuite implements CompareSuite {
  @Override
  public String name() {
    return "nn";
  }

  @Override
  public String description() {
    return "MNIST training img/s: LeNet batch 64/128, MLP batch 128 (mlmp vs DL4J MultiLayerNetwork vs PyTorch, DJL,"
        + " libtorch); AlexNet training img/s and conv1-5 GFLOP/s (mlmp vs DL4J vs PyTorch, DJL, libtorch; forward+backward"
        + " also against mlmp's SGEMM in the same rounds)";
  }

  /** The goal of the LeNet and MLP rows over the best fairly configured peer (issue 14). */
  static final double SMALL_NET_GOAL = 1.25;
  /** mlmp's untimed LeNet/MLP steps once before a row's rounds (JIT compilation of its Java passes). */
  static final int JIT_WARM_UP_STEPS = 200;
  /** The goal of the AlexNet training row (issue 14). */
  static final double ALEXNET_TRAINING_GOAL = 1.5;
  /** The goal of the AlexNet conv1–5 forward+backward row (issue 14). */
  static final double ALEXNET_CONV_GOAL = 1.0;
  /** The second goal of that row: its GFLOP/s at least this share of mlmp's SGEMM rate in the same rounds (issue 14). */
  static final double ALEXNET_CONV_GEMM_SHARE = 0.85;

  @Override
  public List<Row> run(CompareContext ctx) throws Exception {
    String torch = ctx.python("torch");
    if (!ctx.hasJavaPeers()) {
      ctx.log().println("compare nn: Java peers (DJL, libtorch) " + ctx.javaPeersSkipped());
      ctx.record("Java peers (DJL, libtorch) " + ctx.javaPeersSkipped());
    }
    MnistBatches data = MnistBatches.load(ctx.quick() ? 2_048 : 60_000, 0);
    try (CompareContext.ScratchDir tmp = CompareContext.scratch("mlmp-compare-nn")) {
      List<Row> rows = smallNets(ctx, torch, data, tmp.path());
      rows.addAll(alexNet(ctx, torch, tmp.path()));
      return rows;
    }
  }

  /** The LeNet and MLP training rows. */
  private static List<Row> smallNets(CompareContext ctx, String torch, MnistBatches data, Path dir) throws Exception {
    int steps = ctx.quick() ? 4 : 20;
    List<Row> rows = new ArrayList<>();
    for (Object[] w : new Object[][] {{"lenet", 64}, {"lenet", 128}, {"mlp", 128}}) {
      String net = (String) w[0];
      int batch = (Integer) w[1];
      ctx.log().println("compare nn: " + net + " batch " + batch + " ...");
      Network spec = net.equals("lenet") ? MlmpNets.lenet() : MlmpNets.mlp();
      // One fixed batch loaded once, the same on every side (no per-step gathering on any side): rows 0..B−1, which
      // DL4J fits and the peers read from the files written below.
      INDArray[] fixed = data.batch(0, batch);
      TrainingSession mlmp = TrainingSession.of(spec, Optimizer.Adam.of(1e-3), 0);
      mlmp.loadRows(fixed[0], fixed[1], 0, batch);
      // Once before the rounds, untimed: the JIT compiles mlmp's Java passes (the Adam pass, the dense layers' bias and
      // activation passes); a peer's per-round process has no JIT to warm. Each round then warms up as the peers do.
      for (int i = 0; i < JIT_WARM_UP_STEPS; i++) mlmp.step();
      MultiLayerNetwork dl4j = net.equals("lenet") ? Dl4jNets.lenet(0) : Dl4jNets.mlp(0);
      String[] files = writeBatch(dir, net + "-b" + batch, fixed[0], fixed[1], new long[] {1, 28, 28});
      Map<String, Interleaving.Side> peers = new LinkedHashMap<>();
      peers.put("dl4j", r -> new Interleaving.SideRun(medianStepRate(batch, ctx.quick() ? 2 : 25,
          () -> dl4j.fit(fixed[0], fixed[1])), "Deeplearning4j 1.0.0-M2.1 MultiLayerNetwork, in mlmp's JVM (same threads)"));
      String[] args = {net, "--batch", Integer.toString(batch), "--steps", Integer.toString(5 * steps), files[0], files[1],
          files[2], files[3]};
      peers.put("pytorch", pythonPeer(ctx, torch, "torch_bench.py", args, "img_per_s"));
      if (ctx.threads() > 1) {
        // The other split without oversubscription: one intra-op thread, the GEMMs on OpenBLAS's threads
        // (Debian's build calls OpenBLAS outside its OpenMP regions; faster on the MLP, 19:59 probes).
        peers.put("pytorch-blas", pythonPeer(ctx, torch, "torch_bench.py", blasSplit(args, ctx.threads()), "img_per_s"));
      }
      javaPeers(ctx, peers, args, "img_per_s", true, false);
      rows.add(Interleaving.measure(ctx, net + " batch " + batch, "img/s", true,
          r -> new Interleaving.SideRun(medianStepRate(batch, 5 * steps, () -> mlmp.step()), null), peers,
          "the same fixed batch on every side, loaded once (" + (data.source().startsWith("real") ? "real MNIST"
              : "synthetic MNIST-shaped data") + " rows 0.." + (batch - 1) + ", .npy files for the peers), 5 untimed"
              + " steps, median of " + 5 * steps + " single steps (mlmp: " + JIT_WARM_UP_STEPS + " untimed steps once"
              + " before the rounds, for the JIT); Adam 1e-3, float32")
          .withGoal(SMALL_NET_GOAL));
    }
    return rows;
  }

  /**
   * Writes a training batch for the peers ({@code torch_bench.py}'s and mlmp-peers' {@code --x}, {@code --y}): the
   * images as float32 {@code <name>-X.npy} of shape B × C × H × W (the rows of {@code x} in the engine's C, H, W order),
   * the labels as int32 class indices {@code <name>-y.npy} of shape B (the arg-max of each one-hot row of {@code y}).
   *
   * @param dir an existing folder
   * @param name the files' prefix
   * @param x B × (C·H·W) float images
   * @param y B × classes one-hot labels
   * @param image {C, H, W}
   * @return {@code --x FILE --y FILE}
   * @throws IOException if a file cannot be written
   */
  static String[] writeBatch(Path dir, String name, INDArray x, INDArray y, long[] image) throws IOException {
    long b = x.rows();
    if (x.columns() != image[0] * image[1] * image[2] || y.rows() != b) {
      throw new IllegalArgumentException("A batch for the peers needs B x " + image[0] * image[1] * image[2] + " images"
          + " and B one-hot rows; got x " + Arrays.toString(x.shape()) + ", y "
          + Arrays.toString(y.shape()) + ".");
    }
    Path xf = dir.resolve(name + "-X.npy"), yf = dir.resolve(name + "-y.npy");
    Files.write(xf, Npy.write(x.castTo(DataType.FLOAT).reshape('c', b, image[0], image[1], image[2])));
    Files.write(yf, Npy.write(y.argMax(1).castTo(DataType.INT)));
    return new String[] {"--x", xf.toString(), "--y", yf.toString()};
  }

  /** A PyTorch peer script: one run per round (see {@link CompareContext#pythonSide}). */
  static Interleaving.Side pythonPeer(CompareContext ctx, String python, String script, String[] args, String field) {
    return ctx.pythonSide(python, "torch", script, args, field, null);
  }

  /**
   * A Java peer of mlmp-peers, in its own JVM per round, read from {@code field} of its JSON answer ({@code img_per_s},
   * {@code forward_gflops}, {@code forward_backward_gflops}); skipped (with the build command) when not built.
   */
  static Interleaving.Side javaPeer(CompareContext ctx, String peer, String[] args, String field) {
    if (!ctx.hasJavaPeers()) return r -> Interleaving.SideRun.failed(ctx.javaPeersSkipped());
    return r -> {
      var json = ctx.runJavaPeer(peer, args);
      return new Interleaving.SideRun(json.path(field).asDouble(Double.NaN), json.path("config").path("summary").asText());
    };
  }

  /**
   * The Java peers of one row, added after {@code peers}' other entries: DJL, libtorch (T intra-op threads, one OpenBLAS
   * thread) and, with {@code blasSplit} and more than one thread, {@code libtorch-blas} (one intra-op thread, T
   * OpenBLAS threads: the other split without oversubscription, as {@code pytorch-blas}); with {@code nchw},
   * {@code libtorch-nchw} (libtorch on NCHW tensors, as {@code pytorch-nchw}: see {@link #nchw}). DJL has one split
   * only: its natives' BLAS (MKL) runs on the intra-op threads; and one memory format: its API has no channels-last.
   * The AlexNet rows leave the second split out, as they do for PyTorch: their convolutions run on oneDNN's intra-op
   * threads, and libtorch's AlexNet training ran at 16–17 img/s with 1 intra-op + 2 BLAS threads against 21–22 with
   * 2 + 1 (22:08 probes).
   */
  static void javaPeers(CompareContext ctx, Map<String, Interleaving.Side> peers, String[] args, String field,
      boolean blasSplit, boolean nchw) {
    for (String peer : new String[] {"djl", "libtorch"}) peers.put(peer, javaPeer(ctx, peer, args, field));
    if (blasSplit && ctx.threads() > 1) {
      peers.put("libtorch-blas", javaPeer(ctx, "libtorch", blasSplit(args, ctx.threads()), field));
    }
    if (nchw) peers.put("libtorch-nchw", javaPeer(ctx, "libtorch", nchw(args), field));
  }

  /**
   * {@code args} with NCHW (contiguous) tensors instead of the channels-last ones the PyTorch and libtorch peers run
   * by default ({@code --memory-format contiguous}). PyTorch's tuning guide recommends channels-last for computer
   * vision models, and it made both peers' LeNet 1.2–1.45× faster here; for AlexNet's training and conv1–5 rows it was
   * no faster (within ±5 %, some rounds slower: docs/nn-measurements.md, "The PyTorch peers channels-last"), so those
   * rows run both formats and the faster counts.
   */
  static String[] nchw(String[] args) {
    return with(args, "--memory-format", "contiguous");
  }

  /** {@code args} with one intra-op thread and {@code threads} BLAS threads ({@code --threads 1 --blas-threads T}). */
  static String[] blasSplit(String[] args, int threads) {
    return with(args, "--threads", "1", "--blas-threads", Integer.toString(threads));
  }

  /** {@code args} followed by {@code more}: a peer run's arguments with options added. */
  private static String[] with(String[] args, String... more) {
    return java.util.stream.Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
  }

  /**
   * AlexNet conv1–conv5 (batch 8), forward and forward + backward with the input gradient, GFLOP/s over the
   * five layers run one after another (see {@link AlexNet}); PyTorch, DJL and libtorch time the same layers one by one
   * and count the same FLOPs (torch_bench.py's and mlmp-peers' "alexconv").
   */
  static List<Row> alexNet(CompareContext ctx, String torch, Path dir) throws Exception {
    int batch = 8, steps = ctx.quick() ? 1 : 3;
    ctx.log().println("compare nn: AlexNet conv1-conv5, batch " + batch + " ...");
    List<TrainingSession> convs = new ArrayList<>();
    List<INDArray> ones = new ArrayList<>();
    double flops = 0;
    for (AlexNet.ConvLayer l : AlexNet.LAYERS) {
      TrainingSession s = TrainingSession.of(l.network(), null, 0);
      s.load(Nd4j.rand(DataType.FLOAT, batch, l.network().input().size()),
          Nd4j.zeros(DataType.FLOAT, batch, l.network().outputShape().size()));
      convs.add(s);
      ones.add(Nd4j.ones(DataType.FLOAT, batch, l.outputs()));
      flops += l.flops() * batch;
    }
    final double convFlops = flops;
    // As the peers time these rows: each layer alone, 2 untimed calls, the median of 5·S calls; the medians summed.
    Interleaving.Side fwd = r -> {
      double seconds = 0;
      for (TrainingSession s : convs) {
        seconds += medianSeconds(2, 5 * steps, () -> s.forward(AlexNet.ConvLayer.CONVOLUTION));
      }
      return new Interleaving.SideRun(convFlops / seconds / 1e9, null);
    };
    Interleaving.Side fb = r -> {
      double seconds = 0;
      for (int j = 0; j < convs.size(); j++) {
        TrainingSession s = convs.get(j);
        INDArray one = ones.get(j);
        // ∂C/∂a = 1 of the convolution's output (C = Σ a): the peers' conv(x).sum().backward(); the head does not run
        seconds += medianSeconds(2, 5 * steps, () -> s.backpropagate(AlexNet.ConvLayer.CONVOLUTION, one));
      }
      return new Interleaving.SideRun(3 * convFlops / seconds / 1e9, null);
    };
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
    String dl4jConfig = "Deeplearning4j 1.0.0-M2.1 ConvolutionLayer + 1-unit output layer per conv, in mlmp's JVM";
    Map<String, Interleaving.Side> fwdPeers = new LinkedHashMap<>();
    fwdPeers.put("dl4j", r -> new Interleaving.SideRun(rate(1, 1, i -> {
      for (int j = 0; j < dl4jConv.size(); j++) dl4jConv.get(j).output(dl4jX.get(j), false);
    }) * convFlops / 1e9, dl4jConfig));
    String[] convArgs = {"alexconv", "--batch", Integer.toString(batch), "--steps", Integer.toString(5 * steps)};
    fwdPeers.put("pytorch", pythonPeer(ctx, torch, "torch_bench.py", convArgs, "forward_gflops"));
    fwdPeers.put("pytorch-nchw", pythonPeer(ctx, torch, "torch_bench.py", nchw(convArgs), "forward_gflops"));
    javaPeers(ctx, fwdPeers, convArgs, "forward_gflops", false, true);
    Map<String, Interleaving.Side> fbPeers = new LinkedHashMap<>();
    fbPeers.put("dl4j", r -> new Interleaving.SideRun(
        rate(1, 1, i -> dl4jConv.forEach(MultiLayerNetwork::computeGradientAndScore)) * 3 * convFlops / 1e9, dl4jConfig));
    fbPeers.put("pytorch", pythonPeer(ctx, torch, "torch_bench.py", convArgs, "forward_backward_gflops"));
    fbPeers.put("pytorch-nchw", pythonPeer(ctx, torch, "torch_bench.py", nchw(convArgs), "forward_backward_gflops"));
    javaPeers(ctx, fbPeers, convArgs, "forward_backward_gflops", false, true);
    TrainingSession whole = TrainingSession.of(AlexNet.torchvision(), Optimizer.Adam.of(1e-3), 0);
    INDArray x = Nd4j.rand(DataType.FLOAT, batch, whole.network().input().size());
    INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 1000);
    for (int i = 0; i < batch; i++) y.putScalar(i, (i * 97) % 1000, 1f);
    whole.load(x, y); // once: each timed step runs on the loaded batch
    Interleaving.Side train = r -> new Interleaving.SideRun(medianStepRate(batch, 5 * steps, () -> whole.step()), null);
    MultiLayerNetwork dl4j = Dl4jNets.alexnet(0);
    INDArray xImages = x.reshape(batch, 3, 224, 224);
    Map<String, Interleaving.Side> netPeers = new LinkedHashMap<>();
    netPeers.put("dl4j", r -> new Interleaving.SideRun(rate(batch, 1, i -> dl4j.fit(xImages, y)),
        "Deeplearning4j 1.0.0-M2.1 MultiLayerNetwork, in mlmp's JVM"));
    String[] files = writeBatch(dir, "alexnet-b" + batch, x, y, new long[] {3, 224, 224});
    String[] netArgs = {"alexnet", "--batch", Integer.toString(batch), "--steps", Integer.toString(5 * steps), files[0],
        files[1], files[2], files[3]};
    netPeers.put("pytorch", pythonPeer(ctx, torch, "torch_bench.py", netArgs, "img_per_s"));
    netPeers.put("pytorch-nchw", pythonPeer(ctx, torch, "torch_bench.py", nchw(netArgs), "img_per_s"));
    javaPeers(ctx, netPeers, netArgs, "img_per_s", false, true);
    List<Row> rows = new ArrayList<>();
    ctx.log().println("compare nn: AlexNet training ...");
    rows.add(Interleaving.measure(ctx, "alexnet (torchvision) training, batch 8", "img/s", true, train, netPeers,
        "the same fixed batch on every side (synthetic ImageNet-shaped: uniform pixels, labels 97·i mod 1000; .npy files"
            + " for the peers), Adam 1e-3; every side 5 untimed steps, median of " + 5 * steps + " single steps")
        .withGoal(ALEXNET_TRAINING_GOAL));
    ctx.log().println("compare nn: AlexNet conv1-conv5 ...");
    rows.add(Interleaving.measure(ctx, "alexnet conv1-5 forward, batch 8", "GFLOP/s", true, fwd, fwdPeers,
        "synthetic ImageNet-shaped input; dl4j: ConvolutionLayer + 1-unit output layer per conv; " + FLOPS));
    // The GEMM rate of the same run, measured in each round right after mlmp's convolutions (before the peers)
    Map<String, Interleaving.Side> fbSides = new LinkedHashMap<>();
    fbSides.put(SGEMM_SIDE, bestGemm(ctx));
    fbSides.putAll(fbPeers);
    String workload = "alexnet conv1-5 forward+backward, batch 8";
    Row fbRow = Interleaving.measure(ctx, workload, "GFLOP/s", true, fb, fbSides,
        "backward includes the input gradient; mlmp and the PyTorch peers: the convolution alone, ∂C/∂a = 1 (dl4j:"
            + " computeGradientAndScore with its 1-unit output layer, no update); " + FLOPS);
    rows.add(fbRow.onlyPeers(workload, p -> !p.equals(SGEMM_SIDE)).withGoal(ALEXNET_CONV_GOAL));
    rows.add(fbRow.onlyPeers(workload + " ÷ mlmp's SGEMM", SGEMM_SIDE::equals)
        .withNote("the same rounds as the row above: mlmp's SGEMM (n = " + sizes(ctx) + ", the higher rate) measured"
            + " right after mlmp's convolutions in each round")
        .withGoal(ALEXNET_CONV_GEMM_SHARE));
    return rows;
  }

  /** How the conv1–5 rows count their GFLOP/s, whichever algorithm a side runs. */
  static final String FLOPS = "GFLOP/s of the direct convolution's 2·MACs on every side (mlmp runs layers on oneDNN's"
      + " Winograd kernels, a quarter of the multiplications, where HostConvolution.Geometry.winogradPays: with"
      + " AVX-512 on 2 threads conv3-5 and conv1's input gradient; MLMP_JAVA_OPTS=-Dmlmp.nn.winograd=false turns them"
      + " off)";

  /** The name of mlmp's SGEMM side in the conv1–5 forward+backward row's rounds. */
  static final String SGEMM_SIDE = "mlmp-sgemm";

  /** The matrix sizes of {@code compare gemm}, as text ("2048 and 4096"). */
  private static String sizes(CompareContext ctx) {
    return Arrays.stream(GemmSuite.sizes(ctx)).mapToObj(Integer::toString).collect(Collectors.joining(" and "));
  }

  /**
   * mlmp's GEMM rate as one side of a row: {@code compare gemm}'s mlmp side at each of its sizes, the highest rate
   * of the round (the machine's GEMM rate, as the goal over it reads).
   */
  static Interleaving.Side bestGemm(CompareContext ctx) {
    List<Interleaving.Side> sides = new ArrayList<>();
    for (int n : GemmSuite.sizes(ctx)) sides.add(GemmSuite.mlmp(n, GemmSuite.calls(ctx)));
    return highest(sides, "Nd4j.gemm, float32, n = " + sizes(ctx) + " ('c' order, into a preallocated output), the"
        + " higher median of " + GemmSuite.calls(ctx) + " calls, measured right after mlmp's convolutions in each round");
  }

  /** One side that runs each of {@code sides} in turn and reports the highest value (NaN if any of them failed). */
  static Interleaving.Side highest(List<Interleaving.Side> sides, String config) {
    if (sides.isEmpty()) throw new IllegalArgumentException("highest(sides) needs at least one side. Got none.");
    return r -> {
      double best = Double.NEGATIVE_INFINITY;
      for (Interleaving.Side side : sides) best = Math.max(best, side.run(r).value());
      return new Interleaving.SideRun(best, config);
    };
  }

  /** One training step on batch index i. */
  @FunctionalInterface
  interface Step {
    void run(int i) throws Exception;
  }

  /** One timed call. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  /**
   * img/s as the peers time themselves (torch_bench.py's {@code timed}, mlmp-peers' {@code PeerMain.medianSeconds}):
   * 5 untimed calls, then {@code batch} ÷ the median time of {@code steps} single calls.
   */
  static double medianStepRate(int batch, int steps, Call step) throws Exception {
    return batch / medianSeconds(5, steps, step);
  }

  /** The median time in seconds of {@code calls} single calls of {@code call}, after {@code warmup} untimed ones. */
  static double medianSeconds(int warmup, int calls, Call call) throws Exception {
    for (int w = 0; w < warmup; w++) call.run();
    double[] seconds = new double[calls];
    for (int s = 0; s < calls; s++) {
      long t = System.nanoTime();
      call.run();
      seconds[s] = (System.nanoTime() - t) / 1e9;
    }
    Arrays.sort(seconds);
    return calls % 2 == 1 ? seconds[calls / 2] : (seconds[calls / 2 - 1] + seconds[calls / 2]) / 2;
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
