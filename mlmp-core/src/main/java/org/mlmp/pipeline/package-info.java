/**
 * Pipelines: preprocessing steps and a model fitted as one object that saves to one model file (scikit-learn's
 * {@code Pipeline} / {@code make_pipeline}).
 *
 * <p>{@link org.mlmp.pipeline.Pipeline} is the configuration: a list of transform trainers (each fitting an
 * {@link org.mlmp.api.Transform}: {@link org.mlmp.data.Standardize}, {@link org.mlmp.decomposition.Pca},
 * {@link org.mlmp.decomposition.KernelPca}, {@link org.mlmp.cluster.KMeans}) and a final trainer of any family.
 * Its {@code fit} fits the steps in order, each on the output of the one before, then the model on the last output;
 * the fitted {@link org.mlmp.pipeline.PipelineModel} applies the same steps to every input before the model
 * ({@link org.mlmp.pipeline.PipelineRegressor}, {@link org.mlmp.pipeline.PipelineClassifier} or
 * {@link org.mlmp.pipeline.PipelineTransform} as the model predicts or transforms) and saves to a model file of
 * type {@code "pipeline"} holding every step's state.
 */
package org.mlmp.pipeline;
