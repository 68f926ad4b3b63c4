package org.mlmp.cli.fit;

import org.mlmp.api.Dataset;
import org.mlmp.selection.GridSearch;
import org.mlmp.selection.GridSearchResult;

/**
 * Where {@code mlmp cv}'s search runs: {@link #LOCAL} (this process, {@link GridSearch#run}) or elsewhere (mlmp-spark's
 * {@code spark cv}: one Spark task per configuration and fold), with a result equal to the local one.
 */
@FunctionalInterface
public interface GridSearchRunner {
  /** The sequential search in this process. */
  GridSearchRunner LOCAL = GridSearch::run;

  /**
   * Runs {@code search} on {@code data}.
   *
   * @param search the search
   * @param data the data set searched
   * @return the result, equal to {@code search.run(data)}
   */
  GridSearchResult run(GridSearch search, Dataset data);
}
