/** {@code mlmp fit}: one command for every model family, each contributing a {@link org.mlmp.cli.fit.FitPlugin}. */
package org.mlmp.cli.fit;
