/**
 * The {@code mlmp} command line: {@link org.mlmp.cli.Main} discovers its subcommands
 * ({@link org.mlmp.cli.Subcommand}) and the tour's stops ({@link org.mlmp.cli.DemoStep}) through
 * {@link java.util.ServiceLoader}, so each example registers itself.
 */
package org.mlmp.cli;
