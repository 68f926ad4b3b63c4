package org.mlmp.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mlmp spark train}: {@code mlmp fit} for the networks ({@code --model mlp-regressor|mlp-classifier|cnn},
 * every option of {@code fit}, the same JSON and model file) with the optimiser steps run by
 * {@link SparkNeuralNet} on {@code --partitions} partitions of a Spark context on {@code --master}.
 *
 * <p>This class does not touch Spark's classes itself: it first checks that Spark is on the class path and that the
 * master answers ({@link SparkMaster}), then hands over to {@link SparkRun}.
 *
 * <p>Only the driver reads {@code --data}: the executors receive the prepared rows from it (cached partitions) and
 * never open the file, so a missing or corrupt file is reported by the driver, with its path, before any Spark job
 * runs; more {@code --partitions} than training rows (a partition with no rows) is an error naming both numbers.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a network as mlmp fit does (--model mlp-regressor|mlp-classifier|cnn and every option of"
        + " mlmp fit, the same JSON and model file), its gradients computed by Spark tasks.",
        "Example: mlmp spark train --master local[2] --partitions 2 --model mlp-classifier --data train.csv --target y"})
public final class SparkTrainCommand implements Callable<Integer> {
  /** Milliseconds a standalone master has to accept a connection before --master is reported unreachable. */
  static final int MASTER_TIMEOUT_MILLIS = 5000;

  @CommandLine.Mixin SparkClusterOptions cluster;

  @Option(names = "--averaging-frequency", paramLabel = "K",
      description = "Instead of one synchronous step per Spark job: K local steps on each partition's own mini-batches"
          + " (--batch rows each) per job, then the parameters and Adam's moments are averaged (default: synchronous).")
  Integer averagingFrequency;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Checkpoint written after every epoch; an existing one is resumed. The same file as mlmp mnist's"
          + " --checkpoint (parameters, Adam's state, completed epochs); written and read by the driver only.")
  Path checkpoint;

  @CommandLine.Unmatched List<String> fitArguments = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the command. */
  public SparkTrainCommand() {
  }

  @Override
  public Integer call() throws Exception {
    Integer partitions = cluster.partitions();
    if (averagingFrequency != null && averagingFrequency < 1) {
      throw new IllegalArgumentException("--averaging-frequency must be >= 1 (local steps between averagings). Got "
          + averagingFrequency + " instead.");
    }
    SparkMaster.requireSpark(SparkTrainCommand.class.getClassLoader());
    String master = cluster.master();
    SparkMaster.check(master, MASTER_TIMEOUT_MILLIS);
    return SparkRun.train(master, partitions, averagingFrequency, checkpoint, fitArguments, spec.commandLine());
  }
}
