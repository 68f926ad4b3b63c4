package org.mlmp.io;

import org.mlmp.api.ModelState;

import org.mlmp.api.Model;

/**
 * Turns a {@link ModelState} of one {@code type} back into its fitted model. Each model family
 * registers its codecs in {@code META-INF/services/org.mlmp.io.ModelCodec}.
 */
public interface ModelCodec {
  /** The type names this codec reads, as written in {@link ModelState#type()}. */
  java.util.Set<String> types();

  Model fromState(ModelState state);
}
