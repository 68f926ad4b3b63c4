package org.mlmp.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlmp.cli.fit.FitCommand;
import org.mlmp.cli.fit.NetworkTraining;
import org.mlmp.nn.EpochRecord;
import org.mlmp.nn.NeuralNet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The Spark side of {@link SparkTrainCommand}: the context, and {@code mlmp fit} with {@link SparkNeuralNet}. */
final class SparkRun {
  private static final Logger LOG = LoggerFactory.getLogger(SparkRun.class);

  private SparkRun() {}

  /**
   * Runs {@code mlmp fit fitArguments} with the networks trained on a Spark context on {@code master}: synchronously
   * ({@link SparkNeuralNet}), or with {@code averagingFrequency} local steps between averagings
   * ({@link SparkAveragingNeuralNet}) when it is not null; with an epoch checkpoint at {@code checkpoint} when it
   * is not null (resumed when the file exists). The context's configuration is {@link SparkJobSettings}'.
   *
   * @return fit's exit code
   * @throws Exception what fit throws (mlmp's handler prints its message)
   */
  static int train(String master, Integer partitions, Integer averagingFrequency, Path checkpoint,
      List<String> fitArguments, CommandLine parent) throws Exception {
    quietSpark();
    SparkConf conf = SparkJobSettings.of(master).withAppName("mlmp spark train").toSparkConf();
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      int p = partitions != null ? partitions : sc.defaultParallelism();
      NetworkTraining training = (trainer, data) -> train(sc, trainer, p, averagingFrequency, checkpoint, data);
      return runFit(new FitCommand(training), fitArguments, parent);
    }
  }

  /**
   * Runs {@code command} (an {@code mlmp fit} whose models train on Spark, or an {@code mlmp cv} whose search runs
   * there) with {@code fitArguments}, its output and errors on {@code parent}'s; a parse error prints the message,
   * prefixed with the parent's name, and the command's usage.
   *
   * @return fit's exit code (2 for a parse error)
   * @throws Exception what fit throws (mlmp's handler prints its message)
   */
  static int runFit(java.util.concurrent.Callable<Integer> command, List<String> fitArguments, CommandLine parent) throws Exception {
    CommandLine fit = new CommandLine(command);
    fit.setOut(parent.getOut());
    fit.setErr(parent.getErr());
    try {
      fit.parseArgs(fitArguments.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      parent.getErr().println(parent.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      fit.usage(parent.getErr());
      return 2;
    }
    if (CommandLine.printHelpIfRequested(fit.getParseResult())) return 0;
    return command.call();
  }

  private static NeuralNet.TrainingResult train(JavaSparkContext sc, NeuralNet trainer, int partitions,
      Integer averagingFrequency, Path checkpoint, org.mlmp.api.Dataset data) {
    LOG.info("training on Spark {} with {} partitions, {}", sc.master(), partitions, averagingFrequency == null
        ? "synchronous steps" : averagingFrequency + " local steps between averagings");
    java.util.function.Consumer<SparkEpoch> progress = e -> {
      EpochRecord r = e.record();
      String validation = Double.isNaN(r.validationLoss()) ? "" : String.format(", validation loss %.5f", r.validationLoss())
          + (Double.isNaN(r.validationAccuracy()) ? "" : String.format(", validation error %.2f %%",
          100 * (1 - r.validationAccuracy())));
      LOG.info("epoch {}/{}: loss {}{}, {} rows/s, {} s ({} s in the engine, {} s in Spark, the update and validation)",
          r.epoch(), trainer.epochs(), String.format("%.5f", r.trainLoss()), validation,
          Math.round(r.samplesPerSecond()), String.format("%.2f", r.seconds()), String.format("%.2f",
          e.computeSeconds()), String.format("%.2f", r.seconds() - e.computeSeconds()));
    };
    SparkTrainingResult r = averagingFrequency == null
        ? SparkNeuralNet.of(trainer, partitions).fit(sc, data, progress, checkpoint)
        : SparkAveragingNeuralNet.of(trainer, partitions, averagingFrequency).fit(sc, data, progress, checkpoint);
    if (r.result().resumedAfterEpoch() > 0) {
      LOG.info("resumed from {}: epochs 1-{} were done", checkpoint, r.result().resumedAfterEpoch());
    }
    return r.result();
  }

  /** Spark's INFO lines are not mlmp's progress: WARN and above only (Logback, the one SLF4J binding). */
  static void quietSpark() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
      for (String name : List.of("org.apache.spark", "org.sparkproject", "io.netty")) {
        ctx.getLogger(name).setLevel(ch.qos.logback.classic.Level.WARN);
      }
      // (Hadoop's client warns that its native library is missing: Spark in-process does not need it)
      ctx.getLogger("org.apache.hadoop").setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }
}
