package org.mlmp.io;

import org.mlmp.api.ModelState;

import org.mlmp.api.Model;

/**
 * Turns a {@link ModelState} of one {@code type} back into its fitted model. Each model family
 * registers its codecs in {@code META-INF/services/org.mlmp.io.ModelCodec}.
 */
public interface ModelCodec {
  /**
   * The type names this codec reads, as written in {@link ModelState#type()}.
   *
   * @return e.g. {"linear.ridge", "linear.lasso"}
   */
  java.util.Set<String> types();

  /**
   * Rebuilds the fitted model.
   *
   * @param state a state of one of {@link #types()}, as read from a model file
   * @return the model, predicting exactly as the one that was saved
   * @throws IllegalStateException when an array the model needs is missing
   */
  Model fromState(ModelState state);
}
