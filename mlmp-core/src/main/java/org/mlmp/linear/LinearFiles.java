package org.mlmp.linear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlmp.api.ClassLabels;
import org.mlmp.api.Trainer;
import org.mlmp.io.ConfigJson;

/**
 * The configuration part of the linear models' file support: {@code config} is the trainer record
 * (through {@link ConfigJson}) under its simple name ({@code "trainer": "Ridge"}), plus what the fit
 * found ({@code method}, {@code sweeps}, {@code iterations}, ...). Components that format version 1 did
 * not write take the trainer's defaults when read (and the seed comes from the file's provenance).
 */
final class LinearFiles {
  private LinearFiles() {}

  /** What a fit found, in insertion order, from name/value pairs (numbers, booleans, strings). */
  static Map<String, Object> facts(Object... nameThenValue) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenValue.length; i += 2) m.put((String) nameThenValue[i], nameThenValue[i + 1]);
    return Collections.unmodifiableMap(m);
  }

  static ObjectNode config(Trainer<?> trainer, Map<String, Object> facts) {
    ObjectNode c = ConfigJson.object();
    c.put("trainer", trainer.getClass().getSimpleName());
    c.setAll(ConfigJson.writeAny(trainer));
    facts.forEach((k, v) -> {
      if (v instanceof Integer i) c.put(k, i);
      else if (v instanceof Long l) c.put(k, l);
      else if (v instanceof Double d) c.put(k, d);
      else if (v instanceof Boolean b) c.put(k, b);
      else c.put(k, String.valueOf(v));
    });
    return c;
  }

  /** The trainer of a linear model file of this type. */
  static Trainer<?> trainer(String type, ObjectNode config, long seed) {
    ObjectNode c = config.deepCopy();
    if (!c.has("seed") && seed >= 0) c.put("seed", seed);
    return switch (type) {
      case "linear.ols" -> ConfigJson.read(c, OrdinaryLeastSquares.of());
      case "linear.gd" -> ConfigJson.read(c, GradientDescent.of(0.1));
      case "linear.ridge" -> ConfigJson.read(c, Ridge.of(0));
      case "linear.lasso" -> ConfigJson.read(c, Lasso.of(0));
      case "linear.elastic-net" -> ConfigJson.read(c, ElasticNet.of(0, 0.5));
      case "linear.best-subset" -> ConfigJson.read(c, BestSubset.of(0));
      case "linear.forward-selection" -> ConfigJson.read(c, ForwardSelection.of(0));
      case "linear.least-squares-classifier" -> ConfigJson.read(c, LeastSquaresClassifier.of());
      case "linear.logistic" -> ConfigJson.read(c, LogisticRegression.of(1));
      case "linear.perceptron" -> ConfigJson.read(c, Perceptron.of(0));
      default -> throw new IllegalArgumentException("Unknown linear model type '" + type + "'.");
    };
  }

  /** The entries of a file's config that are neither the trainer's name nor its components: what the fit found. */
  static Map<String, Object> facts(ObjectNode config, Trainer<?> trainer) {
    Set<String> components = Arrays.stream(trainer.getClass().getRecordComponents()).map(r -> r.getName())
        .collect(Collectors.toSet());
    Map<String, Object> m = new LinkedHashMap<>();
    config.fields().forEachRemaining(e -> {
      if (e.getKey().equals("trainer") || e.getKey().equals(ClassLabels.NAMES_ENTRY) || components.contains(e.getKey())) {
        return; // the class names are the model's labels (ClassLabels), not a fact of the fit
      }
      JsonNode v = e.getValue();
      m.put(e.getKey(), v.isNumber() ? v.numberValue() : v.isBoolean() ? (Object) v.booleanValue() : v.asText());
    });
    return Collections.unmodifiableMap(m);
  }
}
