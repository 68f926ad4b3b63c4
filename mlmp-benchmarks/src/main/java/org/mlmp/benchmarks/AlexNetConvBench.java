package org.mlmp.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mlmp.Mlmp;
import org.mlmp.workloads.AlexNet;
import org.mlmp.nn.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The AlexNet convolution layers (see {@link AlexNet}) forward, and forward + backward including the
 * input gradient, on mlmp's engine in float. {@code layer=all} runs conv1…conv5 one after the other. The
 * {@code flops} counter (divided by 1e9: GFLOP/s) and {@code images} counter are the rates; BenchReport
 * prints GFLOP/s also as a fraction of the GemmBench rate of the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.HEAP, BenchJvm.MAX_BYTES, BenchJvm.MAX_PHYSICAL, BenchJvm.LOGBACK,
    BenchJvm.VECTOR_API})
public class AlexNetConvBench {
  @Param({"cpu"})
  public String backend;

  @Param({"8"})
  public int batchSize;

  @Param({"all", "conv1", "conv2", "conv3", "conv4", "conv5"})
  public String layer;

  /**
   * The convolution backward path (the engine's {@code -Dmlmp.nn.convBackward}, set from this parameter): AUTO (per
   * layer), CONV (oneDNN deconv2d + a forward conv2d of transposed tensors), GEMM (im2col + GEMM) or LIBND4J
   * (conv2d_bp); e.g. {@code -p convBackward=AUTO,LIBND4J}.
   */
  @Param({"AUTO"})
  public String convBackward;

  final List<TrainingSession> sessions = new ArrayList<>();
  /** Per session, ∂C/∂a = 1 of its convolution's output (batch × Cout·Hout·Wout), allocated once. */
  final List<INDArray> outputGradients = new ArrayList<>();
  double flopsPerImage;

  /** Rates: FLOPs (forward 1x, forward+backward 3x the forward count) and images. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Rates {
    public long flops;
    public long images;

    @Setup(Level.Iteration)
    public void reset() {
      flops = 0;
      images = 0;
    }
  }

  @Setup
  public void setup() {
    System.setProperty("mlmp.backend", backend);
    Mlmp.init();
    System.setProperty("mlmp.nn.convBackward", convBackward.toLowerCase(java.util.Locale.ROOT));
    List<AlexNet.ConvLayer> layers = layer.equals("all") ? AlexNet.LAYERS : List.of(AlexNet.layer(layer));
    for (AlexNet.ConvLayer l : layers) {
      TrainingSession s = TrainingSession.of(l.network(), null, 0);
      Nd4j.getRandom().setSeed(1);
      s.load(Nd4j.rand(DataType.FLOAT, batchSize, l.network().input().size()),
          Nd4j.zeros(DataType.FLOAT, batchSize, l.network().outputShape().size()));
      sessions.add(s);
      outputGradients.add(Nd4j.ones(DataType.FLOAT, batchSize, l.outputs()));
      flopsPerImage += l.flops();
    }
  }

  @Benchmark
  public void forward(Rates r) {
    for (TrainingSession s : sessions) s.forward(AlexNet.ConvLayer.CONVOLUTION);
    r.flops += (long) (flopsPerImage * batchSize);
    r.images += batchSize;
  }

  @Benchmark
  public void forwardBackward(Rates r) {
    // ∂C/∂a = 1 of the convolution's output (C = Σ a), as the peers' conv(x).sum().backward(); the head does not run
    for (int i = 0; i < sessions.size(); i++) {
      sessions.get(i).backpropagate(AlexNet.ConvLayer.CONVOLUTION, outputGradients.get(i));
    }
    r.flops += (long) (3 * flopsPerImage * batchSize);
    r.images += batchSize;
  }
}
