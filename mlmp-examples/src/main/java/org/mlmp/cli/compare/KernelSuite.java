package org.mlmp.cli.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlmp.data.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.Svm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kernel methods side by side with scikit-learn ({@code scripts/bench/sklearn_kernel_bench.py}): Gaussian
 * kernel ridge regression fit + predict (1 000 test rows) at n = 2 000, 8 000, 16 000 (d = 10, σ = 1,
 * λ = 1e-3), with the cost exponent of mlmp's time in n, and Gaussian SVM training (C = 1, tolerance
 * 1e-3, no shrinking on either side) at n = 2 000. Data: uniform [0, 1)^d, y = Σ_j sin(3 x_j) (labels:
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
      KernelRidge krr = new KernelRidge(new Gaussian(1.0), 1e-3);
      krr.fit(data(Math.min(n, 500), 10, 1)).predict(test); // warm-up
      ctx.log().println("compare kernel: KRR n=" + n);
      ctx.log().flush();
      double t = CompareCommand.medianSeconds(repeats, () -> krr.fit(d).predict(test));
      Map<String, Double> peers = new LinkedHashMap<>();
      peers.put("scikit-learn", sk == null ? Double.NaN
          : ctx.runPython(sk, "sklearn_kernel_bench.py", "krr", "--n", Integer.toString(n), "--test", "1000",
              "--repeats", Integer.toString(repeats)).path("seconds").asDouble(Double.NaN));
      String note = "median of " + repeats;
      if (firstN == 0) {
        firstN = n;
        firstT = t;
      } else {
        note += String.format(Locale.ROOT, "; mlmp time ∝ n^%.2f since n=%d", Math.log(t / firstT) / Math.log(n / firstN),
            (int) firstN);
      }
      rows.add(new Row("krr gaussian fit+predict n=" + n + " d=10", "s", false, t, peers, note));
    }
    int n = 2000;
    Dataset d = data(n, 10, 0);
    double[] y = d.y().toDoubleVector(), sorted = y.clone();
    java.util.Arrays.sort(sorted);
    double median = sorted[n / 2];
    double[] lab = new double[n];
    for (int i = 0; i < n; i++) lab[i] = y[i] > median ? 1 : -1;
    Dataset labelled = Dataset.of(d.x(), Nd4j.createFromArray(lab));
    Svm svm = new Svm(new Gaussian(1.0), 1.0);
    svm.fit(labelled.rows(java.util.stream.IntStream.range(0, 500).toArray())); // warm-up (JIT)
    ctx.log().println("compare kernel: SVM n=" + n);
    ctx.log().flush();
    double t = CompareCommand.medianSeconds(repeats, () -> svm.fit(labelled));
    Map<String, Double> peers = new LinkedHashMap<>();
    peers.put("scikit-learn", sk == null ? Double.NaN
        : ctx.runPython(sk, "sklearn_kernel_bench.py", "svm", "--n", Integer.toString(n), "--repeats",
            Integer.toString(repeats)).path("seconds").asDouble(Double.NaN));
    rows.add(new Row("svm gaussian fit n=" + n + " d=10", "s", false, t, peers,
        "SVC(shrinking=False) = LIBSVM inside scikit-learn; median of " + repeats));
    return rows;
  }
}
