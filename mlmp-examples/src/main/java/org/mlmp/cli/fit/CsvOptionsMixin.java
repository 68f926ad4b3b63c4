package org.mlmp.cli.fit;

import java.util.Set;
import org.mlmp.data.CsvOptions;
import picocli.CommandLine.Option;

/**
 * The CSV reading options shared by {@code mlmp fit} and {@code mlmp predict}: {@code --delimiter},
 * {@code --encoding}, {@code --comment}, turned into a {@link CsvOptions} (which validates them).
 */
public final class CsvOptionsMixin {
  /** The option names, for commands that check which options apply. */
  static final Set<String> NAMES = Set.of("--delimiter", "--encoding", "--comment");

  @Option(names = "--delimiter", paramLabel = "C", defaultValue = ",",
      description = "CSV field separator: one character, or \\t for a tab (default: ${DEFAULT-VALUE}; Excel in"
          + " comma-decimal locales writes ;).")
  String delimiter;

  @Option(names = "--encoding", paramLabel = "NAME", defaultValue = "UTF-8",
      description = "CSV character set, e.g. UTF-8 or ISO-8859-1 (default: ${DEFAULT-VALUE}).")
  String encoding;

  @Option(names = "--comment", paramLabel = "C", description = "Skip CSV lines starting with this character (e.g. #).")
  Character comment;

  /** The reading options these flags describe. */
  public CsvOptions options() {
    return CsvOptions.DEFAULT.withDelimiter(delimiter).withEncoding(encoding).withComment(comment);
  }
}
