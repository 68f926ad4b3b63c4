package org.mlmp.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.mlmp.Mlmp;
import org.mlmp.api.Dataset;
import org.mlmp.data.RowBlocks;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.ConjugateGradientKernelRidge;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.NystromKernelRidge;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 15 (c): kernel ridge regression on x uniform in [0, 1)^d ({@code java.util.Random(seed)}), y = Σ_j sin(3 x_j)
 * (the data of {@code compare kernel}), Gaussian kernel σ, λ, one fit per JVM:
 * {@code method=exact} ({@link KernelRidge}: the n × n Gram matrix), {@code method=nystrom m=...}
 * ({@link NystromKernelRidge}) or {@code method=cg} ({@link ConjugateGradientKernelRidge}, Nyström-preconditioned with
 * {@code pm} landmarks, tolerance {@code tol}); the rows as in-memory {@link RowBlocks} of {@code block} rows (the
 * sequential core classes), or with {@code master=local[N]} as {@link SparkRowBlocks} of {@code partitions} (default
 * N) partitions — the distributed fit of {@code mlmp spark krr} (the exact method always runs in memory). Prints one JSON line: fit seconds, the peak resident memory of the JVM, test RMSE against
 * y on {@code test} rows drawn with seed + 1, and — with {@code ref=FILE} — the RMSE and the largest relative
 * difference against exact KRR's test predictions in FILE ({@code method=exact ref=FILE} writes them).
 *
 * <p>Arguments: {@code method=nystrom n=200000 d=10 m=1000 sigma=1 lambda=1e-3 test=2000 seed=0 tol=1e-10 pm=1000
 * block=4096 ref=FILE master=local[2] partitions=2}.
 */
public final class SparkKrrBench {
  private SparkKrrBench() {}

  /**
   * Runs one fit.
   *
   * @param args key=value arguments (see the class comment)
   * @throws IOException when the reference file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> a = SparkBenchSupport.arguments(args);
    String method = a.getOrDefault("method", "nystrom");
    int n = Integer.parseInt(a.getOrDefault("n", "20000")), d = Integer.parseInt(a.getOrDefault("d", "10"));
    int nTest = Integer.parseInt(a.getOrDefault("test", "2000"));
    long seed = Long.parseLong(a.getOrDefault("seed", "0"));
    double sigma = Double.parseDouble(a.getOrDefault("sigma", "1")), lambda = Double.parseDouble(a.getOrDefault("lambda", "1e-3"));
    int block = Integer.parseInt(a.getOrDefault("block", String.valueOf(NystromKernelRidge.DEFAULT_BLOCK_ROWS)));
    Path ref = a.containsKey("ref") ? Path.of(a.get("ref")) : null;
    Mlmp.init();
    double[][] x = new double[n][d], xt = new double[nTest][d];
    double[] y = new double[n], yt = new double[nTest];
    fill(x, y, new Random(seed));
    fill(xt, yt, new Random(seed + 1));
    Dataset train = Dataset.of(x, y);
    INDArray testX = Nd4j.createFromArray(xt);
    Gaussian kernel = Gaussian.of(sigma);
    String master = a.get("master");
    org.apache.spark.api.java.JavaSparkContext sc = master == null ? null
        : SparkBenchSupport.context(master, "mlmp SparkKrrBench");
    int partitions = sc == null ? 0 : Integer.parseInt(a.getOrDefault("partitions", String.valueOf(sc.defaultParallelism())));
    long t0 = System.nanoTime();
    RowBlocks blocks = sc == null ? RowBlocks.of(train, block) : SparkRowBlocks.of(sc, train, partitions);
    INDArray predicted;
    String detail = "";
    switch (method) {
      case "exact" -> predicted = KernelRidge.of(kernel, lambda).fit(train).predict(testX);
      case "nystrom" -> {
        int m = Integer.parseInt(a.getOrDefault("m", "1000"));
        predicted = NystromKernelRidge.of(kernel, lambda, m).withBlockRows(block).fit(blocks, true).predict(testX);
        detail = "m=" + m;
      }
      case "cg" -> {
        int pm = Integer.parseInt(a.getOrDefault("pm", "1000"));
        double tol = Double.parseDouble(a.getOrDefault("tol", "1e-10"));
        ConjugateGradientKernelRidge.CgSolution s = ConjugateGradientKernelRidge.of(kernel, lambda).withTolerance(tol)
            .withPreconditionerLandmarks(pm).withBlockRows(block).solve(blocks, true);
        predicted = s.model().predict(testX);
        detail = "preconditionerLandmarks=" + pm + " tol=" + tol + " iterations=" + s.iterations()[0]
            + " relativeResidual=" + s.relativeResidual()[0];
      }
      default -> throw new IllegalArgumentException("method must be exact, nystrom or cg; got '" + method + "'.");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (sc != null) {
      ((SparkRowBlocks) blocks).close();
      sc.stop();
    }
    double[] p = predicted.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
    double rmse = rmse(p, yt), rmseVsExact = Double.NaN, maxRelVsExact = Double.NaN;
    if (ref != null && method.equals("exact")) {
      write(ref, p);
    } else if (ref != null && Files.exists(ref)) {
      double[] e = read(ref);
      rmseVsExact = rmse(p, e);
      double scale = 0;
      for (double v : e) scale = Math.max(scale, Math.abs(v));
      maxRelVsExact = 0;
      for (int i = 0; i < e.length; i++) maxRelVsExact = Math.max(maxRelVsExact, Math.abs(p[i] - e[i]) / scale);
    }
    SparkBenchSupport.emit("bench", "krr", "method", method, "n", n, "d", d, "sigma", sigma, "lambda", lambda,
        "detail", detail, "blockRows", block, "spark", master == null ? "no (in-memory RowBlocks)" : master + " P=" + partitions, "fitSeconds", seconds, "testRmse", rmse, "rmseVsExact", rmseVsExact,
        "maxRelDiffVsExact", maxRelVsExact, "peakRssMb", SparkBenchSupport.peakResidentMegabytes(), "heapMaxMb",
        Runtime.getRuntime().maxMemory() >> 20, "threads", System.getenv().getOrDefault("MLMP_THREADS", "unset"));
  }

  private static void fill(double[][] x, double[] y, Random r) {
    for (int i = 0; i < x.length; i++) {
      double s = 0;
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] = r.nextDouble();
        s += Math.sin(3 * x[i][j]);
      }
      y[i] = s;
    }
  }

  private static double rmse(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return Math.sqrt(s / a.length);
  }

  private static void write(Path file, double[] v) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(v.length);
      for (double x : v) out.writeDouble(x);
    }
  }

  private static double[] read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      double[] v = new double[in.readInt()];
      for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
      return v;
    }
  }
}
