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
   * What {@code mlmp spark krr} adds to fit's options, checked by {@link SparkKrrCommand}.
   *
   * @param master the Spark master URL
   * @param partitions P, or null for Spark's default parallelism
   * @param method exact or Nyström
   * @param landmarks m (Nyström's, or the CG preconditioner's), or null (exact: min(100, n))
   * @param tolerance CG's relative residual
   * @param maxIterations CG's iteration cap
   */
  record KrrSettings(String master, Integer partitions, KrrMethod method, Integer landmarks, double tolerance,
      int maxIterations) {}

  /**
   * Runs {@code mlmp fit --model krr fitArguments} with the fit on a Spark context on {@code settings.master()}.
   *
   * @return fit's exit code
   * @throws Exception what fit throws (mlmp's handler prints its message)
   */
  static int fit(KrrSettings settings, List<String> fitArguments, CommandLine parent) throws Exception {
    SparkRun.quietSpark();
    try (JavaSparkContext sc = new JavaSparkContext(SparkJobSettings.of(settings.master())
        .withAppName("mlmp spark krr").toSparkConf())) {
      int p = settings.partitions() != null ? settings.partitions() : sc.defaultParallelism();
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
      ConjugateGradientKernelRidge cg = ConjugateGradientKernelRidge.of(kernel, lambda).withTolerance(s.tolerance())
          .withMaxIterations(s.maxIterations()).withSeed(seed);
      if (s.landmarks() != null) cg = cg.withPreconditionerLandmarks(s.landmarks());
      ConjugateGradientKernelRidge.CgSolution solution;
      try {
        solution = cg.solve(blocks, single);
      } catch (IllegalStateException e) {
        throw new IllegalStateException(String.format(Locale.ROOT, "Conjugate gradients did not converge: %s On the"
            + " command line: raise --max-iterations (now %d), --lambda (now %s) or --landmarks (the preconditioner,"
            + " now %d), or loosen --tolerance (now %s).", e.getMessage(), s.maxIterations(), lambda,
            cg.preconditionerLandmarks() == 0 ? 0 : Math.min(cg.preconditionerLandmarks(), n), s.tolerance()), e);
      }
      LOG.info("conjugate gradients: {} iterations, relative residual {}", Arrays.toString(solution.iterations()),
          Arrays.toString(solution.relativeResidual()));
      return solution.model();
    }
  }
}
