package org.mlmp.api;


/**
 * A model configuration that can be fitted: an immutable, self-validating value (usually a
 * {@code record}) whose {@link #fit} returns a <em>new</em> fitted model and changes neither itself nor
 * the data. Any randomness is drawn from a seed that is a component of the configuration, so the same
 * configuration and data give the same model (bitwise on the CPU with a fixed thread count).
 *
 * <p>Conventions shared by every family: features {@code x: [nSamples, nFeatures]}; regression targets
 * {@code y: [nSamples]} or {@code [nSamples, nTargets]}; class labels as numbers in {@code y: [nSamples]};
 * unsupervised trainers ignore {@code y}.
 *
 * @param <M> the fitted model type
 */
public interface Trainer<M extends Model> {
  /**
   * Fits the model to {@code data}; throws {@link IllegalArgumentException} naming the bad value.
   *
   * @param data the training rows (with targets for supervised trainers)
   * @return a new fitted model; this configuration is unchanged
   */
  M fit(Dataset data);
}
