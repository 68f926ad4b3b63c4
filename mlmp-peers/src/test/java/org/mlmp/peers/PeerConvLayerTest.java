package org.mlmp.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerConvLayerTest {
  @Test
  void countsTheFlopsAsTorchBenchAndMlmp() {
    // torch_bench.py's ALEX table: Σ 2·K²·Cin·Cout·Hout² per image over conv1-5 (output sizes 55, 27, 13, 13, 13)
    assertEquals(List.of(55, 27, 13, 13, 13), PeerConvLayer.ALEXNET.stream().map(PeerConvLayer::outSize).toList());
    assertEquals(2_153_268_288.0, PeerConvLayer.ALEXNET.stream().mapToDouble(PeerConvLayer::flops).sum());
  }

  @Test
  void sumsTheLayerMediansAsTorchBench() throws Exception {
    PeerArgs p = new PeerArgs("alexconv", 8, 1, 1);
    var r = PeerMain.alexConv(p, l -> new double[] {0.1, 0.3});
    assertEquals(500.0, r.get("forward_ms"), 1e-9);
    assertEquals(1500.0, r.get("forward_backward_ms"), 1e-9);
    assertEquals(8 * 2_153_268_288.0 / 0.5 / 1e9, r.get("forward_gflops"), 1e-9);
    assertEquals(3 * 8 * 2_153_268_288.0 / 1.5 / 1e9, r.get("forward_backward_gflops"), 1e-9);
  }
}
