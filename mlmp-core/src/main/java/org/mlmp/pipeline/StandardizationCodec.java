package org.mlmp.pipeline;

import java.util.Set;
import org.mlmp.api.Model;
import org.mlmp.api.ModelState;
import org.mlmp.data.Standardization;
import org.mlmp.io.ModelCodec;

/**
 * Reads a {@link Standardization} (a pipeline's standardisation step, or one saved on its own) from a model file.
 * It lives here, not beside {@link Standardization}, because {@code org.mlmp.data} does not depend on
 * {@code org.mlmp.io}.
 */
public final class StandardizationCodec implements ModelCodec {
  /** Registered in {@code META-INF/services/org.mlmp.io.ModelCodec}. */
  public StandardizationCodec() {}

  /**
   * The types read.
   *
   * @return {@value Standardization#TYPE}
   */
  @Override
  public Set<String> types() {
    return Set.of(Standardization.TYPE);
  }

  /**
   * The standardisation of a state written by {@link Standardization#toState()}.
   *
   * @param s the state, with arrays {@code mean} and {@code scale}
   * @return the standardisation
   * @throws IllegalStateException if an array is missing (named)
   */
  @Override
  public Model fromState(ModelState s) {
    return Standardization.fromArrays(s, "");
  }
}
