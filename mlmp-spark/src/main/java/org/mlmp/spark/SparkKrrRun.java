package org.mlmp.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlmp.api.Dataset;
import org.mlmp.api.Regressor;
import org.mlmp.cli.fit.FitCommand;
import org.mlmp.cli.fit.KernelRidgeTraining;
import org.mlmp.kernel.Kernel;
import org.mlmp.kernelmethods.ConjugateGradientKernelRidge;
import org.mlmp.kernelmethods.NystromKernelRidge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The Spark side of {@link SparkKrrCommand}: the context, and {@code mlmp fit --model krr} with the fit on
 * {@link SparkRowBlocks} ({@link ConjugateGradientKernelRidge#solve} or {@link NystromKernelRidge#fit(
 * org.mlmp.data.RowBlocks, boolean)}).
 */
final class SparkKrrRun {
  private static final Logger LOG = LoggerFactory.getLogger(SparkKrrRun.class);

  private SparkKrrRun() {}

  /** How kernel ridge regression is fitted. */
  enum KrrMethod {
    /** (K + λI) a = y by preconditioned conjugate gradients. */
    EXACT,
    /** The Nyström approximation with m landmarks. */
    NYSTROM
  }

  /**
   * How {@code mlmp spark krr} fits, from its options; checked here, with messages naming the options.
   *
   * @param method exact or Nyström
   * @param landmarks m (Nyström's, required; or the CG preconditioner's, null: min(100, n)), >= 1
   * @param tolerance CG's relative residual in (0, 1), or null for {@link ConjugateGradientKernelRidge#of}'s
   *     (exact only)
   * @param maxIterations CG's iteration cap >= 1, or null for {@link ConjugateGradientKernelRidge#of}'s (exact only)
   */
  record KrrSettings(KrrMethod method, Integer landmarks, Double tolerance, Integer maxIterations) {
    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException naming the option, the value and the fix
     */
    KrrSettings {
      if (landmarks != null && landmarks < 1) {
        throw new IllegalArgumentException("--landmarks must be >= 1 (and at most the number of training rows). Got "
            + landmarks + " instead.");
      }
      if (method == KrrMethod.NYSTROM) {
        if (landmarks == null) {
          throw new IllegalArgumentException("--landmarks m is required for --method nystrom (a few hundred to a few"
              + " thousand are usual; at most the number of training rows).");
        }
        String cgOption = tolerance != null ? "--tolerance" : maxIterations != null ? "--max-iterations" : null;
        if (cgOption != null) {
          throw new IllegalArgumentException(cgOption + " does not apply to --method nystrom (a direct solve); it sets"
              + " the conjugate gradients of --method exact.");
        }
      }
      if (tolerance != null && !(tolerance > 0 && tolerance < 1)) {
        throw new IllegalArgumentException("--tolerance must be in (0, 1) (the relative residual at which conjugate"
            + " gradients stop). Got " + tolerance + " instead; 1e-10 matches mlmp fit's Cholesky solve to about 1e-8.");
      }
      if (maxIterations != null && maxIterations < 1) {
        throw new IllegalArgumentException("--max-iterations must be >= 1. Got " + maxIterations + " instead.");
      }
    }

    /** The conjugate gradients for {@code kernel} and λ with these options (exact). */
    ConjugateGradientKernelRidge cg(Kernel kernel, double lambda, long seed) {
      ConjugateGradientKernelRidge cg = ConjugateGradientKernelRidge.of(kernel, lambda).withSeed(seed);
      if (tolerance != null) cg = cg.withTolerance(tolerance);
      if (maxIterations != null) cg = cg.withMaxIterations(maxIterations);
      return landmarks == null ? cg : cg.withPreconditionerLandmarks(landmarks);
    }
  }

  /**
   * Runs {@code mlmp fit --model krr fitArguments} with the fit on a Spark context on {@code master}, on
   * {@code partitions} partitions (null: Spark's default parallelism).
   *
   * @return fit's exit code
   * @throws Exception what fit throws (mlmp's handler prints its message)
   */
  static int fit(String master, Integer partitions, KrrSettings settings, List<String> fitArguments,
      CommandLine parent) throws Exception {
    SparkRun.quietSpark();
    try (JavaSparkContext sc = new JavaSparkContext(SparkJobSettings.of(master).withAppName("mlmp spark krr")
        .toSparkConf())) {
      int p = partitions != null ? partitions : sc.defaultParallelism();
      KernelRidgeTraining training = (kernel, lambda, seed, data) -> fit(sc, p, settings, kernel, lambda, seed, data);
      List<String> args = new java.util.ArrayList<>(List.of("--model", "krr"));
      args.addAll(fitArguments);
      return SparkRun.runFit(new FitCommand(training), args, parent);
    }
  }

  /**
   * Fits on {@code partitions} cached blocks of {@code data}.
   *
   * @throws IllegalArgumentException for --landmarks above the number of rows, --lambda 0 with the exact method,
   *     more partitions than rows
   * @throws IllegalStateException if conjugate gradients do not converge within the cap (naming the residual, the
   *     cap and the options to change)
   */
  static Regressor fit(JavaSparkContext sc, int partitions, KrrSettings s, Kernel kernel, double lambda, long seed,
      Dataset data) {
    data.requireFinite();
    int n = data.nSamples();
    if (s.landmarks() != null && s.landmarks() > n) {
      throw new IllegalArgumentException("--landmarks " + s.landmarks() + " is more than the " + n + " training rows;"
          + " use --landmarks <= " + n + ".");
    }
    if (s.method() == KrrMethod.EXACT && !(lambda > 0)) {
      throw new IllegalArgumentException("--lambda must be > 0 for --method exact (conjugate gradients need K + λI"
          + " positive definite). Got " + lambda + " instead.");
    }
    boolean single = data.y().rank() == 1;
    LOG.info("kernel ridge regression on Spark {} with {} partitions, {}", sc.master(), partitions,
        s.method() == KrrMethod.NYSTROM ? "Nyström, " + s.landmarks() + " landmarks" : "conjugate gradients");
    try (SparkRowBlocks blocks = SparkRowBlocks.of(sc, data, partitions)) {
      if (s.method() == KrrMethod.NYSTROM) {
        return NystromKernelRidge.of(kernel, lambda, s.landmarks()).withSeed(seed).fit(blocks, single);
      }
      ConjugateGradientKernelRidge cg = s.cg(kernel, lambda, seed);
      ConjugateGradientKernelRidge.CgSolution solution;
      try {
        solution = cg.solve(blocks, single);
      } catch (IllegalStateException e) {
        throw new IllegalStateException(String.format(Locale.ROOT, "Conjugate gradients did not converge: %s On the"
            + " command line: raise --max-iterations (now %d), --lambda (now %s) or --landmarks (the preconditioner,"
            + " now %d), or loosen --tolerance (now %s).", e.getMessage(), cg.maxIterations(), lambda,
            Math.min(cg.preconditionerLandmarks(), n), cg.tolerance()), e);
      }
      LOG.info("conjugate gradients: {} iterations, relative residual {}", Arrays.toString(solution.iterations()),
          Arrays.toString(solution.relativeResidual()));
      return solution.model();
    }
  }
}
