package org.mlmp.peers;

import java.util.List;

/**
 * One AlexNet convolution layer of the conv1–5 rows (Krizhevsky et al. 2012, single tower, groups 1; the same table as
 * mlmp-workloads' {@code AlexNet.LAYERS} and scripts/bench/torch_bench.py's {@code ALEX}, which this module cannot
 * depend on: mlmp-workloads pulls in ND4J's JavaCPP 1.5.7, libtorch here needs 1.5.13).
 *
 * @param name "conv1" … "conv5"
 * @param cin input channels
 * @param cout output channels
 * @param kernel window height and width
 * @param stride step between windows
 * @param padding zeros added on each border
 * @param size input height and width
 */
record PeerConvLayer(String name, int cin, int cout, int kernel, int stride, int padding, int size) {
  /** conv1 … conv5 at a 224 × 224 input. */
  static final List<PeerConvLayer> ALEXNET = List.of(
      new PeerConvLayer("conv1", 3, 96, 11, 4, 2, 224),
      new PeerConvLayer("conv2", 96, 256, 5, 1, 2, 27),
      new PeerConvLayer("conv3", 256, 384, 3, 1, 1, 13),
      new PeerConvLayer("conv4", 384, 384, 3, 1, 1, 13),
      new PeerConvLayer("conv5", 384, 256, 3, 1, 1, 13));

  /** (size + 2·padding − kernel) / stride + 1. */
  int outSize() {
    return (size + 2 * padding - kernel) / stride + 1;
  }

  /** Forward FLOPs per image, 2·K²·Cin·Cout·Hout·Wout, as mlmp and torch_bench.py count them (backward: twice that). */
  double flops() {
    return 2.0 * kernel * kernel * cin * cout * outSize() * outSize();
  }
}
