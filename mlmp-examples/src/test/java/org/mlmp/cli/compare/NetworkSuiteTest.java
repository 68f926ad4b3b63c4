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
import org.mlmp.workloads.AlexNet;

class NetworkSuiteTest {
  /** mlmp's conv1-5 rows count Σ 2·K²·Cin·Cout·Hout² per image: the number torch_bench.py and mlmp-peers count. */
  @Test
  void alexNetConvFlopsAreThePeersCount() {
    assertEquals(List.of(55, 27, 13, 13, 13), AlexNet.LAYERS.stream().map(AlexNet.ConvLayer::outSize).toList());
    assertEquals(2_153_268_288.0, AlexNet.LAYERS.stream().mapToDouble(AlexNet.ConvLayer::flops).sum());
  }

  /**
   * Every row gets DJL and libtorch after its other peers, the LeNet and MLP rows also libtorch's second thread split;
   * without the jar each is skipped with the build command.
   */
  @Test
  void javaPeersJoinEveryRowAndSayHowToBuildThem() throws Exception {
    CompareContext ctx = new CompareContext(Path.of("scripts/bench"), Path.of("absent.jar"), 2, true, 1,
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Path.of("."));
    Map<String, Interleaving.Side> peers = new LinkedHashMap<>();
    peers.put("pytorch", r -> new Interleaving.SideRun(1, "torch"));
    NetworkSuite.javaPeers(ctx, peers, new String[] {"alexconv", "--batch", "8"}, "forward_gflops", false);
    assertEquals(List.of("pytorch", "djl", "libtorch"), List.copyOf(peers.keySet()));
    Map<String, Interleaving.Side> small = new LinkedHashMap<>();
    NetworkSuite.javaPeers(ctx, small, new String[] {"lenet", "--batch", "64"}, "img_per_s", true);
    assertEquals(List.of("djl", "libtorch", "libtorch-blas"), List.copyOf(small.keySet()));
    peers.putAll(small);
    for (String peer : List.of("djl", "libtorch", "libtorch-blas")) {
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
    NetworkSuite.javaPeers(ctx, peers, new String[] {"mlp", "--batch", "128"}, "img_per_s", true);
    assertEquals(List.of("djl", "libtorch"), List.copyOf(peers.keySet()));
  }

  /** The second split is one intra-op thread and the compare command's threads on the BLAS pool. */
  @Test
  void blasSplitGivesTheThreadsToTheBlasPool() {
    assertEquals(List.of("mlp", "--batch", "128", "--threads", "1", "--blas-threads", "2"),
        List.of(NetworkSuite.blasSplit(new String[] {"mlp", "--batch", "128"}, 2)));
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
}
