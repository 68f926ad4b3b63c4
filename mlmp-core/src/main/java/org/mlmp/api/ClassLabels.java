package org.mlmp.api;

import java.util.TreeSet;

/**
 * The rule every classifier trainer applies to its labels y before fitting: class labels are integers
 * (e.g. 0…9 or ±1) and there are at most {@value #MAX_CLASSES} distinct ones. A real-valued target (a
 * regression problem given to a classifier by mistake) breaks one of the two and is refused with the
 * value or count found and the fix, unless the trainer's {@code allowManyClasses} is true.
 */
public final class ClassLabels {
  /** The largest number of distinct labels accepted without {@code allowManyClasses}. */
  public static final int MAX_CLASSES = 50;

  private ClassLabels() {}

  /**
   * The sorted distinct labels of y, after checking the rule above.
   *
   * @param y the labels {@code [n]}, finite
   * @param owner the trainer's name, for the message
   * @param allowManyClasses true: accept any finite labels, however many
   * @return the distinct labels, sorted ascending
   * @throws IllegalArgumentException for a non-integer label or more than {@value #MAX_CLASSES} distinct
   *     ones (the message names the row and value, or the count, and the fix)
   */
  public static double[] distinct(double[] y, String owner, boolean allowManyClasses) {
    TreeSet<Double> set = new TreeSet<>();
    for (int i = 0; i < y.length; i++) {
      if (!allowManyClasses && y[i] != Math.rint(y[i])) {
        throw new IllegalArgumentException(owner + " is a classifier, but y holds the non-integer label " + y[i]
            + " at row " + i + " (0-based); class labels are integers such as 0, 1, 2 or ±1. For a real-valued "
            + "target use a regressor; to treat these values as classes anyway, set allowManyClasses = true.");
      }
      set.add(y[i]);
    }
    if (!allowManyClasses && set.size() > MAX_CLASSES) {
      throw new IllegalArgumentException(owner + " is a classifier, but y has " + set.size()
          + " distinct labels (more than " + MAX_CLASSES + "; smallest " + set.first() + ", largest " + set.last()
          + "), which looks like a real-valued target. For a regression target use a regressor; for that many "
          + "classes, set allowManyClasses = true.");
    }
    return set.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
