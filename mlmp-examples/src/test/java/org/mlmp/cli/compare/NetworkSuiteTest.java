package org.mlmp.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.io.Npy;
import org.mlmp.workloads.AlexNet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkSuiteTest {
  /**
   * The peers' batch files hold mlmp's batch: each image row as C × H × W in the engine's order, each one-hot label as
   * its class index (what torch_bench.py and mlmp-peers' PeerBatch read).
   */
  @Test
  void theBatchFilesHoldMlmpsBatch(@TempDir Path dir) throws Exception {
    float[] pixels = new float[2 * 12];
    for (int i = 0; i < pixels.length; i++) pixels[i] = i;
    INDArray x = Nd4j.create(pixels, new long[] {2, 12}, DataType.FLOAT);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 5);
    y.putScalar(0, 3, 1f);
    y.putScalar(1, 0, 1f);
    String[] args = NetworkSuite.writeBatch(dir, "t", x, y, new long[] {3, 2, 2});
    assertEquals(List.of("--x", dir.resolve("t-X.npy").toString(), "--y", dir.resolve("t-y.npy").toString()),
        List.of(args));
    INDArray images = Npy.read(java.nio.file.Files.readAllBytes(dir.resolve("t-X.npy")), "t-X.npy");
    assertEquals(DataType.FLOAT, images.dataType());
    assertEquals(List.of(2L, 3L, 2L, 2L), java.util.Arrays.stream(images.shape()).boxed().toList());
    assertEquals(x.getFloat(1, 7), images.getFloat(1, 1, 1, 1)); // row 1, channel 1, h 1, w 1: column 1·4 + 1·2 + 1 = 7
    assertEquals(x, images.reshape(2, 12));
    INDArray labels = Npy.read(java.nio.file.Files.readAllBytes(dir.resolve("t-y.npy")), "t-y.npy");
    assertEquals(DataType.INT, labels.dataType());
    assertEquals(List.of(3, 0), java.util.Arrays.stream(labels.toIntVector()).boxed().toList());
    assertEquals("A batch for the peers needs B x 12 images and B one-hot rows; got x [2, 10], y [2, 5].",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> NetworkSuite.writeBatch(dir, "u", Nd4j.zeros(DataType.FLOAT, 2, 10), y, new long[] {3, 2, 2}))
            .getMessage());
  }

  /** mlmp's conv1-5 rows count Σ 2·K²·Cin·Cout·Hout² per image: the number torch_bench.py and mlmp-peers count. */
  @Test
  void alexNetConvFlopsAreThePeersCount() {
    assertEquals(List.of(55, 27, 13, 13, 13), AlexNet.LAYERS.stream().map(AlexNet.ConvLayer::outSize).toList());
    assertEquals(2_153_268_288.0, AlexNet.LAYERS.stream().mapToDouble(AlexNet.ConvLayer::flops).sum());
  }

  /**
   * The rows time each network up to its convolution (layer {@code CONVOLUTION}, after the rate-0 dropout), and the
   * ∂C/∂a = 1 they back-propagate has that convolution's output size: 96·55², 256·27², 384·13², 384·13², 256·13².
   */
  @Test
  void alexNetConvRowsStopAtTheConvolution() {
    for (AlexNet.ConvLayer l : AlexNet.LAYERS) {
      org.mlmp.nn.Network n = l.network();
      assertTrue(n.layers().get(AlexNet.ConvLayer.CONVOLUTION) instanceof org.mlmp.nn.Conv2d, l.name());
      assertEquals(n.shapes().get(AlexNet.ConvLayer.CONVOLUTION + 1).size(), l.outputs(), l.name());
    }
    assertEquals(List.of(290_400, 186_624, 64_896, 64_896, 43_264),
        AlexNet.LAYERS.stream().map(AlexNet.ConvLayer::outputs).toList());
  }

  /**
   * Every row gets DJL and libtorch after its other peers, the LeNet and MLP rows also libtorch's second thread split,
   * the AlexNet rows libtorch on NCHW tensors; without the jar each is skipped with the build command.
   */
  @Test
  void javaPeersJoinEveryRowAndSayHowToBuildThem() throws Exception {
    CompareContext ctx = new CompareContext(Path.of("scripts/bench"), Path.of("absent.jar"), 2, true, 1,
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Path.of("."));
    Map<String, Interleaving.Side> peers = new LinkedHashMap<>();
    peers.put("pytorch", r -> new Interleaving.SideRun(1, "torch"));
    NetworkSuite.javaPeers(ctx, peers, new String[] {"alexconv", "--batch", "8"}, "forward_gflops", false, true);
    assertEquals(List.of("pytorch", "djl", "libtorch", "libtorch-nchw"), List.copyOf(peers.keySet()));
    Map<String, Interleaving.Side> small = new LinkedHashMap<>();
    NetworkSuite.javaPeers(ctx, small, new String[] {"lenet", "--batch", "64"}, "img_per_s", true, false);
    assertEquals(List.of("djl", "libtorch", "libtorch-blas"), List.copyOf(small.keySet()));
    peers.putAll(small);
    for (String peer : List.of("djl", "libtorch", "libtorch-blas", "libtorch-nchw")) {
      Interleaving.SideRun run = peers.get(peer).run(0);
      assertTrue(Double.isNaN(run.value()), peer);
      assertEquals("skipped: build with " + CompareContext.PEERS_BUILD + " (absent.jar not found)", run.config());
    }
  }

  /** One thread has one split: no libtorch-blas column beside libtorch. */
  @Test
  void oneThreadHasNoSecondSplit() {
    CompareContext ctx = new CompareContext(Path.of("scripts/bench"), Path.of("absent.jar"), 1, true, 1,
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Path.of("."));
    Map<String, Interleaving.Side> peers = new LinkedHashMap<>();
    NetworkSuite.javaPeers(ctx, peers, new String[] {"mlp", "--batch", "128"}, "img_per_s", true, false);
    assertEquals(List.of("djl", "libtorch"), List.copyOf(peers.keySet()));
  }

  /** The second split is one intra-op thread and the compare command's threads on the BLAS pool. */
  @Test
  void blasSplitGivesTheThreadsToTheBlasPool() {
    assertEquals(List.of("mlp", "--batch", "128", "--threads", "1", "--blas-threads", "2"),
        List.of(NetworkSuite.blasSplit(new String[] {"mlp", "--batch", "128"}, 2)));
  }

  /** The NCHW column is the same run with contiguous tensors instead of the peers' default channels-last ones. */
  @Test
  void nchwAsksForContiguousTensors() {
    assertEquals(List.of("alexnet", "--batch", "8", "--memory-format", "contiguous"),
        List.of(NetworkSuite.nchw(new String[] {"alexnet", "--batch", "8"})));
  }

  /**
   * mlmp's training rows are timed as the peers time themselves: 5 untimed calls, then batch ÷ the median of the
   * single-call times (a call that takes 1 ms except for one slow call gives ≈ batch / 1 ms, not the mean).
   */
  @Test
  void medianStepRateWarmsUpFiveTimesAndTakesTheMedianCall() throws Exception {
    int[] calls = {0};
    double rate = NetworkSuite.medianStepRate(64, 7, () -> {
      calls[0]++;
      Thread.sleep(calls[0] == 9 ? 60 : 1); // the 4th timed call is slow
    });
    assertEquals(12, calls[0]);
    assertTrue(rate > 64 / 0.030 && rate <= 64 / 0.001, "rate " + rate + " img/s should reflect a ~1 ms median call");
  }

  /**
   * The conv1–5 row's SGEMM side runs every size in each round and reports the highest rate; a size that failed makes
   * the round's value NaN (the round then has no ratio), never the other size's rate alone.
   */
  @Test
  void theGemmSideRunsEverySizeAndReportsTheHighestRate() throws Exception {
    StringBuilder ran = new StringBuilder();
    Interleaving.Side small = r -> {
      ran.append("2048/").append(r).append(' ');
      return new Interleaving.SideRun(r == 0 ? 380 : 360, null);
    };
    Interleaving.Side large = r -> {
      ran.append("4096/").append(r).append(' ');
      return new Interleaving.SideRun(r == 2 ? Double.NaN : 370, null);
    };
    Interleaving.Side best = NetworkSuite.highest(List.of(small, large), "both sizes");
    assertEquals(new Interleaving.SideRun(380, "both sizes"), best.run(0));
    assertEquals(370, best.run(1).value());
    assertTrue(Double.isNaN(best.run(2).value()));
    assertEquals("2048/0 4096/0 2048/1 4096/1 2048/2 4096/2 ", ran.toString());
    assertEquals("highest(sides) needs at least one side. Got none.", org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> NetworkSuite.highest(List.of(), "none")).getMessage());
  }

  /** On a quick run the SGEMM side multiplies n = 1024 (compare gemm's quick size) and names it in its configuration. */
  @Test
  void theGemmSideIsCompareGemmsMlmpSide() throws Exception {
    CompareContext ctx = new CompareContext(Path.of("scripts/bench"), Path.of("absent.jar"), 2, true, 1,
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Path.of("."));
    Interleaving.SideRun run = NetworkSuite.bestGemm(ctx).run(0);
    assertTrue(run.value() > 0 && Double.isFinite(run.value()), "GFLOP/s " + run.value());
    assertTrue(run.config().startsWith("Nd4j.gemm, float32, n = 1024 ("), run.config());
  }
}
