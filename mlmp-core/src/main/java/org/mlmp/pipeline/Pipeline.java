package org.mlmp.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.mlmp.api.Dataset;
import org.mlmp.api.Model;
import org.mlmp.api.Trainer;
import org.mlmp.api.Transform;
import org.mlmp.data.Standardize;

/**
 * Preprocessing steps and a model, fitted together (scikit-learn's {@code Pipeline(steps)} /
 * {@code make_pipeline(*steps)}): {@link #fit} fits {@code steps} in order, each on the features the step before it
 * gives (the first on the training features), then {@code model} on the last step's output with the training
 * targets. The fitted {@link PipelineModel} applies the same fitted steps to every input, so a kernel ridge or SVM
 * model that needs standardised features gets them at predict time and in its model file too:
 *
 * <pre>{@code
 * Pipeline.standardized(Svm.of(Gaussian.of(1.0), 10))                  // standardise, then the SVM
 * Pipeline.of(List.of(Standardize.of(), Pca.of(2)), KernelRidge.of(Gaussian.of(1.0), 1e-3))
 * }</pre>
 *
 * <p>Targets are never transformed. A step whose fit fails on what the steps before it give (e.g. {@code Pca.of(5)}
 * after 3 features) is an error naming the step, the shape it was given and the step's own message.
 *
 * @param steps the transform trainers, applied in this order (may be empty); each fits a {@link Transform}
 * @param model the final trainer, of any family (a regressor, a classifier, a transform, a density, ...)
 */
public record Pipeline(List<Trainer<? extends Transform>> steps, Trainer<? extends Model> model)
    implements Trainer<PipelineModel> {
  /**
   * The complete form; {@link #of} and {@link #standardized} are the usual ways to make one.
   *
   * @param steps the transform trainers, in order (copied)
   * @param model the final trainer
   * @throws IllegalArgumentException if {@code steps} or {@code model} is null, or a step is null (its index named)
   */
  public Pipeline {
    if (steps == null) {
      throw new IllegalArgumentException("The 'steps' parameter of Pipeline must be a list of transform trainers"
          + " (e.g. List.of(Standardize.of(), Pca.of(2)); List.of() for none). Got null instead.");
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) == null) {
        throw new IllegalArgumentException("Pipeline step " + (i + 1) + " of " + steps.size() + " is null; give a"
            + " transform trainer there (Standardize.of(), Pca.of(k), ...) or remove it.");
      }
    }
    if (model == null) {
      throw new IllegalArgumentException("The 'model' parameter of Pipeline must be a trainer (e.g."
          + " Svm.of(Gaussian.of(1.0), 10)). Got null instead.");
    }
    steps = List.copyOf(steps);
  }

  /**
   * Transform steps, then a model.
   *
   * @param steps the transform trainers, applied in this order (may be empty)
   * @param model the final trainer
   * @return the pipeline
   * @throws IllegalArgumentException if an argument or a step is null
   */
  public static Pipeline of(List<? extends Trainer<? extends Transform>> steps, Trainer<? extends Model> model) {
    return new Pipeline(steps == null ? null : new ArrayList<>(steps), model);
  }

  /**
   * Standardisation ({@link Standardize}: training mean, 1/N standard deviation), then the model.
   *
   * @param model the final trainer
   * @return the pipeline {@code [Standardize] → model}
   * @throws IllegalArgumentException if model is null
   */
  public static Pipeline standardized(Trainer<? extends Model> model) {
    return new Pipeline(List.of(Standardize.of()), model);
  }

  /**
   * Fits every step in order, then the model.
   *
   * @param data training data; every step sees its features as the step before it gave them, the model also its
   *     targets
   * @return the fitted pipeline: a {@link PipelineClassifier}, {@link PipelineRegressor} or
   *     {@link PipelineTransform} when the model is a classifier, regressor or transform, else a plain
   *     {@link PipelineModel}
   * @throws IllegalArgumentException if the data hold a NaN or ±∞ (row and column named), or a step or the model
   *     cannot be fitted on what it is given (the step, its input shape and its own message named)
   */
  @Override
  public PipelineModel fit(Dataset data) {
    data.requireFinite();
    List<Transform> fitted = new ArrayList<>();
    Dataset current = data;
    for (int i = 0; i < steps.size(); i++) {
      Model m = fitStep(i, steps.get(i), current, fitted);
      if (!(m instanceof Transform t)) {
        throw new IllegalArgumentException("Pipeline step " + (i + 1) + " of " + (steps.size() + 1) + " ("
            + steps.get(i) + ") fitted a " + m.getClass().getSimpleName() + ", which does not transform features;"
            + " only the last trainer (the 'model') may be such a model. Make it the model, or remove it.");
      }
      fitted.add(t);
      current = current.withX(t.transform(current.x()));
    }
    return PipelineModel.of(fitted, fitStep(steps.size(), model, current, fitted));
  }

  private Model fitStep(int index, Trainer<? extends Model> trainer, Dataset input, List<Transform> before) {
    try {
      return trainer.fit(input);
    } catch (IllegalArgumentException e) {
      if (steps.isEmpty()) throw e; // a pipeline of the model alone: the model's own message, as without it
      int total = steps.size() + 1;
      String which = index < steps.size() ? "step " + (index + 1) + " of " + total + " (" + trainer + ")"
          : "step " + total + " of " + total + ", the model (" + trainer + "),";
      String given = input.nSamples() + " samples x " + input.nFeatures() + " features";
      String source = before.isEmpty() ? "the training data (" + given + ")"
          : "the output of step " + index + " (" + before.get(index - 1).getClass().getSimpleName() + ": " + given + ")";
      throw new IllegalArgumentException("Pipeline " + which + " cannot be fitted on " + source + ": "
          + e.getMessage() + " Change that step's parameters to suit " + input.nFeatures() + " features"
          + (index == 0 ? "." : ", or the steps before it."), e);
    }
  }
}
