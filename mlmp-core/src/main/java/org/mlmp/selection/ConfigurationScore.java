package org.mlmp.selection;

import org.mlmp.api.Trainer;

/**
 * The cross-validated score of one configuration of a {@link GridSearch}.
 *
 * @param index the configuration's index in the grid
 * @param configuration the configuration (as listed, with its own seed)
 * @param mean the mean of the fold scores
 * @param std the population standard deviation of the fold scores (scikit-learn's {@code std_test_score})
 * @param foldScores the score on each held-out fold, in fold order (a copy)
 */
public record ConfigurationScore(int index, Trainer<?> configuration, double mean, double std, double[] foldScores) {
  /**
   * Copies the fold scores.
   *
   * @param index the configuration's index in the grid
   * @param configuration the configuration (as listed, with its own seed)
   * @param mean the mean of the fold scores
   * @param std the population standard deviation of the fold scores (scikit-learn's {@code std_test_score})
   * @param foldScores the score on each held-out fold, in fold order (a copy)
   */
  public ConfigurationScore {
    foldScores = foldScores.clone();
  }

  /**
   * The fold scores.
   *
   * @return a copy, in fold order
   */
  @Override
  public double[] foldScores() {
    return foldScores.clone();
  }
}
