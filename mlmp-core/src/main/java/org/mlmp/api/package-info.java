/**
 * The contracts every model family implements, documented once.
 *
 * <p>A <b>configuration</b> ({@link org.mlmp.api.Trainer}) is an immutable value — usually a record
 * that validates its hyper-parameters in its constructor — whose {@code fit(Dataset)} returns a new,
 * separate <b>fitted model</b> ({@link org.mlmp.api.Model}: {@link org.mlmp.api.Regressor},
 * {@link org.mlmp.api.Classifier}, or a family's own interface). Fitting changes neither the
 * configuration nor the data; a seed, when needed, is a component of the configuration.
 *
 * <p>Shapes: features {@code x: [nSamples, nFeatures]}; targets {@code y: [nSamples]} or
 * {@code [nSamples, nTargets]}; class labels are numbers in {@code y: [nSamples]}. Every public entry
 * point checks shapes and finiteness with {@link org.mlmp.api.Checks}, whose messages name the value
 * received and the fix; every fitted model's predict / transform / score refuses a NaN or ±∞ naming its
 * row and column ({@link org.mlmp.api.Checks#predictInput}), and every classifier trainer applies
 * {@link org.mlmp.api.ClassLabels}. Scores shared by every family: {@link org.mlmp.api.Metrics},
 * {@link org.mlmp.api.ConfusionMatrix}. Parameter checks go through its shared helpers
 * ({@code inRange}, {@code positive}).
 *
 * <p><b>What a fitted model's accessors return</b> (one rule for every family):
 * <ul>
 *   <li>Learned arrays are fresh copies, never views of the model's state: changing what an accessor
 *       returned never changes the model.
 *   <li>A vector of fixed length is a Java array: {@code double[]} ({@code int[]} for indices such as
 *       support vectors or cluster labels; {@code float[]} for a network's float32 parameters).
 *   <li>A matrix, or an array whose rank follows the number of targets ({@code [n]} for one target,
 *       {@code [n, t]} for several, like the predictions), is a double {@link org.nd4j.linalg.api.ndarray.INDArray}.
 *   <li>The configuration is the trainer record that fitted the model ({@code trainer()}), an immutable value;
 *       what the fit found besides arrays (iterations, convergence) has its own accessor.
 * </ul>
 */
package org.mlmp.api;
