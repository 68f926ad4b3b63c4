package org.mlmp.cli.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.mlmp.api.Dataset;
import org.mlmp.io.Npy;
import org.mlmp.linear.DivergenceException;
import org.mlmp.linear.ElasticNet;
import org.mlmp.linear.GradientDescent;
import org.mlmp.linear.Lasso;
import org.mlmp.linear.LinearModel;
import org.mlmp.linear.OrdinaryLeastSquares;
import org.mlmp.linear.PenalizedRegression;
import org.mlmp.linear.RegularizationPath;
import org.mlmp.linear.Ridge;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code mlmp compare linear}: org.mlmp.linear against scikit-learn on the same data (written as .npy and
 * loaded by scripts/bench/sklearn_linear.py); each side is warmed up once, then the median of 5 runs
 * (ridge, gradient descent) or 9 runs (paths) is reported (3 with --quick). Generator (seed 0): Gaussian features with correlation
 * 0.5^|j−k| between columns (AR(1) across columns, so cond(standardised X) ≤ 3), column j scaled by
 * 1 + (j mod 5); y = 1 + Σ_{j&lt;20} x_j/(j+1) + 0.5 ε.
 * <ul>
 *   <li>ridge λ = 1e-3 on 100 000 × 200 (quick: 20 000 × 100) — scikit-learn Ridge(alpha = 2Nλ); also
 *       with {@code Precision.FLOAT} against the same (double) scikit-learn time;
 *   <li>LASSO and elastic net (a = 0.5) paths of 100 λ from λ_max to 1e-3 λ_max on 20 000 × 200
 *       (quick: 5 000 × 100, 30 λ) — scikit-learn lasso_path / enet_path on centred data (its default
 *       tol 1e-4 on the duality gap; mlmp stops at relative KKT violation 1e-9);
 *   <li>OLS by full-batch gradient descent (standardised, α = 1/λ_max(H)) until (C_k − C*)/C* ≤ 1e-6, C*
 *       from the closed form, on 100 000 × 200 — against scikit-learn's closed-form LinearRegression.
 * </ul>
 */
public final class LinearSuite implements CompareSuite {
  @Override
  public String name() {
    return "linear";
  }

  @Override
  public String description() {
    return "ridge 100000x200, LASSO/elastic-net 100-value paths on 20000x200, GD-OLS to 1e-6 of C*, vs scikit-learn";
  }

  static Dataset generate(int n, int d, long seed) {
    Random r = new Random(seed);
    double[] x = new double[n * d], y = new double[n];
    double s = Math.sqrt(1 - 0.25);
    for (int i = 0; i < n; i++) {
      double prev = r.nextGaussian(), v = 1;
      for (int j = 0; j < d; j++) {
        if (j > 0) prev = 0.5 * prev + s * r.nextGaussian();
        x[i * d + j] = prev * (1 + j % 5);
        if (j < 20) v += x[i * d + j] / (1 + j % 5) / (j + 1);
      }
      y[i] = v + 0.5 * r.nextGaussian();
    }
    return Dataset.of(Nd4j.create(x, new long[] {n, d}, 'c'), Nd4j.createFromArray(y));
  }

  @Override
  public List<Row> run(CompareContext ctx) throws Exception {
    String py = ctx.python("sklearn");
    boolean q = ctx.quick();
    // medians of 5 (ridge, gradient descent) and 9 (the paths, ~50 ms each) runs on both sides: the
    // shared 2-core machine is noisy, and the short rows cost little to repeat
    int reps = q ? 3 : 5, pathReps = q ? 3 : 9;
    Path tmp = Files.createTempDirectory("mlmp-compare-linear");
    List<Row> rows = new ArrayList<>();
    try {
      // ridge
      Dataset big = generate(q ? 20_000 : 100_000, q ? 100 : 200, 0);
      String[] bigFiles = write(big, tmp, "big");
      Ridge ridge = Ridge.of(1e-3);
      ridge.fit(big); // warm-up, as the peer script does
      double tr = CompareCommand.medianSeconds(reps, () -> ridge.fit(big));
      ctx.log().println("compare linear: ridge done");
      ctx.log().flush();
      rows.add(new Row("ridge " + big.nSamples() + "x" + big.nFeatures(), "s", false, tr,
          peer(ctx, py, "ridge", bigFiles, "--lam", "1e-3", "--repeats", Integer.toString(reps)), "λ = 1e-3 (alpha = " + 2 * big.nSamples() * 1e-3 + ")"));
      Ridge ridgeF = ridge.withPrecision(org.mlmp.api.Precision.FLOAT);
      ridgeF.fit(big);
      double tf = CompareCommand.medianSeconds(reps, () -> ridgeF.fit(big));
      double[] cd = ridge.fit(big).coef(), cf = ridgeF.fit(big).coef();
      double dev = 0, mx = 0;
      for (int j = 0; j < cd.length; j++) {
        dev = Math.max(dev, Math.abs(cd[j] - cf[j]));
        mx = Math.max(mx, Math.abs(cd[j]));
      }
      rows.add(new Row("ridge " + big.nSamples() + "x" + big.nFeatures() + ", Precision.FLOAT", "s", false, tf,
          Map.of("scikit-learn", rows.get(0).peers().get("scikit-learn")), String.format(Locale.ROOT,
              "Gram in single precision; largest coefficient deviation from the double fit, relative to the"
                  + " largest coefficient: %.1g (peer: the double fit above)",
              dev / mx)));

      // GD-OLS to (C_k − C*)/C* ≤ 1e-6
      double cStar = OrdinaryLeastSquares.of().fit(big).mse(big.x(), big.y()) / 2;
      double alpha;
      try {
        GradientDescent.of(1e6).withStandardize(true).withMaxIterations(3).fit(big);
        throw new IllegalStateException("gradient descent with α = 1e6 did not diverge");
      } catch (DivergenceException e) {
        alpha = e.maxStableLearningRate() / 2; // 1/λ_max(H)
      }
      GradientDescent gd = GradientDescent.of(alpha).withStandardize(true).withTolerance(0).withMaxIterations(100_000);
      double[] hist = gd.withMaxIterations(5000).fit(big).costHistory();
      int k = 0;
      while (k < hist.length - 1 && (hist[k] - cStar) / cStar > 1e-6) k++;
      GradientDescent timedGd = gd.withMaxIterations(Math.max(1, k));
      timedGd.fit(big);
      double tg = CompareCommand.medianSeconds(reps, () -> timedGd.fit(big));
      LinearModel g = timedGd.fit(big);
      double reached = (g.costHistory()[g.costHistory().length - 1] - cStar) / cStar;
      rows.add(new Row("GD-OLS " + big.nSamples() + "x" + big.nFeatures() + " to 1e-6 of C*", "s", false, tg,
          peer(ctx, py, "ols", bigFiles, "--repeats", Integer.toString(reps)), String.format(Locale.ROOT,
              "%d iterations, α = 1/λ_max = %.3g, (C_k − C*)/C* = %.2g; peer: closed-form LinearRegression", k, alpha,
              reached)));
      ctx.log().println("compare linear: gradient descent done");
      ctx.log().flush();

      // paths
      Dataset mid = generate(q ? 5_000 : 20_000, q ? 100 : 200, 1);
      String[] midFiles = write(mid, tmp, "mid");
      int count = q ? 30 : 100;
      for (PenalizedRegression t : List.of((PenalizedRegression) Lasso.of(0), ElasticNet.of(0, 0.5))) {
        boolean lasso = t instanceof Lasso;
        double[] grid = RegularizationPath.defaultLambdas(t, mid, count, 1e-3);
        t.path(mid, grid);
        double tp = CompareCommand.medianSeconds(pathReps, () -> t.path(mid, grid));
        List<LinearModel> path = t.path(mid, grid);
        var answer = new com.fasterxml.jackson.databind.JsonNode[1];
        Map<String, Double> peers = lasso
            ? peer(ctx, py, "lasso-path", midFiles, answer, "--lam-max", Double.toString(grid[0]), "--count",
                Integer.toString(count), "--eps", "1e-3", "--repeats", Integer.toString(pathReps))
            : peer(ctx, py, "enet-path", midFiles, answer, "--lam-max", Double.toString(grid[0]), "--count",
                Integer.toString(count), "--eps", "1e-3", "--a", "0.5", "--repeats", Integer.toString(pathReps));
        LinearModel last = path.get(count - 1);
        rows.add(new Row((lasso ? "LASSO" : "elastic-net a=0.5") + " path " + count + " λ " + mid.nSamples() + "x"
            + mid.nFeatures(), "s", false, tp, peers, String.format(Locale.ROOT,
                "λ_max → 1e-3 λ_max, warm starts; at the smallest λ: nonzero %d (scikit-learn %s), relative KKT"
                    + " violation %.1g (scikit-learn %s)", last.nonZeroCount(),
                answer[0] == null ? "-" : answer[0].path("nonzero_last").asText(),
                last.toState().config().path("kkt").asDouble(),
                answer[0] == null ? "-" : String.format(Locale.ROOT, "%.1g", answer[0].path("kkt_last").asDouble()))));
        if (lasso) { // the same path stopped at about scikit-learn's accuracy
          PenalizedRegression loose = Lasso.of(0).withTolerance(1e-5);
          loose.path(mid, grid);
          double tl = CompareCommand.medianSeconds(pathReps, () -> loose.path(mid, grid));
          LinearModel l = loose.path(mid, grid).get(count - 1);
          rows.add(new Row("LASSO path " + count + " λ " + mid.nSamples() + "x" + mid.nFeatures() + ", tolerance 1e-5",
              "s", false, tl, peers, String.format(Locale.ROOT, "KKT tolerance 1e-5 (scikit-learn reaches %s);"
                  + " relative KKT violation at the smallest λ %.1g", answer[0] == null ? "-"
                  : String.format(Locale.ROOT, "%.1g", answer[0].path("kkt_last").asDouble()),
                  l.toState().config().path("kkt").asDouble())));
        }
        ctx.log().println("compare linear: " + (lasso ? "LASSO" : "elastic-net") + " path done");
        ctx.log().flush();
      }
    } finally {
      try (var s = Files.list(tmp)) {
        for (Path p : s.toList()) Files.deleteIfExists(p);
      }
      Files.deleteIfExists(tmp);
    }
    return rows;
  }

  private static String[] write(Dataset d, Path dir, String name) throws Exception {
    Path x = dir.resolve(name + "-X.npy"), y = dir.resolve(name + "-y.npy");
    Files.write(x, Npy.write(d.x()));
    Files.write(y, Npy.write(d.y()));
    return new String[] {"--x", x.toString(), "--y", y.toString()};
  }

  private static Map<String, Double> peer(CompareContext ctx, String py, String workload, String[] files,
      String... args) throws Exception {
    return peer(ctx, py, workload, files, null, args);
  }

  /** Runs the scikit-learn side; its JSON answer is also stored in {@code answer[0]} when given. */
  private static Map<String, Double> peer(CompareContext ctx, String py, String workload, String[] files,
      com.fasterxml.jackson.databind.JsonNode[] answer, String... args) throws Exception {
    Map<String, Double> m = new LinkedHashMap<>();
    if (py == null) {
      m.put("scikit-learn", Double.NaN);
      return m;
    }
    List<String> a = new ArrayList<>(List.of(workload));
    a.addAll(List.of(files));
    a.addAll(List.of(args));
    var json = ctx.runPython(py, "sklearn_linear.py", a.toArray(String[]::new));
    if (answer != null) answer[0] = json;
    m.put("scikit-learn", json.path("seconds").asDouble(Double.NaN));
    return m;
  }
}
