package org.mlmp.selection;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mlmp.api.Classifier;
import org.mlmp.api.Dataset;
import org.mlmp.api.Metrics;
import org.mlmp.api.Model;
import org.mlmp.api.Regressor;
import org.mlmp.density.DensityModel;

/**
 * How a fitted model is scored on held-out rows in a {@link GridSearch}, computed by {@link Metrics} in
 * double precision. Each scoring belongs to one family of models and says whether higher or lower is
 * better. The default of a family ({@link #defaultFor}): {@link #RMSE} for a {@link Regressor} (lower is
 * better, in the target's unit), {@link #ACCURACY} for a {@link Classifier} (higher is better) and
 * {@link #LOG_LIKELIHOOD} for a {@link DensityModel} (higher is better).
 *
 * <p>scikit-learn's {@code scoring=} names: {@code neg_mean_squared_error}, {@code neg_root_mean_squared_error},
 * {@code neg_mean_absolute_error}, {@code r2}, {@code accuracy}; {@code KernelDensity.score} is the
 * summed (not mean) log-likelihood.
 */
public enum Scoring {
  /** Mean squared error (1/N) Σ (ŷ − y)², averaged over targets ({@link Metrics#mse}); lower is better. */
  MSE("mse", false, Regressor.class),
  /** Root mean squared error √MSE ({@link Metrics#rmse}); lower is better; the regressors' default. */
  RMSE("rmse", false, Regressor.class),
  /** Mean absolute error (1/N) Σ |ŷ − y| ({@link Metrics#mae}); lower is better. */
  MAE("mae", false, Regressor.class),
  /** Coefficient of determination R² = 1 − SS_res/SS_tot ({@link Metrics#r2}); higher is better. */
  R2("r2", true, Regressor.class),
  /** Fraction of correctly predicted labels ({@link Metrics#accuracy}); higher is better; the classifiers' default. */
  ACCURACY("accuracy", true, Classifier.class),
  /**
   * Mean log-likelihood per held-out sample (1/N) Σ log p̂(x) ({@link DensityModel#meanLogLikelihood});
   * higher is better; the density models' default.
   */
  LOG_LIKELIHOOD("log-likelihood", true, DensityModel.class);

  private final String label;
  private final boolean higherIsBetter;
  private final Class<? extends Model> family;

  Scoring(String label, boolean higherIsBetter, Class<? extends Model> family) {
    this.label = label;
    this.higherIsBetter = higherIsBetter;
    this.family = family;
  }

  /**
   * The name used on the command line and in JSON, e.g. {@code rmse}.
   *
   * @return the lower-case name
   */
  public String label() {
    return label;
  }

  /**
   * Whether a larger score is a better model.
   *
   * @return true for R², accuracy and log-likelihood; false for the errors
   */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /**
   * The model interface this scoring needs.
   *
   * @return {@link Regressor}, {@link Classifier} or {@link DensityModel}
   */
  public Class<? extends Model> family() {
    return family;
  }

  /**
   * Whether this scoring can score {@code model}.
   *
   * @param model a fitted model
   * @return true if the model is of this scoring's {@link #family()}
   */
  public boolean appliesTo(Model model) {
    return family.isInstance(model);
  }

  /**
   * Whether score {@code a} is strictly better than {@code b} (ties are not better; NaN is never better).
   *
   * @param a a score
   * @param b another score
   * @return a &gt; b when higher is better, a &lt; b otherwise
   */
  public boolean isBetter(double a, double b) {
    return higherIsBetter ? a > b : a < b;
  }

  /**
   * Scores {@code model} on {@code data}.
   *
   * @param model a fitted model of this scoring's {@link #family()}
   * @param data held-out rows: x, and y unless this is {@link #LOG_LIKELIHOOD}
   * @return the score
   * @throws IllegalArgumentException if the model is of another family (naming the scorings that apply), or
   *     the data have no targets where they are needed
   */
  public double score(Model model, Dataset data) {
    if (!appliesTo(model)) {
      throw new IllegalArgumentException("The scoring '" + label + "' needs a " + family.getSimpleName()
          + ", but the configuration fits a " + model.getClass().getSimpleName() + ". Use one of "
          + labelsFor(model) + ".");
    }
    if (this != LOG_LIKELIHOOD && !data.hasTargets()) {
      throw new IllegalArgumentException("The scoring '" + label + "' compares predictions with targets y, but the"
          + " data set has none.");
    }
    return switch (this) {
      case MSE -> Metrics.mse(((Regressor) model).predict(data.x()), data.y());
      case RMSE -> Metrics.rmse(((Regressor) model).predict(data.x()), data.y());
      case MAE -> Metrics.mae(((Regressor) model).predict(data.x()), data.y());
      case R2 -> Metrics.r2(((Regressor) model).predict(data.x()), data.y());
      case ACCURACY -> Metrics.accuracy(((Classifier) model).predict(data.x()), data.y());
      case LOG_LIKELIHOOD -> ((DensityModel) model).meanLogLikelihood(data.x());
    };
  }

  /**
   * The default scoring of a model's family: {@link #RMSE} for a regressor, {@link #ACCURACY} for a
   * classifier, {@link #LOG_LIKELIHOOD} for a density model.
   *
   * @param model a fitted model
   * @return its family's default
   * @throws IllegalArgumentException for a model of no scored family (e.g. k-means, PCA), naming it
   */
  public static Scoring defaultFor(Model model) {
    if (model instanceof Regressor) return RMSE;
    if (model instanceof Classifier) return ACCURACY;
    if (model instanceof DensityModel) return LOG_LIKELIHOOD;
    throw new IllegalArgumentException("A " + model.getClass().getSimpleName() + " is neither a Regressor, a Classifier"
        + " nor a DensityModel, so no scoring applies to it; model selection needs one of those families.");
  }

  /**
   * The scoring with this {@link #label()} (case-insensitive; {@code _} and {@code -} alike).
   *
   * @param label e.g. {@code rmse}, {@code accuracy}, {@code log-likelihood}
   * @return the scoring
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static Scoring parse(String label) {
    String l = label == null ? "" : label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Scoring s : values()) if (s.label.equals(l)) return s;
    throw new IllegalArgumentException("Unknown scoring '" + label + "'; expected one of "
        + Arrays.stream(values()).map(Scoring::label).collect(Collectors.joining(", ")) + ".");
  }

  private static String labelsFor(Model model) {
    String s = Arrays.stream(values()).filter(v -> v.appliesTo(model)).map(Scoring::label)
        .collect(Collectors.joining(", "));
    return s.isEmpty() ? "none: a " + model.getClass().getSimpleName() + " has no scoring" : s;
  }
}
