package org.mlmp.selection;

import java.util.Objects;

/**
 * The result of one {@link CvTask}: the held-out score of a configuration on one fold.
 *
 * @param configuration the configuration index
 * @param fold the fold index
 * @param seed the seed the task fitted with ({@link GridSearch#taskSeed}; used only by configurations with a seed)
 * @param scoring the scoring applied
 * @param value the score on the held-out fold
 */
public record FoldScore(int configuration, int fold, long seed, Scoring scoring, double value) {
  /**
   * Validates the score.
   *
   * @param configuration the configuration index
   * @param fold the fold index
   * @param seed the seed the task fitted with ({@link GridSearch#taskSeed}; used only by configurations with a seed)
   * @param scoring the scoring applied
   * @param value the score on the held-out fold
   * @throws IllegalArgumentException for a negative index
   * @throws NullPointerException for a null scoring
   */
  public FoldScore {
    new CvTask(configuration, fold); // the indices' check and message
    Objects.requireNonNull(scoring, "A FoldScore's scoring must not be null.");
  }
}
