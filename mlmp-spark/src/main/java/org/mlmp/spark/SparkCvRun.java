package org.mlmp.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlmp.cli.fit.CvCommand;
import org.mlmp.cli.fit.GridSearchRunner;
import picocli.CommandLine;

/** The Spark side of {@link SparkCvCommand}: the context, and {@code mlmp cv} with {@link SparkGridSearch}. */
final class SparkCvRun {
  private SparkCvRun() {}

  /**
   * Runs {@code mlmp cv cvArguments} with the search on a Spark context on {@code master}.
   *
   * @return cv's exit code
   * @throws Exception what cv throws (mlmp's handler prints its message)
   */
  static int run(String master, List<String> cvArguments, CommandLine parent) throws Exception {
    SparkRun.quietSpark();
    try (JavaSparkContext sc = new JavaSparkContext(SparkJobSettings.of(master).withAppName("mlmp spark cv")
        .toSparkConf())) {
      GridSearchRunner runner = (search, data) -> SparkGridSearch.run(sc, search, data);
      return SparkRun.runFit(new CvCommand(runner), cvArguments, parent);
    }
  }
}
