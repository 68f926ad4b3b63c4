package org.mlmp.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mlmp.Mlmp;
import org.mlmp.workloads.AlexNet;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
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
 * Training steps of the whole torchvision AlexNet ({@link AlexNet#torchvision()}) on synthetic
 * ImageNet-shaped input (uniform pixels, random labels, seeded), float, Adam 1e-3; the {@code images}
 * counter is the rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.HEAP, BenchJvm.MAX_BYTES, BenchJvm.MAX_PHYSICAL, BenchJvm.LOGBACK,
    BenchJvm.VECTOR_API})
public class AlexNetBench {
  @Param({"cpu"})
  public String backend;

  @Param({"8"})
  public int batchSize;

  TrainingSession session;

  @Setup
  public void setup() {
    System.setProperty("mlmp.backend", backend);
    Mlmp.init();
    session = TrainingSession.of(AlexNet.torchvision(), Optimizer.Adam.of(1e-3), 0);
    Nd4j.getRandom().setSeed(1);
    var x = Nd4j.rand(DataType.FLOAT, batchSize, session.network().input().size());
    java.util.Random r = new java.util.Random(1);
    var y = Nd4j.zeros(DataType.FLOAT, batchSize, 1000);
    for (int i = 0; i < batchSize; i++) y.putScalar(i, r.nextInt(1000), 1f);
    session.load(x, y); // once: each step then runs on the loaded batch (no copy per step)
  }

  @Benchmark
  public double train(ImagesCounter counter) {
    double loss = session.step();
    counter.images += batchSize;
    return loss;
  }
}
