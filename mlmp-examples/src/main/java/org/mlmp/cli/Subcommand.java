package org.mlmp.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * Marker for a picocli {@code @Command} class that is a subcommand of {@code mlmp}. Register the class
 * in {@code mlmp-examples/src/main/resources/META-INF/services/org.mlmp.cli.Subcommand}.
 */
public interface Subcommand {
  /**
   * The subcommands this class provides: by default one, this object under its {@code @Command} name. A class that
   * serves several names with different values (e.g. {@code mnist} and {@code fashion-mnist}, one per recipe)
   * returns one command line per name.
   */
  default List<CommandLine> commandLines() {
    return List.of(new CommandLine(this));
  }
}
