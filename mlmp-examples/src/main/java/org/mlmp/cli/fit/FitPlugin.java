package org.mlmp.cli.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.mlmp.api.Model;
import org.mlmp.api.Dataset;

/**
 * One model family's part of {@code mlmp fit}. Register implementations in
 * {@code mlmp-examples/src/main/resources/META-INF/services/org.mlmp.cli.fit.FitPlugin}.
 */
public interface FitPlugin {
  /**
   * What a {@code --model} name needs.
   *
   * @param description one line for --help
   * @param supervised whether --target is required (false: the CSV has no target)
   * @param options the model-specific options it accepts, as spelled on the command line (e.g. "--lambda");
   *     any other model-specific option given is an error
   */
  record ModelInfo(String description, boolean supervised, Set<String> options) {}

  /**
   * The fitted model and the JSON fields describing it.
   *
   * @param model what {@code --save} writes
   * @param json fields after "model" (e.g. "coef", "intercept")
   */
  record Fitted(Model model, ObjectNode json) {}

  /** The --model names this plugin handles. */
  Map<String, ModelInfo> models();

  /** Fits {@code request.model()} to {@code train} (targets present iff supervised). */
  Fitted fit(FitRequest request, Dataset train) throws Exception;

  /**
   * Adds the prediction fields for new rows (at least "predictions", one per row) to {@code json}.
   *
   * @param x the --predict file's features, columns matched by name to the training features
   */
  void predict(Fitted fitted, Dataset x, ObjectNode json) throws Exception;
}
