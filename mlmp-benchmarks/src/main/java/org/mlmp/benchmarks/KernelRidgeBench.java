package org.mlmp.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mlmp.Mlmp;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.Svm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
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
 * Kernel methods in double precision, seconds per call: the Gaussian Gram matrix (n × n), kernel ridge
 * regression fit + predict of 1 000 rows (σ = 1, λ = 1e-3), and SVM training (σ = 1, C = 1, tolerance
 * 1e-3). Data: uniform [0, 1)^10, y = Σ_j sin(3 x_j) (labels: above / below the median); the scikit-learn
 * side is {@code mlmp compare kernel}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.HEAP, BenchJvm.MAX_BYTES, BenchJvm.MAX_PHYSICAL, BenchJvm.LOGBACK,
    BenchJvm.VECTOR_API})
public class KernelRidgeBench {
  @Param({"cpu"})
  public String backend;

  @Param({"2000", "8000"})
  public int n;

  Dataset data, labelled;
  INDArray test;
  KernelRidge krr;
  Svm svm;

  @Setup
  public void setup() {
    System.setProperty("mlmp.backend", backend);
    Mlmp.init();
    Nd4j.getRandom().setSeed(0);
    INDArray x = Nd4j.rand(DataType.DOUBLE, n, 10);
    INDArray y = Transforms.sin(x.mul(3.0), false).sum(1);
    data = Dataset.of(x, y);
    double[] v = y.toDoubleVector(), s = v.clone();
    java.util.Arrays.sort(s);
    double[] lab = new double[n];
    for (int i = 0; i < n; i++) lab[i] = v[i] > s[n / 2] ? 1 : -1;
    labelled = Dataset.of(x, Nd4j.createFromArray(lab));
    test = Nd4j.rand(DataType.DOUBLE, 1000, 10);
    krr = KernelRidge.of(Gaussian.of(1.0), 1e-3);
    svm = Svm.of(Gaussian.of(1.0), 1.0);
  }

  @Benchmark
  public INDArray gaussianGram() {
    return Gaussian.of(1.0).gram(data.x());
  }

  @Benchmark
  public INDArray krrFitPredict() {
    return krr.fit(data).predict(test);
  }

  @Benchmark
  public Object svmFit() {
    return svm.fit(labelled);
  }
}
