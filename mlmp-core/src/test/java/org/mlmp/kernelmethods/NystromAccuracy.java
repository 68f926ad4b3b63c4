package org.mlmp.kernelmethods;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.Gaussian;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A measurement of accuracy, not of speed (not a test): exact {@link KernelRidge} and {@link NystromKernelRidge}
 * with m landmarks on a generated smooth regression problem in d = 10, each fitted to the same n noisy rows; prints
 * a Markdown table of the test RMSE of each against the noiseless truth and the relative difference
 * ‖f_Nyström − f_exact‖₂ / ‖f_exact‖₂ of the test predictions. The command is in docs/kernel-measurements.md.
 *
 * <p>Arguments: n, then the landmark counts m (those above n are skipped). Fixed: σ = 2, λ = 1e-2, noise 0.1,
 * 2 000 test rows, seeds 1 (train), 2 (test), 0 (landmarks).
 */
final class NystromAccuracy {
  private NystromAccuracy() {}

  static final int D = 10;

  /** f(x) = sin(π x₁) + x₂ x₃ + cos(x₄ + x₅) / 2 + (x₆² + x₇² − x₈ x₉ + x₁₀) / 4 on [−1, 1]¹⁰. */
  static double truth(double[] x) {
    return Math.sin(Math.PI * x[0]) + x[1] * x[2] + Math.cos(x[3] + x[4]) / 2
        + (x[5] * x[5] + x[6] * x[6] - x[7] * x[8] + x[9]) / 4;
  }

  /** n rows uniform on [−1, 1]¹⁰ with y = f(x) + noise · N(0, 1). */
  static Dataset problem(int n, long seed, double noise) {
    Random r = new Random(seed);
    double[][] x = new double[n][D];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < D; j++) x[i][j] = 2 * r.nextDouble() - 1;
      y[i] = truth(x[i]) + noise * r.nextGaussian();
    }
    return Dataset.of(x, y);
  }

  static double rmse(INDArray a, INDArray b) {
    return Math.sqrt(a.castTo(DataType.DOUBLE).squaredDistance(b.castTo(DataType.DOUBLE)) / a.length());
  }

  static double relative(INDArray a, INDArray b) {
    INDArray bd = b.castTo(DataType.DOUBLE);
    return a.castTo(DataType.DOUBLE).sub(bd).norm2Number().doubleValue() / bd.norm2Number().doubleValue();
  }

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    List<Integer> ms = new ArrayList<>();
    for (int i = 1; i < args.length; i++) ms.add(Integer.parseInt(args[i]));
    Gaussian k = Gaussian.of(2.0);
    double lambda = 1e-2;
    Dataset train = problem(n, 1, 0.1), test = problem(2000, 2, 0);
    INDArray truth = test.y();
    long t0 = System.nanoTime();
    INDArray exact = KernelRidge.of(k, lambda).fit(train).predict(test.x());
    double exactSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.println(String.format(Locale.ROOT, "n = %d, d = %d, %s, lambda = %g", n, D, k, lambda));
    System.out.println("| method | m | test RMSE vs truth | ‖f − f_exact‖ / ‖f_exact‖ | fit + predict s |");
    System.out.println("|---|---|---|---|---|");
    System.out.println(String.format(Locale.ROOT, "| exact KernelRidge | – | %.5f | 0 | %.1f |", rmse(exact, truth),
        exactSeconds));
    for (int m : ms) {
      if (m > n) continue;
      t0 = System.nanoTime();
      INDArray ny = NystromKernelRidge.of(k, lambda, m).fit(train).predict(test.x());
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.println(String.format(Locale.ROOT, "| Nyström | %d | %.5f | %.3e | %.1f |", m, rmse(ny, truth),
          relative(ny, exact), s));
    }
  }
}
