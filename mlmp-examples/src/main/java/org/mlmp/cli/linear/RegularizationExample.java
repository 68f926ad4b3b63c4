package org.mlmp.cli.linear;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mlmp.cli.plots.PathPlots;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.mlmp.linear.BestSubset;
import org.mlmp.linear.CrossValidation;
import org.mlmp.linear.ElasticNet;
import org.mlmp.linear.ForwardSelection;
import org.mlmp.linear.Lasso;
import org.mlmp.linear.LinearModel;
import org.mlmp.linear.PenalizedRegression;
import org.mlmp.linear.RegularizationPath;
import org.mlmp.linear.Ridge;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Ridge, LASSO, elastic net and L0 on one data set with a planted sparse truth: Gaussian features with
 * correlation ρ^|j−k| between columns j and k, y = 1 + Σ_{j∈S} β_j x_j + σ ε with |S| = 4. For each
 * penalty, λ is chosen by k-fold cross-validation over a log-spaced path on the training part with the
 * one-standard-error rule ({@link CrossValidation#oneStandardErrorLambda()}), the model refitted there
 * and scored on a held-out test part; the coefficient paths and CV curves are written as PNGs.
 *
 * @param samples rows (training + test)
 * @param features columns (≤ 25 for exact L0; forward selection beyond)
 * @param correlation ρ
 * @param noise σ
 * @param lambdas number of λ on each path
 * @param folds k
 * @param seed data, split and folds
 */
public record RegularizationExample(int samples, int features, double correlation, double noise, int lambdas,
    int folds, long seed) {
  public RegularizationExample {
    if (samples < 20) throw new IllegalArgumentException("--samples must be >= 20. Got " + samples + " instead.");
    if (features < 4) throw new IllegalArgumentException("--features must be >= 4 (the truth has 4). Got " + features + " instead.");
    if (!(correlation >= 0 && correlation < 1)) {
      throw new IllegalArgumentException("--correlation must be in [0, 1). Got " + correlation + " instead.");
    }
    if (lambdas < 2) throw new IllegalArgumentException("--lambdas must be >= 2. Got " + lambdas + " instead.");
  }

  /** The planted truth: feature index → coefficient. */
  static final int[] SUPPORT = {0, 3, 6, 9};
  static final double[] BETA = {3, -2, 1.5, 1};

  /** The example's data set (features correlated as ρ^|j−k| by an AR(1) recursion across columns). */
  public Dataset data() {
    Random r = new Random(seed);
    double[][] x = new double[samples][features];
    double[] y = new double[samples];
    double s = Math.sqrt(1 - correlation * correlation);
    for (int i = 0; i < samples; i++) {
      x[i][0] = r.nextGaussian();
      for (int j = 1; j < features; j++) x[i][j] = correlation * x[i][j - 1] + s * r.nextGaussian();
      double v = 1;
      for (int k = 0; k < SUPPORT.length; k++) v += BETA[k] * x[i][SUPPORT[k] % features];
      y[i] = v + noise * r.nextGaussian();
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < features; j++) names.add("x" + j);
    return new Dataset(Nd4j.createFromArray(x), Nd4j.createFromArray(y), names, "y");
  }

  /** One penalty's result. */
  public record MethodResult(String name, double lambda, int nonZero, boolean supportRecovered, double coefError,
      double testMse, Path pathPng, Path cvPng) {}

  /** Runs all four penalties and prints a table to {@code out}. */
  public List<MethodResult> run(PrintWriter out, Path outDir) throws IOException {
    Dataset all = data();
    Partition.Split split = Partition.split(samples, 0, 0.25, seed);
    Dataset train = all.rows(split.train()), test = all.rows(split.test());
    double[] truth = new double[features];
    for (int k = 0; k < SUPPORT.length; k++) truth[SUPPORT[k] % features] = BETA[k];
    List<PenalizedRegression> trainers = List.of(Ridge.of(0).withStandardize(true),
        Lasso.of(0).withStandardize(true), ElasticNet.of(0, 0.5).withStandardize(true),
        features <= BestSubset.MAX_FEATURES ? BestSubset.of(0).withStandardize(true) : ForwardSelection.of(0)
            .withStandardize(true));
    List<String> names = List.of("ridge", "lasso", "elastic-net", "l0");
    out.printf("Planted truth: y = 1 + 3 x0 - 2 x3 + 1.5 x6 + 1 x9 + %.2g ε; %d features correlated as %.2f^|j-k|;"
        + " %d training / %d test rows; λ by %d-fold CV over %d values.%n", noise, features, correlation,
        train.nSamples(), test.nSamples(), folds, lambdas);
    out.printf("%-12s %12s %8s %8s %12s %10s%n", "penalty", "λ (CV, 1-SE)", "nonzero", "support", "‖w−β‖₂", "test MSE");
    List<MethodResult> results = new ArrayList<>();
    for (int t = 0; t < trainers.size(); t++) {
      PenalizedRegression tr = trainers.get(t);
      String name = names.get(t);
      double[] grid = RegularizationPath.defaultLambdas(tr, train, lambdas, name.equals("ridge") ? 1e-6 : 1e-3);
      RegularizationPath path = RegularizationPath.fit(tr, train, grid);
      CrossValidation cv = CrossValidation.run(tr, train, grid, folds, seed);
      double lambda = cv.oneStandardErrorLambda();
      LinearModel m = tr.withLambda(lambda).fit(train);
      double[] w = m.coef();
      boolean recovered = true;
      double err = 0;
      for (int j = 0; j < features; j++) {
        recovered &= (w[j] != 0) == (truth[j] != 0);
        err += (w[j] - truth[j]) * (w[j] - truth[j]);
      }
      Path p1 = outDir.resolve("regularization-" + name + "-path.png");
      Path p2 = outDir.resolve("regularization-" + name + "-cv.png");
      PathPlots.coefficientPath(path, name + " coefficient path (standardised fit, raw-column coefficients)", p1);
      PathPlots.cvCurve(cv, name + ": " + folds + "-fold cross-validation", p2);
      MethodResult r = new MethodResult(name, lambda, m.nonZeroCount(), recovered, Math.sqrt(err), m.mse(test.x(), test.y()),
          p1, p2);
      results.add(r);
      out.printf("%-12s %12.4g %8d %8s %12.4g %10.4g%n", name, r.lambda(), r.nonZero(), recovered ? "exact" : "no",
          r.coefError(), r.testMse());
      out.flush();
    }
    out.println("Plots: " + outDir.toAbsolutePath().resolve("regularization-*-{path,cv}.png"));
    out.println("Ridge keeps every feature; LASSO and elastic net set irrelevant weights exactly to 0 (and shrink the"
        + " relevant ones); L0 keeps only the features that lower C by more than λ each, unshrunk.");
    out.flush();
    return results;
  }
}
