package org.mlmp.selection;

/**
 * One unit of work of a {@link GridSearch}: fit configuration {@code configuration} on the rows outside fold
 * {@code fold} and score it on that fold.
 *
 * @param configuration the index of the configuration in {@link GridSearch#configurations()}, >= 0
 * @param fold the index of the held-out fold, in [0, k)
 */
public record CvTask(int configuration, int fold) {
  /**
   * Validates the indices.
   *
   * @param configuration the index of the configuration in {@link GridSearch#configurations()}, >= 0
   * @param fold the index of the held-out fold, in [0, k)
   * @throws IllegalArgumentException for a negative index, naming it
   */
  public CvTask {
    if (configuration < 0 || fold < 0) {
      throw new IllegalArgumentException("A CvTask's configuration and fold indices must be >= 0. Got configuration "
          + configuration + ", fold " + fold + " instead.");
    }
  }
}
