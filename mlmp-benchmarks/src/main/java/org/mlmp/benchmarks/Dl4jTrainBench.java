package org.mlmp.benchmarks;

import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mlmp.Mlmp;
import org.mlmp.workloads.Dl4jNets;
import org.mlmp.workloads.MnistBatches;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * The peer's MNIST training throughput: plain Deeplearning4j {@code MultiLayerNetwork.fit} on one
 * mini-batch per call, LeNet or the MLP (see {@link Dl4jNets}); the {@code images} counter is the rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.HEAP, BenchJvm.MAX_BYTES, BenchJvm.MAX_PHYSICAL, BenchJvm.LOGBACK,
    BenchJvm.VECTOR_API})
public class Dl4jTrainBench {
  @Param({"cpu"})
  public String backend;

  @Param({"64", "128"})
  public int batchSize;

  MnistBatches data;
  MultiLayerNetwork lenet, mlp;
  int step;


  @Setup
  public void setup() {
    System.setProperty("mlmp.backend", backend);
    Mlmp.init();
    data = MnistBatches.load(60_000, 0);
    System.err.println("Dl4jTrainBench data: " + data.source());
    lenet = Dl4jNets.lenet(0);
    mlp = Dl4jNets.mlp(0);
  }

  @Benchmark
  public void lenet(ImagesCounter counter) {
    INDArray[] b = data.batch(step++, batchSize);
    lenet.fit(b[0], b[1]);
    counter.images += batchSize;
  }

  @Benchmark
  public void mlp(ImagesCounter counter) {
    INDArray[] b = data.batch(step++, batchSize);
    mlp.fit(b[0], b[1]);
    counter.images += batchSize;
  }
}
