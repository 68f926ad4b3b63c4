package org.mlmp.cli;

/**
 * Marker for a picocli {@code @Command} class that is a subcommand of {@code mlmp}. Register the class
 * in {@code mlmp-examples/src/main/resources/META-INF/services/org.mlmp.cli.Subcommand}.
 */
public interface Subcommand {}
