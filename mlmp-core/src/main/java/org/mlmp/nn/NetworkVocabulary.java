package org.mlmp.nn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mlmp.io.ConfigJson;

/**
 * How the configuration records of this package appear in model files and checkpoints, for
 * {@link ConfigJson}: layers and optimisers carry {@code "type"} = the record's simple name (but
 * {@code "GradientDescent"} for {@link Optimizer.Sgd}, its name in format version 1); an
 * augmentation carries {@code "kind": "elastic"} for {@link ElasticDistortion} and no kind for
 * {@link AffineAugmentation}; a {@link Network}'s input shape is written {@code "input": [C, H, W],
 * "inputIsImage": true|false}; a {@link NeuralNet} leaves out {@code prefetch} (it does not change the
 * results, so a checkpoint resumes with either setting) and {@code learningRateDecay} when it is 1.
 * These are the layouts of format version 1. (Registered as a service.)
 */
public final class NetworkVocabulary implements ConfigJson.Vocabulary {
  @Override
  public List<ConfigJson.Polymorphic> polymorphic() {
    return List.of(ConfigJson.Polymorphic.bySimpleName(Layer.class),
        // Optimizer.Sgd keeps its format-version-1 name "GradientDescent"
        new ConfigJson.Polymorphic(Optimizer.class, "type",
            c -> c == Optimizer.Sgd.class ? "GradientDescent" : c.getSimpleName(), null, null),
        new ConfigJson.Polymorphic(Augmentation.class, "kind", c -> c == ElasticDistortion.class ? "elastic" : "affine",
            AffineAugmentation.class, null));
  }

  @Override
  public List<ConfigJson.Shaping> shapings() {
    return List.of(
        new ConfigJson.Shaping(AffineAugmentation.class, o -> {
          o.remove("kind");
          return o;
        }, o -> o),
        new ConfigJson.Shaping(Network.class, NetworkVocabulary::writeInput, NetworkVocabulary::readInput),
        new ConfigJson.Shaping(NeuralNet.class, o -> {
          o.remove("prefetch");
          if (o.path("learningRateDecay").asDouble() == 1) o.remove("learningRateDecay");
          if (o.has("augmentation")) o.set("augmentation", o.remove("augmentation")); // last, as in format version 1
          return o;
        }, o -> o));
  }

  private static ObjectNode writeInput(ObjectNode o) {
    ObjectNode shape = (ObjectNode) o.remove("input");
    ObjectNode out = ConfigJson.object();
    ArrayNode in = out.putArray("input");
    in.add(shape.path("channels").asInt()).add(shape.path("height").asInt()).add(shape.path("width").asInt());
    out.put("inputIsImage", shape.path("image").asBoolean());
    // the key order of format version 1 (checkpoints compare the configuration's text)
    out.set("loss", o.get("loss"));
    out.set("init", o.get("init"));
    out.set("layers", o.get("layers"));
    return out;
  }

  private static ObjectNode readInput(ObjectNode o) {
    var in = o.path("input");
    if (!in.isArray()) return o;
    ObjectNode shape = ConfigJson.object();
    boolean image = o.path("inputIsImage").asBoolean();
    shape.put("channels", in.path(0).asInt()).put("height", image ? in.path(1).asInt() : 1)
        .put("width", image ? in.path(2).asInt() : 1).put("image", image);
    o.set("input", shape);
    o.remove("inputIsImage");
    return o;
  }
}
