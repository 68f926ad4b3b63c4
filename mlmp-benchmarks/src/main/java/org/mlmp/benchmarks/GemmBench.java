package org.mlmp.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mlmp.Mlmp;
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
 * The machine limit: single-precision GEMM C = A·B (n × n, Fortran order, preallocated C) through
 * {@code Nd4j.gemm}. The {@code flops} counter (2n³ per call) divided by 1e9 is the GFLOP/s rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.HEAP, BenchJvm.MAX_BYTES, BenchJvm.MAX_PHYSICAL, BenchJvm.LOGBACK,
    BenchJvm.VECTOR_API})
public class GemmBench {
  @Param({"cpu"})
  public String backend;

  @Param({"1024", "2048", "4096"})
  public int n;

  INDArray a, b, c;

  /** Floating-point operations done, as a rate (JMH divides by time). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long flops;

    @Setup(Level.Iteration)
    public void reset() {
      flops = 0;
    }
  }

  @Setup
  public void setup() {
    System.setProperty("mlmp.backend", backend);
    Mlmp.init();
    Nd4j.getRandom().setSeed(1);
    a = Nd4j.rand(DataType.FLOAT, 'f', n, n);
    b = Nd4j.rand(DataType.FLOAT, 'f', n, n);
    c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'f');
  }

  @Benchmark
  public INDArray sgemm(Counters counters) {
    Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    counters.flops += 2L * n * n * n;
    return c;
  }
}
