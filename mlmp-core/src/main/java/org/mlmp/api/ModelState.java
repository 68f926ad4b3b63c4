package org.mlmp.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted model in the form {@code org.mlmp.io.ModelFile} writes: a type name, the configuration as JSON, named
 * arrays, and the seed (or -1 when the fit used no randomness).
 *
 * @param type a stable name registered by a {@code org.mlmp.io.ModelCodec}, e.g. "linear.ridge"
 * @param config the configuration (hyper-parameters) as a JSON object
 * @param arrays learned arrays (and any input scaling, by convention named "input.mean" / "input.scale")
 * @param seed the seed the model was fitted with, -1 if none
 */
public record ModelState(String type, ObjectNode config, Map<String, INDArray> arrays, long seed) {
  /**
   * Copies {@code arrays} into an unmodifiable map that keeps their order.
   *
   * @param type a stable name registered by a {@code org.mlmp.io.ModelCodec}, e.g. "linear.ridge"
   * @param config the configuration (hyper-parameters) as a JSON object
   * @param arrays learned arrays (and any input scaling, by convention named "input.mean" / "input.scale")
   * @param seed the seed the model was fitted with, -1 if none
   */
  public ModelState {
    arrays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
  }

  /**
   * The array called {@code name}; an error naming the missing entry otherwise.
   *
   * @param name the entry, e.g. "coef" or "input.mean"
   * @return the array (not a copy)
   * @throws IllegalStateException naming the type, the missing entry and the entries present
   */
  public INDArray array(String name) {
    INDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalStateException("The model file for type '" + type + "' has no array '" + name
          + "' (it has " + arrays.keySet() + "); the file is corrupt or from another version.");
    }
    return a;
  }
}
