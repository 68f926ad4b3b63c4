package org.mlmp.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mlmp spark krr}: {@code mlmp fit --model krr} (its options {@code --kernel --sigma --degree --coef0 --lambda
 * --data --target --predict --save --seed --standardize} and the CSV options, its JSON and model file) with the fit
 * run on Spark over {@code --partitions} cached row blocks ({@link SparkRowBlocks}): {@code --method exact}
 * (conjugate gradients, one distributed pass per product, Nyström-preconditioned) or {@code --method nystrom}
 * ({@code --landmarks m}; the m × m system summed over the partitions in partition order).
 *
 * <p>This class does not touch Spark's classes itself: it checks its options, that Spark is on the class path and
 * that the master answers ({@link SparkMaster}), then hands over to {@link SparkKrrRun}.
 */
@Command(name = "krr", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Kernel ridge regression as mlmp fit --model krr does (its options, the same JSON and model file),"
        + " fitted on Spark: --method exact (conjugate gradients) or nystrom (--landmarks m).",
        "Example: mlmp spark krr --master local[2] --method nystrom --landmarks 500 --kernel gaussian --sigma 1"
            + " --lambda 1e-3 --data train.csv --target y"})
public final class SparkKrrCommand implements Callable<Integer> {
  @CommandLine.Mixin SparkClusterOptions cluster;

  @Option(names = "--method", paramLabel = "exact|nystrom", defaultValue = "exact",
      description = "exact: (K + λI) a = y by conjugate gradients, each product one pass over the partitions (equals"
          + " mlmp fit --model krr to the tolerance); nystrom: the Nyström approximation with --landmarks m"
          + " (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--landmarks", paramLabel = "m",
      description = "Landmarks drawn (with --seed) from the training rows, 1 to n: the Nyström approximation's (nystrom;"
          + " required) or the conjugate gradients' Nyström preconditioner's (exact; default min(100, n)).")
  Integer landmarks;

  @Option(names = "--tolerance", paramLabel = "ε",
      description = "exact: conjugate gradients stop when ‖y − (K + λI)a‖ <= ε‖y‖ (default 1e-10, which matches the"
          + " Cholesky solve of mlmp fit to about 1e-8).")
  Double tolerance;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "exact: the conjugate gradients' iteration cap; reaching it first is an error naming the residual"
          + " reached (default 1000).")
  Integer maxIterations;

  @CommandLine.Unmatched List<String> fitArguments = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the command. */
  public SparkKrrCommand() {
  }

  @Override
  public Integer call() throws Exception {
    SparkKrrRun.KrrMethod m = method();
    if (fitArguments.contains("--model") || fitArguments.stream().anyMatch(a -> a.startsWith("--model="))) {
      throw new IllegalArgumentException("--model does not apply to mlmp spark krr: it fits kernel ridge regression"
          + " (mlmp fit --model krr) only. Drop --model.");
    }
    SparkKrrRun.KrrSettings settings = new SparkKrrRun.KrrSettings(m, landmarks, tolerance, maxIterations);
    Integer partitions = cluster.partitions();
    SparkMaster.requireSpark(SparkKrrCommand.class.getClassLoader());
    String master = cluster.master();
    SparkMaster.check(master, SparkTrainCommand.MASTER_TIMEOUT_MILLIS);
    return SparkKrrRun.fit(master, partitions, settings, fitArguments, spec.commandLine());
  }

  private SparkKrrRun.KrrMethod method() {
    return switch (method.toLowerCase(Locale.ROOT)) {
      case "exact" -> SparkKrrRun.KrrMethod.EXACT;
      case "nystrom" -> SparkKrrRun.KrrMethod.NYSTROM;
      default -> throw new IllegalArgumentException("--method must be exact (conjugate gradients) or nystrom (the"
          + " Nyström approximation with --landmarks m). Got '" + method + "' instead.");
    };
  }
}
