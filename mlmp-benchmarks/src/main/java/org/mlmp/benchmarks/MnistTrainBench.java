package org.mlmp.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mlmp.Mlmp;
import org.mlmp.workloads.MlmpNets;
import org.mlmp.workloads.MnistBatches;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * mlmp's MNIST training throughput: one training step (forward, cross-entropy, backward, Adam 1e-3)
 * of LeNet-5 or the MLP per call on mlmp's static-plan engine (see {@link MlmpNets}), float, on MNIST in
 * memory (real when present, else synthetic; see {@link MnistBatches}); the {@code images} counter is the
 * rate. The peer is {@link Dl4jTrainBench}; PyTorch's is {@code scripts/bench/torch_bench.py lenet|mlp}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.HEAP, BenchJvm.MAX_BYTES, BenchJvm.MAX_PHYSICAL, BenchJvm.LOGBACK,
    BenchJvm.VECTOR_API})
public class MnistTrainBench {
  @Param({"cpu"})
  public String backend;

  @Param({"64", "128"})
  public int batchSize;

  MnistBatches data;
  MlmpNets.CompiledNet lenet, mlp;
  int step;


  @Setup
  public void setup() {
    System.setProperty("mlmp.backend", backend);
    Mlmp.init();
    data = MnistBatches.load(60_000, 0);
    System.err.println("MnistTrainBench data: " + data.source());
    lenet = new MlmpNets.CompiledNet(MlmpNets.lenet(), batchSize, 0);
    mlp = new MlmpNets.CompiledNet(MlmpNets.mlp(), batchSize, 0);
  }

  @Benchmark
  public double lenet(ImagesCounter counter) {
    counter.images += batchSize;
    return lenet.step(data, step++);
  }

  @Benchmark
  public double mlp(ImagesCounter counter) {
    counter.images += batchSize;
    return mlp.step(data, step++);
  }
}
