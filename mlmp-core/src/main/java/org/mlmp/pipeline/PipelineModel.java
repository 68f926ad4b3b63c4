package org.mlmp.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Classifier;
import org.mlmp.api.Model;
import org.mlmp.api.ModelState;
import org.mlmp.api.Regressor;
import org.mlmp.api.Transform;
import org.mlmp.io.ConfigJson;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ModelFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted {@link Pipeline}: fitted transform steps and the model fitted on their output. Every input goes
 * through {@link #preprocess} (the steps in order) before the model. What it can do follows the model:
 * {@link PipelineRegressor} (predicts values), {@link PipelineClassifier} (predicts classes), {@link PipelineTransform}
 * (transforms), or this class itself for any other model (a density, ...), whose own methods take
 * {@code preprocess(x)}: e.g. {@code ((GaussianMixtureModel) p.model()).logDensity(p.preprocess(x))}.
 *
 * <p>Each step's configuration is the {@code trainer()} of that fitted step. The model file (type
 * {@value #TYPE}) holds every step's and the model's own state: {@code config.steps[i]} and {@code config.model} are
 * {@code {"type", "config", "seed"}} as a top-level file has them, and their arrays are named
 * {@code steps/<i>/<name>} and {@code model/<name>}; a pipeline's file thus loads wherever each part's family does.
 */
public sealed class PipelineModel implements Model permits PipelineRegressor, PipelineClassifier, PipelineTransform {
  /** The model-file type of a pipeline. */
  public static final String TYPE = "pipeline";
  private static final String STEP_ARRAYS = "steps/", MODEL_ARRAYS = "model/";
  private final List<Transform> steps;
  private final Model model;

  PipelineModel(List<? extends Transform> steps, Model model) {
    if (steps == null || model == null) {
      throw new IllegalArgumentException("A pipeline needs its fitted steps (a list, possibly empty) and its fitted"
          + " model. Got " + (steps == null ? "no steps" : "no model") + ".");
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) == null) {
        throw new IllegalArgumentException("Fitted pipeline step " + (i + 1) + " of " + steps.size()
            + " is null; give the fitted transform of that step.");
      }
      if (i > 0) chained(i, steps.get(i - 1), steps.get(i).nFeatures(), "step " + (i + 1) + " ("
          + name(steps.get(i)) + ")");
    }
    if (!steps.isEmpty()) chained(steps.size(), steps.get(steps.size() - 1), model.nFeatures(), "the model ("
        + name(model) + ")");
    this.steps = List.copyOf(steps);
    this.model = model;
  }

  private static void chained(int index, Transform before, int takes, String what) {
    if (before.nOutputFeatures() != takes) {
      throw new IllegalArgumentException("In the pipeline, " + what + " takes " + takes + " features, but step "
          + index + " (" + name(before) + ") gives " + before.nOutputFeatures() + ". Fit each part on the output of"
          + " the one before it, as Pipeline.fit does.");
    }
  }

  private static String name(Model m) {
    return m.getClass().getSimpleName();
  }

  /**
   * A pipeline from parts fitted in order (what {@link Pipeline#fit} and the model file build): step 1 on the
   * training features, each later step on the output of the one before, the model on the last output.
   *
   * @param steps the fitted transforms, in order (may be empty)
   * @param model the fitted model
   * @return a {@link PipelineClassifier}, {@link PipelineRegressor} or {@link PipelineTransform} when the model is a
   *     classifier, regressor or transform, else a plain {@link PipelineModel}
   * @throws IllegalArgumentException if a part is null, or a part takes another number of features than the one
   *     before it gives (both parts and both numbers named)
   */
  public static PipelineModel of(List<? extends Transform> steps, Model model) {
    if (model instanceof Classifier c) return new PipelineClassifier(steps, c);
    if (model instanceof Regressor r) return new PipelineRegressor(steps, r);
    if (model instanceof Transform t) return new PipelineTransform(steps, t);
    return new PipelineModel(steps, model);
  }

  /**
   * The fitted transform steps, in the order they are applied.
   *
   * @return an unmodifiable list (the fitted steps are immutable)
   */
  public List<Transform> steps() {
    return steps;
  }

  /**
   * The fitted model, which takes the last step's output ({@link #preprocess}).
   *
   * @return the model
   */
  public Model model() {
    return model;
  }

  /**
   * The features as the model sees them: x through every step in order (scikit-learn's
   * {@code pipeline[:-1].transform(x)}).
   *
   * @param x features {@code [nSamples, nFeatures()]}
   * @return the last step's output {@code [nSamples, model().nFeatures()]} (x itself when there are no steps)
   * @throws IllegalArgumentException for a wrong feature count (both counts named) or a NaN or ±∞ in x (row and
   *     column named)
   */
  public INDArray preprocess(INDArray x) {
    Checks.predictInput(x, nFeatures(), getClass().getSimpleName());
    INDArray out = x;
    for (Transform t : steps) out = t.transform(out);
    return out;
  }

  /**
   * The number of features of the pipeline's input: the first step's (the model's when there are no steps).
   *
   * @return nFeatures
   */
  @Override
  public int nFeatures() {
    return steps.isEmpty() ? model.nFeatures() : steps.get(0).nFeatures();
  }

  /**
   * Every step's state and the model's, nested (see the class comment).
   *
   * @return the state of type {@value #TYPE}, with the model's seed
   * @throws UnsupportedOperationException if a step or the model cannot be written (its reason)
   */
  @Override
  public ModelState toState() {
    ObjectNode config = ConfigJson.object();
    config.put("nFeatures", nFeatures());
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    ArrayNode stepNodes = config.putArray("steps");
    for (int i = 0; i < steps.size(); i++) stepNodes.add(nest(steps.get(i).toState(), STEP_ARRAYS + i + "/", arrays));
    ModelState last = model.toState();
    config.set("model", nest(last, MODEL_ARRAYS, arrays));
    return new ModelState(TYPE, config, arrays, last.seed());
  }

  private static ObjectNode nest(ModelState part, String prefix, Map<String, INDArray> arrays) {
    ObjectNode node = ConfigJson.object();
    node.put("type", part.type());
    node.set("config", part.config());
    node.put("seed", part.seed());
    part.arrays().forEach((name, a) -> arrays.put(prefix + name, a));
    return node;
  }

  /** Reads pipelines from model files, decoding each part with its own family's codec. */
  public static final class Codec implements ModelCodec {
    /** Registered in {@code META-INF/services/org.mlmp.io.ModelCodec}. */
    public Codec() {}

    /**
     * The types read.
     *
     * @return {@value PipelineModel#TYPE}
     */
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    /**
     * The pipeline of a state written by {@link PipelineModel#toState()}.
     *
     * @param s the state
     * @return the fitted pipeline
     * @throws IllegalArgumentException if a part is missing, of a type no module reads, or not a transform where a
     *     step must be (the part named)
     */
    @Override
    public Model fromState(ModelState s) {
      JsonNode stepNodes = s.config().path("steps");
      if (!stepNodes.isArray()) {
        throw new IllegalArgumentException("The pipeline's configuration has no 'steps' list.");
      }
      List<Transform> steps = new ArrayList<>();
      for (int i = 0; i < stepNodes.size(); i++) {
        Model m = ModelFile.fromState(part(s, stepNodes.get(i), STEP_ARRAYS + i + "/", "steps[" + i + "]"));
        if (!(m instanceof Transform t)) {
          throw new IllegalArgumentException("Pipeline step " + (i + 1) + " in the file is a "
              + m.getClass().getSimpleName() + ", which does not transform features; a step must.");
        }
        steps.add(t);
      }
      return of(steps, ModelFile.fromState(part(s, s.config().path("model"), MODEL_ARRAYS, "model")));
    }

    private static ModelState part(ModelState s, JsonNode node, String prefix, String where) {
      if (!node.isObject() || !node.path("type").isTextual()) {
        throw new IllegalArgumentException("The pipeline's '" + where + "' is not a model's state {\"type\","
            + " \"config\", \"seed\"}.");
      }
      Map<String, INDArray> arrays = new LinkedHashMap<>();
      s.arrays().forEach((name, a) -> {
        if (name.startsWith(prefix)) arrays.put(name.substring(prefix.length()), a);
      });
      JsonNode config = node.path("config");
      return new ModelState(node.path("type").asText(), config.isObject() ? (ObjectNode) config : ConfigJson.object(),
          arrays, node.path("seed").asLong(-1));
    }
  }
}
