package org.mlmp.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mlmp spark cv}: {@code mlmp cv} (its options {@code --model --kernel --grid --data --target --folds --seed
 * --scoring --save} and the CSV options, its JSON and model file) with the search run on Spark by
 * {@link SparkGridSearch}: one task per (configuration, fold), the data broadcast once; the scores, the best
 * configuration and the refitted model equal to {@code mlmp cv}'s bit for bit.
 *
 * <p>This class does not touch Spark's classes itself: it checks that Spark is on the class path and that the master
 * answers ({@link SparkMaster}), then hands over to {@link SparkCvRun}.
 */
@Command(name = "cv", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"k-fold cross-validation of a grid as mlmp cv does (its options, the same JSON and model file), one"
        + " Spark task per configuration and fold.",
        "Example: mlmp spark cv --master local[2] --model krr --grid lambda=1e-3,0.1 --grid kernel.sigma=0.3,1"
            + " --data train.csv --target y --folds 5"})
public final class SparkCvCommand implements Callable<Integer> {
  @CommandLine.Mixin SparkClusterOptions cluster;

  @CommandLine.Unmatched List<String> cvArguments = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the command. */
  public SparkCvCommand() {
  }

  @Override
  public Integer call() throws Exception {
    if (cluster.partitions() != null) {
      throw new IllegalArgumentException("--partitions does not apply to mlmp spark cv: it runs one task per"
          + " configuration and fold (the whole data set broadcast to each). Drop --partitions.");
    }
    SparkMaster.requireSpark(SparkCvCommand.class.getClassLoader());
    String master = cluster.master();
    SparkMaster.check(master, SparkTrainCommand.MASTER_TIMEOUT_MILLIS);
    return SparkCvRun.run(master, cvArguments, spec.commandLine());
  }
}
