package org.mlmp.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * How {@link CsvTable#read(java.nio.file.Path, CsvOptions)} reads a file: RFC 4180 quoting always
 * (quoted fields may hold the delimiter, quotes doubled as {@code ""} and line breaks), CRLF or LF line
 * ends, a UTF-8 byte-order mark skipped, blank lines skipped, spaces around fields trimmed.
 *
 * @param delimiter the field separator: {@code ','} (default), {@code ';'} (Excel in comma-decimal
 *     locales), {@code '\t'}, ...; never a quote, a line break or the comment character
 * @param encoding the file's character set (default UTF-8; e.g. ISO-8859-1)
 * @param comment lines starting with this character are skipped; null (default) for none
 * @param header true (default) if the first line holds the column names
 * @param names the column names of a file without a header ({@code header == false}); null for
 *     {@code c0, c1, ...}. Must be null when {@code header} is true
 * @param textColumns columns that may hold text (e.g. class names as the target): kept as strings
 *     ({@link CsvTable#text(String)}); every other column must be numeric
 */
public record CsvOptions(char delimiter, Charset encoding, Character comment, boolean header, List<String> names,
    Set<String> textColumns) {
  /** Comma-separated, UTF-8, a header line, no comments, every column numeric. */
  public static final CsvOptions DEFAULT = new CsvOptions(',', StandardCharsets.UTF_8, null, true, null, Set.of());

  /**
   * Validates the options and copies the collections.
   *
   * @param delimiter the field separator
   * @param encoding the character set
   * @param comment the comment character, or null
   * @param header whether the first line holds the names
   * @param names the names of a file without header, or null
   * @param textColumns the columns that may hold text
   */
  public CsvOptions {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("The CSV delimiter must not be a quote or a line break. Got "
          + printable(delimiter) + " instead; use e.g. ',', ';' or '\\t'.");
    }
    if (encoding == null) throw new IllegalArgumentException("The CSV encoding must not be null; use e.g. UTF-8.");
    if (comment != null && (comment == delimiter || comment == '"' || comment == '\n' || comment == '\r')) {
      throw new IllegalArgumentException("The CSV comment character must differ from the delimiter "
          + printable(delimiter) + ", the quote and line breaks. Got " + printable(comment) + " instead; use e.g. '#'.");
    }
    if (header && names != null) {
      throw new IllegalArgumentException("Column names " + names + " were given for a CSV file read with a header"
          + " line; give names only with header == false (withoutHeader(names)).");
    }
    names = names == null ? null : List.copyOf(names);
    textColumns = textColumns == null ? Set.of() : Set.copyOf(textColumns);
  }

  /**
   * The same options with another field separator.
   *
   * @param d the separator
   * @return a copy with {@code delimiter = d}
   */
  public CsvOptions withDelimiter(char d) {
    return new CsvOptions(d, encoding, comment, header, names, textColumns);
  }

  /**
   * The same options with the delimiter given as text, as on a command line: one character, or
   * {@code \t} / {@code tab} for a tab.
   *
   * @param d the separator as typed
   * @return a copy with that delimiter
   */
  public CsvOptions withDelimiter(String d) {
    if (d == null) throw new IllegalArgumentException("The CSV delimiter must be one character. Got null instead.");
    if (d.equals("\\t") || d.equalsIgnoreCase("tab")) return withDelimiter('\t');
    if (d.length() != 1) {
      throw new IllegalArgumentException("The CSV delimiter must be one character (or \\t for a tab). Got '" + d
          + "' instead; use e.g. --delimiter ';'.");
    }
    return withDelimiter(d.charAt(0));
  }

  /**
   * The same options with another character set.
   *
   * @param cs the file's character set
   * @return a copy with {@code encoding = cs}
   */
  public CsvOptions withEncoding(Charset cs) {
    return new CsvOptions(delimiter, cs, comment, header, names, textColumns);
  }

  /**
   * The same options with the character set named as Java names it (UTF-8, ISO-8859-1, windows-1252, ...).
   *
   * @param name the character set's name
   * @return a copy with that encoding
   */
  public CsvOptions withEncoding(String name) {
    try {
      return withEncoding(Charset.forName(name));
    } catch (IllegalArgumentException e) {  // IllegalCharsetName-, UnsupportedCharsetException, null
      throw new IllegalArgumentException("The CSV encoding must be a character set Java knows (e.g. UTF-8,"
          + " ISO-8859-1, windows-1252). Got '" + name + "' instead.", e);
    }
  }

  /**
   * The same options, skipping lines that start with {@code c}.
   *
   * @param c the comment character, or null for none
   * @return a copy with {@code comment = c}
   */
  public CsvOptions withComment(Character c) {
    return new CsvOptions(delimiter, encoding, c, header, names, textColumns);
  }

  /**
   * The same options for a file whose first line is data: columns named {@code c0, c1, ...}.
   *
   * @return a copy with {@code header = false}
   */
  public CsvOptions withoutHeader() {
    return new CsvOptions(delimiter, encoding, comment, false, null, textColumns);
  }

  /**
   * The same options for a file whose first line is data, with these column names.
   *
   * @param columnNames one name per column
   * @return a copy with {@code header = false} and these names
   */
  public CsvOptions withoutHeader(List<String> columnNames) {
    return new CsvOptions(delimiter, encoding, comment, false, columnNames, textColumns);
  }

  /**
   * The same options, letting {@code columns} hold text (kept as strings).
   *
   * @param columns the names of the text columns
   * @return a copy with these text columns
   */
  public CsvOptions withTextColumns(Set<String> columns) {
    return new CsvOptions(delimiter, encoding, comment, header, names, columns);
  }

  static String printable(char c) {
    return switch (c) {
      case '\t' -> "'\\t'";
      case '\n' -> "'\\n'";
      case '\r' -> "'\\r'";
      default -> "'" + c + "'";
    };
  }
}
