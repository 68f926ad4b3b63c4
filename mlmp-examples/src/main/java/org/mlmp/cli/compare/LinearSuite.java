package org.mlmp.cli.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.mlmp.api.Dataset;
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
 * loaded by scripts/bench/sklearn_linear.py), every row in interleaved rounds ({@link Interleaving}); each side is
 * warmed up once, then in each round the median of 3 runs (ridge, gradient descent) or 5 runs (paths) (1 and 3 with
 * --quick). Generator (seed 0): Gaussian features with correlation
 * 0.5^|j−k| between columns (AR(1) across columns, so cond(standardised X) ≤ 3), column j scaled by
 * 1 + (j mod 5); y = 1 + Σ_{j&lt;20} x_j/(j+1) + 0.5 ε.
 * <ul>
 *   <li>ridge λ = 1e-3 on 100 000 × 200 (quick: 20 000 × 100) — scikit-learn Ridge(alpha = 2Nλ); the row read
 *       against issue 14's goal (≥ {@value #RIDGE_GOAL}×); also with {@code Precision.FLOAT} against the same
 *       (double) scikit-learn fit (no goal: not the same precision);
 *   <li>LASSO and elastic net (a = 0.5) paths of 100 λ from λ_max to 1e-3 λ_max on 20 000 × 200
 *       (quick: 5 000 × 100, 30 λ) — scikit-learn lasso_path / enet_path on centred data (its default
 *       tol 1e-4 on the duality gap). Two rows each: mlmp at its default relative KKT tolerance 1e-9 (no goal: far
 *       more accurate than the peer), and mlmp stopped at the relative KKT violation scikit-learn reaches at the
 *       smallest λ (measured by one peer run before the rounds) — the row that counts for the goal
 *       (≥ {@value #PATH_GOAL}×);
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

  /** Issue 14's goal for ridge 100 000 × 200 over scikit-learn. */
  static final double RIDGE_GOAL = 1.2;
  /** Issue 14's goal for the LASSO / elastic-net paths at the KKT tolerance scikit-learn reaches. */
  static final double PATH_GOAL = 1.2;

  @Override
  public List<Row> run(CompareContext ctx) throws Exception {
    String py = ctx.python("sklearn");
    boolean q = ctx.quick();
    // per round, the median of 3 (ridge, gradient descent) and 5 (the paths, ~50 ms each) runs on both sides: the
    // shared 2-core machine is noisy, and the short rows cost little to repeat
    int reps = q ? 1 : 3, pathReps = q ? 3 : 5;
    List<Row> rows = new ArrayList<>();
    try (CompareContext.ScratchDir tmp = CompareContext.scratch("mlmp-compare-linear")) {
      // ridge
      Dataset big = generate(q ? 20_000 : 100_000, q ? 100 : 200, 0);
      String[] bigFiles = CompareContext.writeNpy(big, tmp.path(), "big");
      Ridge ridge = Ridge.of(1e-3);
      ridge.fit(big); // warm-up, as the peer script does
      Interleaving.Side ridgePeer = peer(ctx, py, "ridge", bigFiles, null, "--lam", "1e-3", "--repeats",
          Integer.toString(reps));
      String size = big.nSamples() + "x" + big.nFeatures();
      rows.add(Interleaving.measure(ctx, "ridge " + size, "s", false, timed(reps, () -> ridge.fit(big)),
          Map.of("scikit-learn", ridgePeer), "λ = 1e-3 (alpha = " + 2 * big.nSamples() * 1e-3 + "); the row that counts"
              + " for the goal").withGoal(RIDGE_GOAL));
      ctx.log().println("compare linear: ridge done");
      ctx.log().flush();
      Ridge ridgeF = ridge.withPrecision(org.mlmp.api.Precision.FLOAT);
      ridgeF.fit(big);
      double[] cd = ridge.fit(big).coef(), cf = ridgeF.fit(big).coef();
      double dev = 0, mx = 0;
      for (int j = 0; j < cd.length; j++) {
        dev = Math.max(dev, Math.abs(cd[j] - cf[j]));
        mx = Math.max(mx, Math.abs(cd[j]));
      }
      rows.add(Interleaving.measure(ctx, "ridge " + size + ", Precision.FLOAT", "s", false,
          timed(reps, () -> ridgeF.fit(big)), Map.of("scikit-learn", ridgePeer), String.format(Locale.ROOT,
              "Gram in single precision; largest coefficient deviation from the double fit, relative to the"
                  + " largest coefficient: %.1g (peer: scikit-learn's double fit; no goal)", dev / mx)));

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
      LinearModel g = timedGd.fit(big);
      double reached = (g.costHistory()[g.costHistory().length - 1] - cStar) / cStar;
      rows.add(Interleaving.measure(ctx, "GD-OLS " + size + " to 1e-6 of C*", "s", false,
          timed(reps, () -> timedGd.fit(big)), Map.of("scikit-learn", peer(ctx, py, "ols", bigFiles, null,
              "--repeats", Integer.toString(reps))), String.format(Locale.ROOT,
              "%d iterations, α = 1/λ_max = %.3g, (C_k − C*)/C* = %.2g; peer: closed-form LinearRegression", k, alpha,
              reached)));
      ctx.log().println("compare linear: gradient descent done");
      ctx.log().flush();

      // paths
      Dataset mid = generate(q ? 5_000 : 20_000, q ? 100 : 200, 1);
      String[] midFiles = CompareContext.writeNpy(mid, tmp.path(), "mid");
      int count = q ? 30 : 100;
      for (PenalizedRegression t : List.of((PenalizedRegression) Lasso.of(0), ElasticNet.of(0, 0.5))) {
        boolean lasso = t instanceof Lasso;
        String name = (lasso ? "LASSO" : "elastic-net a=0.5") + " path " + count + " λ " + mid.nSamples() + "x"
            + mid.nFeatures();
        double[] grid = RegularizationPath.defaultLambdas(t, mid, count, 1e-3);
        List<String> args = new ArrayList<>(List.of("--lam-max", Double.toString(grid[0]), "--count",
            Integer.toString(count), "--eps", "1e-3", "--repeats", Integer.toString(pathReps)));
        if (!lasso) args.addAll(List.of("--a", "0.5"));
        String workload = lasso ? "lasso-path" : "enet-path";
        // one peer run before the rounds: the KKT violation scikit-learn reaches at the smallest λ
        JsonNode calibration = py == null ? null : ctx.runPython(py, "sklearn_linear.py",
            concat(workload, midFiles, args));
        double skKkt = calibration == null ? Double.NaN : calibration.path("kkt_last").asDouble(Double.NaN);
        String skText = calibration == null ? "-" : String.format(Locale.ROOT, "%.1g", skKkt);
        String skNonzero = calibration == null ? "-" : calibration.path("nonzero_last").asText();
        Interleaving.Side pathPeer = peer(ctx, py, workload, midFiles, null, args.toArray(String[]::new));
        t.path(mid, grid);
        LinearModel last = t.path(mid, grid).get(count - 1);
        rows.add(Interleaving.measure(ctx, name, "s", false, timed(pathReps, () -> t.path(mid, grid)),
            Map.of("scikit-learn", pathPeer), String.format(Locale.ROOT,
                "λ_max → 1e-3 λ_max, warm starts; mlmp at relative KKT tolerance 1e-9 (no goal: more accurate than"
                    + " the peer); at the smallest λ: nonzero %d (scikit-learn %s), relative KKT violation %.1g"
                    + " (scikit-learn %s)", last.nonZeroCount(), skNonzero, last.toState().config().path("kkt").asDouble(),
                skText)));
        if (Double.isFinite(skKkt) && skKkt > 0) { // the same path stopped at scikit-learn's accuracy
          PenalizedRegression same = lasso ? Lasso.of(0).withTolerance(skKkt)
              : ElasticNet.of(0, 0.5).withTolerance(skKkt);
          same.path(mid, grid);
          LinearModel l = same.path(mid, grid).get(count - 1);
          rows.add(Interleaving.measure(ctx, name + ", KKT tolerance " + skText + " (scikit-learn's)", "s", false,
              timed(pathReps, () -> same.path(mid, grid)), Map.of("scikit-learn", pathPeer), String.format(
                  Locale.ROOT, "mlmp stops at the relative KKT violation scikit-learn reaches at the smallest λ (%s,"
                      + " one peer run before the rounds); mlmp's at the smallest λ %.1g; the row that counts for the"
                      + " goal", skText, l.toState().config().path("kkt").asDouble())).withGoal(PATH_GOAL));
        } else {
          ctx.log().println("compare linear: no scikit-learn KKT violation to match; the " + name
              + " row at its tolerance is skipped");
        }
        ctx.log().println("compare linear: " + (lasso ? "LASSO" : "elastic-net") + " path done");
        ctx.log().flush();
      }
    }
    return rows;
  }

  /** mlmp's side: per round the median of {@code reps} runs of {@code body}. */
  private static Interleaving.Side timed(int reps, CompareCommand.ThrowingRunnable body) {
    return r -> new Interleaving.SideRun(CompareCommand.medianSeconds(reps, body), null);
  }

  private static String[] concat(String workload, String[] files, List<String> args) {
    List<String> a = new ArrayList<>(List.of(workload));
    a.addAll(List.of(files));
    a.addAll(args);
    return a.toArray(String[]::new);
  }

  /** The scikit-learn side: {@code sklearn_linear.py WORKLOAD --x X --y Y ARGS} once per round. */
  private static Interleaving.Side peer(CompareContext ctx, String py, String workload, String[] files,
      java.util.function.Consumer<JsonNode> answers, String... args) {
    return ctx.pythonSide(py, "sklearn", "sklearn_linear.py", concat(workload, files, List.of(args)), "seconds",
        answers);
  }
}
