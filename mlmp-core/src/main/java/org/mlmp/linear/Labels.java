package org.mlmp.linear;

import java.util.Arrays;
import org.mlmp.api.ClassLabels;
import org.mlmp.api.Dataset;

/** Class labels of a classification data set and their ±1 one-vs-rest encodings. */
final class Labels {
  private Labels() {}

  /** The sorted distinct labels, checked by {@link ClassLabels#distinct}; at least two are needed. */
  static double[] classes(double[] y, String owner, boolean allowManyClasses) {
    double[] s = ClassLabels.distinct(y, owner, allowManyClasses);
    if (s.length < 2) {
      throw new IllegalArgumentException(owner + " needs at least 2 classes in y; it has only the label "
          + (s.length == 0 ? "none" : s[0]) + ".");
    }
    return s;
  }

  /** The labels of y, checked. */
  static double[] y(Dataset data, String owner) {
    return Design.target(data, owner);
  }

  /**
   * The course's targets for the problem "class {@code positive} (A) against the rest": +1 for
   * {@code positive}, −1 otherwise.
   */
  static double[] signs(double[] y, double positive) {
    double[] t = new double[y.length];
    for (int i = 0; i < y.length; i++) t[i] = y[i] == positive ? 1 : -1;
    return t;
  }

  /**
   * The positive class of each binary problem: {classes[1]} for two classes (f(x) &gt; 0 ⇒ the larger
   * label), every class for one-vs-rest with more than two.
   */
  static double[] positives(double[] classes) {
    return classes.length == 2 ? new double[] {classes[1]} : classes.clone();
  }

  static String text(double[] classes) {
    return Arrays.toString(classes);
  }
}
