package org.mlmp.selection;

import java.util.List;
import java.util.Locale;

/**
 * The result of a {@link GridSearch}: every configuration's cross-validated score and the best one.
 *
 * @param scores one per configuration, in grid order
 * @param bestIndex the index of the configuration with the best mean score (the first on ties)
 * @param scoring the scoring that was applied
 * @param folds k
 * @param seed the search's seed
 */
public record GridSearchResult(List<ConfigurationScore> scores, int bestIndex, Scoring scoring, int folds, long seed) {
  /**
   * Validates the result.
   *
   * @param scores one per configuration, in grid order
   * @param bestIndex the index of the configuration with the best mean score (the first on ties)
   * @param scoring the scoring that was applied
   * @param folds k
   * @param seed the search's seed
   * @throws IllegalArgumentException if {@code bestIndex} is not an index of {@code scores}
   */
  public GridSearchResult {
    scores = List.copyOf(scores);
    if (bestIndex < 0 || bestIndex >= scores.size()) {
      throw new IllegalArgumentException("GridSearchResult: bestIndex " + bestIndex + " is not in [0, " + scores.size()
          + ").");
    }
  }

  /**
   * The best configuration's score.
   *
   * @return {@code scores().get(bestIndex())}
   */
  public ConfigurationScore best() {
    return scores.get(bestIndex);
  }

  /**
   * A plain-text table: index, mean ± std of the scoring, the best row marked with '*', the configuration.
   *
   * @return the table, one line per configuration after a header
   */
  public String toTable() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%4s %18s %12s %3s %s%n", "#",
        scoring.label() + " (" + folds + "-fold)", "± std", "", "configuration"));
    for (ConfigurationScore s : scores) {
      sb.append(String.format(Locale.ROOT, "%4d %18.6g %12.4g %3s %s%n", s.index(), s.mean(), s.std(),
          s.index() == bestIndex ? "*" : "", s.configuration()));
    }
    return sb.toString();
  }
}
