package org.mlmp.api;


/**
 * A fitted model: immutable, holding copies of its learned arrays. Its arrays are never handed out
 * (accessors return copies).
 */
public interface Model {
  /**
   * Number of input features the model was fitted with.
   *
   * @return the number of columns every x given to the model must have
   */
  int nFeatures();

  /**
   * The model as a {@link ModelState} for {@link org.mlmp.io.ModelFile}: configuration, learned arrays
   * and any input scaling. Throws {@link UnsupportedOperationException} with the reason when the model
   * cannot be written (e.g. a kernel given as a user function).
   *
   * @return the model's state
   */
  ModelState toState();
}
