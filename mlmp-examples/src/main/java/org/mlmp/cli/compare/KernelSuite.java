package org.mlmp.cli.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.Svm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kernel methods side by side with scikit-learn ({@code scripts/bench/sklearn_kernel_bench.py}): Gaussian
 * kernel ridge regression fit + predict (1 000 test rows) at n = 2 000, 8 000, 16 000 (d = 10, σ = 1,
 * λ = 1e-3), with the cost exponent of mlmp's time in n, the cost exponent of KRR fit time for both
 * (log-log slope over n = 2 000, 4 000, 8 000; quick: 1 000, 2 000, 4 000), and Gaussian SVM training
 * (C = 1, tolerance 1e-3, LIBSVM's shrinking heuristic on both sides, as both default) at n = 2 000. Data: uniform [0, 1)^d, y = Σ_j sin(3 x_j) (labels:
 * above / below the median), the same generator as the peer script but not the same numbers.
 */
public final class KernelSuite implements CompareSuite {
  @Override
  public String name() {
    return "kernel";
  }

  @Override
  public String description() {
    return "KRR (Gaussian) fit+predict n=2000, 8000, 16000 (quick: 2000) and SVM training n=2000, seconds, mlmp vs"
        + " scikit-learn";
  }

  static Dataset data(int n, int d, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.DOUBLE, n, d);
    INDArray y = org.nd4j.linalg.ops.transforms.Transforms.sin(x.mul(3.0), false).sum(1);
    return Dataset.of(x, y);
  }

  @Override
  public List<Row> run(CompareContext ctx) throws Exception {
    String sk = ctx.python("sklearn");
    List<Row> rows = new ArrayList<>();
    int repeats = ctx.quick() ? 1 : 3;
    int[] sizes = ctx.quick() ? new int[] {2000} : new int[] {2000, 8000, 16000};
    double firstN = 0, firstT = 0;
    INDArray test = Nd4j.rand(DataType.DOUBLE, 1000, 10);
    for (int n : sizes) {
      Dataset d = data(n, 10, 0);
      KernelRidge krr = KernelRidge.of(Gaussian.of(1.0), 1e-3);
      // warm-up (JIT, allocator) on other data of up to 2 000 rows, so the mixed-precision path is compiled too
      Dataset warm = data(Math.min(n, 2000), 10, 1);
      for (int w = 0; w < 3; w++) krr.fit(warm).predict(test);
      ctx.log().println("compare kernel: KRR n=" + n);
      ctx.log().flush();
      int reps = n <= 2000 ? Math.max(repeats, 5) : repeats; // short runs: more of them on a noisy machine
      double t = CompareCommand.medianSeconds(reps, () -> krr.fit(d).predict(test));
      Map<String, Double> peers = new LinkedHashMap<>();
      peers.put("scikit-learn", sk == null ? Double.NaN
          : ctx.runPython(sk, "sklearn_kernel_bench.py", "krr", "--n", Integer.toString(n), "--test", "1000",
              "--repeats", Integer.toString(reps)).path("seconds").asDouble(Double.NaN));
      String note = "median of " + reps;
      if (firstN == 0) {
        firstN = n;
        firstT = t;
      } else {
        note += String.format(Locale.ROOT, "; mlmp time ∝ n^%.2f since n=%d", Math.log(t / firstT) / Math.log(n / firstN),
            (int) firstN);
      }
      rows.add(new Row("krr gaussian fit+predict n=" + n + " d=10", "s", false, t, peers, note));
    }
    rows.add(exponent(ctx, sk, ctx.quick() ? new int[] {1000, 2000, 4000} : new int[] {2000, 4000, 8000}));
    int n = 2000;
    Dataset d = data(n, 10, 0);
    double[] y = d.y().toDoubleVector(), sorted = y.clone();
    java.util.Arrays.sort(sorted);
    double median = sorted[n / 2];
    double[] lab = new double[n];
    for (int i = 0; i < n; i++) lab[i] = y[i] > median ? 1 : -1;
    Dataset labelled = Dataset.of(d.x(), Nd4j.createFromArray(lab));
    Svm svm = Svm.of(Gaussian.of(1.0), 1.0);
    Dataset warmSvm = labelled.rows(java.util.stream.IntStream.range(0, 1000).toArray());
    for (int w = 0; w < 3; w++) svm.fit(warmSvm); // warm-up (JIT)
    ctx.log().println("compare kernel: SVM n=" + n);
    ctx.log().flush();
    int svmReps = Math.max(repeats, 5);
    double t = CompareCommand.medianSeconds(svmReps, () -> svm.fit(labelled));
    Map<String, Double> peers = new LinkedHashMap<>();
    peers.put("scikit-learn", sk == null ? Double.NaN
        : ctx.runPython(sk, "sklearn_kernel_bench.py", "svm", "--n", Integer.toString(n), "--repeats",
            Integer.toString(svmReps)).path("seconds").asDouble(Double.NaN));
    rows.add(new Row("svm gaussian fit n=" + n + " d=10", "s", false, t, peers,
        "SVC(shrinking=True) = LIBSVM inside scikit-learn; mlmp shrinks too; median of " + svmReps));
    return rows;
  }

  /**
   * The cost exponent p of KRR fit time t ∝ n^p: least-squares slope of log t against log n over
   * {@code sizes} (median of 3 fits each), for mlmp and scikit-learn. Gram O(n²d), Cholesky O(n³/3): p
   * tends to 3 as n grows; below 3 while the n² parts still weigh.
   */
  private static Row exponent(CompareContext ctx, String sk, int[] sizes) throws Exception {
    double[] ln = new double[sizes.length], lm = new double[sizes.length], ls = new double[sizes.length];
    StringBuilder note = new StringBuilder("fit time, median of 3, mlmp/scikit-learn s:");
    KernelRidge krr = KernelRidge.of(Gaussian.of(1.0), 1e-3);
    for (int k = 0; k < sizes.length; k++) {
      int n = sizes[k];
      Dataset d = data(n, 10, 0);
      ctx.log().println("compare kernel: KRR fit n=" + n);
      ctx.log().flush();
      double t = CompareCommand.medianSeconds(3, () -> krr.fit(d));
      double ts = sk == null ? Double.NaN
          : ctx.runPython(sk, "sklearn_kernel_bench.py", "krr", "--n", Integer.toString(n), "--test", "0",
              "--repeats", "3").path("seconds").asDouble(Double.NaN);
      ln[k] = Math.log(n);
      lm[k] = Math.log(t);
      ls[k] = Math.log(ts);
      note.append(String.format(Locale.ROOT, " n=%d %.3g/%.3g", n, t, ts));
    }
    Map<String, Double> peers = new LinkedHashMap<>();
    peers.put("scikit-learn", slope(ln, ls));
    String sizesText = java.util.Arrays.toString(sizes).replace(" ", "");
    return new Row("krr gaussian fit cost exponent p (t ∝ n^p), n=" + sizesText, "p", false, slope(ln, lm), peers,
        note.toString());
  }

  /** Least-squares slope of y against x (NaN if any y is NaN). */
  static double slope(double[] x, double[] y) {
    double mx = 0, my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0, sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxy / sxx;
  }
}
