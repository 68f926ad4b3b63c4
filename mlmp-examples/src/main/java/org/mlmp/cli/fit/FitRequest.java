package org.mlmp.cli.fit;

import java.util.Set;

/**
 * Every option of {@code mlmp fit}, parsed. Optional numbers are null when not given; {@link #given()}
 * holds the model-specific option names that were given, as spelled on the command line. {@code images} is the
 * --images data set (then the training data set is its rows), else null. {@code tolerance} is --tolerance, the
 * solver's stopping tolerance (svm: LIBSVM's {@code -e}), null when not given.
 */
public record FitRequest(String model, Double lambda, Double l1Fraction, Double learningRate, boolean noIntercept,
    boolean standardize, long seed, String kernel, Double sigma, Integer degree, Double coef0, Double c,
    Double tolerance,    Integer clusters, Integer components, String covariance, String layers, String activation, Integer epochs,
    Integer batch, Double validation, String input, java.nio.file.Path network, org.mlmp.data.LabeledImages images,
    Set<String> given) {

  public FitRequest {
    given = Set.copyOf(given);
  }

  /** The value of a required option, or an error naming it and the model. */
  public static <T> T required(T value, String option, String model) {
    if (value == null) {
      throw new IllegalArgumentException(option + " is required for --model " + model + ".");
    }
    return value;
  }
}
