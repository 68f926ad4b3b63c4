package org.mlmp.spark;

import org.mlmp.cli.Subcommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mlmp spark}: mlmp's training on Apache Spark, in this process ({@code --master local[N]}); cluster
 * masters are checked and refused in this version. Registered through {@code META-INF/services/org.mlmp.cli.Subcommand} of mlmp-spark's jar, which the
 * launcher puts on the class path, with Spark's, for this command only.
 */
@Command(name = "spark", mixinStandardHelpOptions = true, subcommands = {SparkTrainCommand.class, SparkKrrCommand.class,
    SparkCvCommand.class},
    description = "Train on Apache Spark, in this process (--master local[N]); cluster masters come later.")
public final class SparkCommand implements Runnable, Subcommand {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the command (picocli and the service loader need a public no-argument constructor). */
  public SparkCommand() {
  }

  /** Without a subcommand: prints the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
