/**
 * Model selection for any {@link org.mlmp.api.Trainer}: k-fold cross-validation of a grid of configurations
 * ({@link org.mlmp.selection.GridSearch}, {@link org.mlmp.selection.Grid}), scored per model family
 * ({@link org.mlmp.selection.Scoring}), as independent units of work ({@link org.mlmp.selection.CvTask} →
 * {@link org.mlmp.selection.FoldScore}) that a distributed runner can execute anywhere with the same result.
 *
 * <p>Reference: T. Hastie, R. Tibshirani, J. Friedman, <i>The Elements of Statistical Learning</i> (2009),
 * §7.10; scikit-learn's {@code model_selection.GridSearchCV}.
 */
package org.mlmp.selection;
