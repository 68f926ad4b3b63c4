/**
 * The command line's pictures: PNG writers for what the library computes as plain data (a
 * {@link org.mlmp.linear.RegularizationPath} and {@link org.mlmp.linear.CrossValidation} curve, a kernel
 * {@link org.mlmp.kernelmethods.LearningCurve}, a network's training {@link org.mlmp.nn.History}, and a network's
 * filters, feature maps and misclassified images). They live here, not in {@code mlmp-core}, so the library
 * carries no plotting dependency (XChart).
 */
package org.mlmp.cli.plots;
