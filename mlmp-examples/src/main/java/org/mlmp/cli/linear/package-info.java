/** The linear family's examples: {@code mlmp regularization} and the tour's linear stop. */
package org.mlmp.cli.linear;
