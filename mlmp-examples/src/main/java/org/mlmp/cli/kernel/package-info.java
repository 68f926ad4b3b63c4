/**
 * The kernel-methods examples: {@code mlmp krr-muller-brown}, {@code mlmp krr-lennard-jones},
 * {@code mlmp svm}, and their stop in the tour.
 */
package org.mlmp.cli.kernel;
