package org.mlmp.cli.linear;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mlmp.Mlmp;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlmp regularization}: ridge, LASSO, elastic net and L0 on a planted sparse truth, with path plots. */
@Command(name = "regularization", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Ridge, LASSO, elastic net and L0 on one data set with a planted sparse truth",
        "(y = 1 + 3 x0 - 2 x3 + 1.5 x6 + x9 + noise): λ by k-fold cross-validation, coefficient paths and CV curves as PNG."})
public final class RegularizationCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--samples", paramLabel = "N", defaultValue = "300", description = "Rows, 25% held out for testing (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--features", defaultValue = "20", description = "Features; exact L0 up to 25, greedy beyond (default: ${DEFAULT-VALUE}).")
  int features;

  @Option(names = "--correlation", defaultValue = "0.5", description = "Correlation ρ^|j-k| between features (default: ${DEFAULT-VALUE}).")
  double correlation;

  @Option(names = "--noise", paramLabel = "SD", defaultValue = "1.0", description = "Noise standard deviation σ (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--lambdas", defaultValue = "30", description = "λ values per path (default: ${DEFAULT-VALUE}).")
  int lambdas;

  @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of data, split and folds (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = Cli.OUT + "/regularization", paramLabel = "DIR", description = "Folder for the PNGs (default: ${DEFAULT-VALUE}).")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Mlmp.init();
    Files.createDirectories(out);
    new RegularizationExample(samples, features, correlation, noise, lambdas, folds, seed).run(spec.commandLine().getOut(), out);
    return 0;
  }
}
