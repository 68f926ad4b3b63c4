package org.mlmp.data;

import org.mlmp.api.ClassLabels;
import org.mlmp.api.Dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A numeric CSV table: one header line of column names (unless the options say there is none), then
 * one row per record of numbers. Parsed by Apache Commons CSV with RFC 4180 quoting (see
 * {@link CsvOptions} for the delimiter, encoding, comment lines and the header).
 *
 * <p>Checked on reading, each error naming the file, the line and the column: ragged rows, non-numeric
 * cells (outside {@link CsvOptions#textColumns()}), NaN/∞ and empty cells, unnamed or duplicate header
 * names, and a first line that looks like data rather than a header: its first field or most of its
 * fields are numbers (as in scikit-learn's {@code iris.csv}, {@code 150,4,setosa,versicolor,virginica}). A first column without a name ({@code ""} or {@code Unnamed: 0})
 * is the row index R's {@code write.csv} and pandas' {@code to_csv} write: it is dropped with a logged
 * notice naming the fix ({@code row.names = FALSE}, {@code index=False}).
 *
 * <p>The table never changes: the accessors return copies or unmodifiable views.
 *
 * @param source the file read
 * @param columns the column names, in file order
 * @param rows the values, {@code rows[i][j]} for data row i and column j (NaN where a text column
 *     holds text)
 * @param text the cells of the text columns, by name (empty when none were asked for)
 */
public record CsvTable(Path source, List<String> columns, double[][] rows, Map<String, List<String>> text) {
  private static final Logger LOG = LoggerFactory.getLogger(CsvTable.class);
  private static final Pattern PANDAS_INDEX = Pattern.compile("Unnamed: ?0");

  /**
   * Validates the shapes and copies the arrays, lists and map.
   *
   * @param source the file read
   * @param columns the column names
   * @param rows the values {@code [nRows][columns.size()]}
   * @param text the cells of the text columns by name, or null for none
   */
  public CsvTable {
    columns = List.copyOf(columns);
    rows = deepCopy(rows);
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != columns.size()) {
        throw new IllegalArgumentException("CsvTable: row " + i + " has " + rows[i].length + " values but there are "
            + columns.size() + " columns " + columns + ".");
      }
    }
    Map<String, List<String>> t = new LinkedHashMap<>();
    if (text != null) {
      for (var e : text.entrySet()) {
        if (!columns.contains(e.getKey()) || e.getValue().size() != rows.length) {
          throw new IllegalArgumentException("CsvTable: text column '" + e.getKey() + "' must be one of " + columns
              + " with " + rows.length + " cells; got " + e.getValue().size() + " cells.");
        }
        t.put(e.getKey(), List.copyOf(e.getValue()));
      }
    }
    text = Collections.unmodifiableMap(t);
  }

  /**
   * Reads a comma-separated UTF-8 file with a header line ({@link CsvOptions#DEFAULT}).
   *
   * @param file the CSV file
   * @return the table
   * @throws IOException if the file is missing, unreadable or not a valid numeric table (the message names
   *     the file, line, column and value)
   */
  public static CsvTable read(Path file) throws IOException {
    return read(file, CsvOptions.DEFAULT);
  }

  /**
   * Reads {@code file} as {@code options} say.
   *
   * @param file the CSV file
   * @param options delimiter, encoding, comments, header, text columns
   * @return the table
   * @throws IOException if the file is missing, unreadable or not a valid table (the message names the
   *     file, line, column and value)
   */
  public static CsvTable read(Path file, CsvOptions options) throws IOException {
    return read(file, options, names -> Set.of());
  }

  /**
   * Reads {@code file} to take {@code target} as the target ({@link #toDataset(String)}): the target column may hold
   * text, e.g. class names, as if named in {@link CsvOptions#withTextColumns}; a file without it reads as
   * {@link #read(Path, CsvOptions)} does (and {@link #toDataset(String)} names the missing column).
   *
   * @param file the CSV file
   * @param options delimiter, encoding, comments, header, text columns
   * @param target the target column's name
   * @return the table
   * @throws IOException if the file is missing, unreadable or not a valid table (the message names the
   *     file, line, column and value)
   */
  public static CsvTable readWithTarget(Path file, CsvOptions options, String target) throws IOException {
    return read(file, options, names -> names.contains(target) ? Set.of(target) : Set.of());
  }

  /**
   * Reads {@code file} to predict from its columns {@code features}: every other column may hold text (e.g. a
   * column of class names), as if named in {@link CsvOptions#withTextColumns}. {@link #select(List)} then takes the
   * features.
   *
   * @param file the CSV file
   * @param options delimiter, encoding, comments, header, text columns
   * @param features the columns that must be numeric (any missing one is reported by {@link #select(List)})
   * @return the table
   * @throws IOException if the file is missing, unreadable or not a valid table (the message names the
   *     file, line, column and value)
   */
  public static CsvTable readFeatures(Path file, CsvOptions options, List<String> features) throws IOException {
    Set<String> numeric = Set.copyOf(features);
    return read(file, options, names -> names.stream().filter(n -> !numeric.contains(n))
        .collect(java.util.stream.Collectors.toSet()));
  }

  /** Reads with {@code moreText(column names)} read as text besides the options' text columns. */
  private static CsvTable read(Path file, CsvOptions options, Function<List<String>, Set<String>> moreText)
      throws IOException {
    org.mlmp.api.InputFiles.requireFile("CSV", file);
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setDelimiter(options.delimiter())
        .setCommentMarker(options.comment())
        .setIgnoreEmptyLines(true)
        .setTrim(true)
        .get();
    // a strict decoder: bytes that are not valid in the encoding are an error, not silently U+FFFD
    CharsetDecoder decoder = options.encoding().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder));
         CSVParser parser = CSVParser.builder().setReader(skipBom(reader)).setFormat(format).get()) {
      return parse(file, options, parser, moreText);
    } catch (UncheckedIOException e) {
      throw malformed(file, e.getCause(), options);
    } catch (CharacterCodingException e) {
      throw malformed(file, e, options);
    }
  }

  private static BufferedReader skipBom(BufferedReader r) throws IOException {
    r.mark(1);
    if (r.read() != '\uFEFF') r.reset();
    return r;
  }

  private static IOException malformed(Path file, IOException e, CsvOptions options) {
    if (e instanceof CharacterCodingException) {
      // no line number: the reader decodes ahead of the parser
      return new IOException("CSV file " + file + " is not " + options.encoding().name() + " text (" + e
          + "); give its encoding, e.g. --encoding ISO-8859-1 (CsvOptions.withEncoding).", e);
    }
    return new IOException("CSV file " + file + " is not well-formed CSV (" + e.getMessage() + "). Quote a field"
        + " that holds the delimiter, a quote or a line break as \"...\", with quotes inside doubled (\"\").", e);
  }

  private static CsvTable parse(Path file, CsvOptions options, CSVParser parser,
      Function<List<String>, Set<String>> moreText) throws IOException {
    Iterator<CSVRecord> it = parser.iterator();
    List<String> header = null;
    List<String> firstRow = null;
    if (options.header()) {
      CSVRecord first = nextNonBlank(it, file, options);
      if (first == null) {
        throw new IOException("CSV file " + file + " is empty; expected a header line of column names.");
      }
      header = first.toList();
      checkLooksLikeHeader(file, parser.getCurrentLineNumber(), header);
    } else {
      CSVRecord first = nextNonBlank(it, file, options);
      if (first == null) throw new IOException("CSV file " + file + " is empty; expected rows of numbers.");
      firstRow = first.toList();
      header = options.names() != null ? options.names()
          : IntStream.range(0, firstRow.size()).mapToObj(j -> "c" + j).toList();
    }
    int width = header.size();
    int skip = 0;
    if (options.header() && width > 1 && (header.get(0).isEmpty() || PANDAS_INDEX.matcher(header.get(0)).matches())) {
      skip = 1;
      LOG.info("CSV file {}: the first column has no name ('{}'), so it is the row index R's write.csv or pandas'"
          + " to_csv writes; dropped it (write the file with row.names = FALSE in R, index=False in pandas).",
          file, header.get(0));
    }
    List<String> names = header.subList(skip, width);
    checkNames(file, names, skip);
    Set<String> textColumns = new LinkedHashSet<>(options.textColumns());
    for (String t : textColumns) {
      if (!names.contains(t)) {
        throw new IOException("CSV file " + file + " has no column '" + t + "' (asked to be read as text); its columns"
            + " are " + names + ".");
      }
    }
    textColumns.addAll(moreText.apply(names));
    boolean[] isText = new boolean[names.size()];
    for (int j = 0; j < isText.length; j++) isText[j] = textColumns.contains(names.get(j));
    List<double[]> rows = new ArrayList<>();
    Map<String, List<String>> text = new LinkedHashMap<>();
    for (String t : textColumns) text.put(t, new ArrayList<>());
    String headerWord = options.header() ? "header" : "first row";
    if (firstRow != null) {
      if (options.names() != null && firstRow.size() != width) {
        throw new IOException("CSV file " + file + ", line " + parser.getCurrentLineNumber() + ": " + firstRow.size()
            + " cells, but " + width + " column names were given " + options.names() + ".");
      }
      rows.add(parseRow(file, parser.getCurrentLineNumber(), firstRow, names, skip, isText, text, width, headerWord));
    }
    CSVRecord rec;
    while ((rec = nextNonBlank(it, file, options)) != null) {
      rows.add(parseRow(file, parser.getCurrentLineNumber(), rec.toList(), names, skip, isText, text, width, headerWord));
    }
    if (rows.isEmpty()) throw new IOException("CSV file " + file + " has a header but no data rows.");
    return new CsvTable(file, names, rows.toArray(double[][]::new), text);
  }

  private static CSVRecord nextNonBlank(Iterator<CSVRecord> it, Path file, CsvOptions options)
      throws IOException {
    try {
      while (it.hasNext()) {
        CSVRecord r = it.next();
        if (r.size() == 1 && r.get(0).isEmpty()) continue;  // a line of spaces only
        return r;
      }
      return null;
    } catch (UncheckedIOException e) {
      throw malformed(file, e.getCause(), options);
    } catch (IllegalStateException e) {
      throw malformed(file, new IOException(e.getMessage(), e), options);
    }
  }

  private static void checkLooksLikeHeader(Path file, long line, List<String> header) throws IOException {
    long numeric = header.stream().filter(CsvTable::isNumber).count();
    if (isNumber(header.get(0)) || numeric * 2 > header.size()) {
      String shown = String.join(",", header);
      if (shown.length() > 80) shown = shown.substring(0, 77) + "...";
      throw new IOException("CSV file " + file + ", line " + line + ": '" + shown + "' is not a header line of column"
          + " names (" + numeric + " of its " + header.size() + " fields are numbers" + (isNumber(header.get(0))
          ? ", the first one among them" : "") + "). If the file has no header,"
          + " read it with CsvOptions.DEFAULT.withoutHeader() (columns c0, c1, ...) or withoutHeader(names); if line "
          + line + " is not data at all (scikit-learn's iris.csv starts with its counts and class names), replace it"
          + " by a line of column names.");
    }
  }

  private static void checkNames(Path file, List<String> names, int skip) throws IOException {
    Map<String, Integer> seen = new HashMap<>();
    for (int j = 0; j < names.size(); j++) {
      String n = names.get(j);
      if (n.isEmpty()) {
        throw new IOException("CSV file " + file + ": header column " + (j + 1 + skip) + " has no name.");
      }
      Integer before = seen.putIfAbsent(n, j);
      if (before != null) {
        throw new IOException("CSV file " + file + ": duplicate column names in header: '" + n + "' is column "
            + (before + 1 + skip) + " and column " + (j + 1 + skip) + "; rename one of them.");
      }
    }
  }

  private static double[] parseRow(Path file, long lineNo, List<String> cells, List<String> names, int skip,
      boolean[] isText, Map<String, List<String>> text, int width, String headerWord) throws IOException {
    if (cells.size() != width) {
      throw new IOException("CSV file " + file + ", line " + lineNo + ": " + cells.size() + " cells, but the "
          + headerWord + " has " + width + " columns.");
    }
    double[] row = new double[names.size()];
    for (int j = 0; j < row.length; j++) {
      String c = cells.get(j + skip);
      String name = names.get(j);
      if (c.isEmpty()) {
        throw new IOException("CSV file " + file + ", line " + lineNo + ", column '" + name
            + "': empty cell (missing value). Remove or fill the row.");
      }
      if (isText[j]) {
        text.get(name).add(c);
        row[j] = isNumber(c) ? Double.parseDouble(c) : Double.NaN;
        continue;
      }
      try {
        row[j] = Double.parseDouble(c);
      } catch (NumberFormatException e) {
        throw new IOException("CSV file " + file + ", line " + lineNo + ", column '" + name
            + "': '" + c + "' is not a number.");
      }
      if (!Double.isFinite(row[j])) {
        throw new IOException("CSV file " + file + ", line " + lineNo + ", column '" + name
            + "': " + c + " is not a finite number (missing values must be removed or imputed).");
      }
    }
    return row;
  }

  private static boolean isNumber(String s) {
    try {
      return Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }

  /**
   * A copy of the values.
   *
   * @return {@code [nRows][columns.size()]}
   */
  @Override
  public double[][] rows() {
    return deepCopy(rows);
  }

  /**
   * The number of data rows.
   *
   * @return the number of rows
   */
  public int nRows() {
    return rows.length;
  }

  /**
   * The position of a column.
   *
   * @param name the column's name
   * @return its index in {@link #columns()}
   * @throws IllegalArgumentException naming the columns there are, if there is no such column
   */
  public int columnIndex(String name) {
    int j = columns.indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("CSV file " + source + " has no column '" + name + "'; its columns are "
          + columns + ".");
    }
    return j;
  }

  /**
   * The cells of a text column (one declared in {@link CsvOptions#textColumns()}) as read, e.g. class
   * names.
   *
   * @param column the column's name
   * @return an unmodifiable list of one string per row
   */
  public List<String> text(String column) {
    columnIndex(column);
    List<String> t = text.get(column);
    if (t == null) {
      throw new IllegalArgumentException("CSV file " + source + ": column '" + column + "' was read as numbers, not"
          + " as text; to keep its cells as strings read the file with CsvOptions...withTextColumns(Set.of(\""
          + column + "\")).");
    }
    return t;
  }

  /**
   * The table with only some columns.
   *
   * @param names the columns to keep, in the order wanted (text columns among them stay text)
   * @return a new table
   */
  public CsvTable keep(List<String> names) {
    int[] idx = names.stream().mapToInt(this::columnIndex).toArray();
    if (new LinkedHashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("CSV file " + source + ": columns to keep " + names + " name a column twice.");
    }
    double[][] r = new double[rows.length][idx.length];
    for (int i = 0; i < rows.length; i++) for (int k = 0; k < idx.length; k++) r[i][k] = rows[i][idx[k]];
    Map<String, List<String>> t = new LinkedHashMap<>(text);
    t.keySet().retainAll(names);
    return new CsvTable(source, names, r, t);
  }

  /**
   * The table without some columns.
   *
   * @param names the columns to drop (each must exist)
   * @return a new table
   */
  public CsvTable drop(List<String> names) {
    names.forEach(this::columnIndex);
    List<String> rest = new ArrayList<>(columns);
    rest.removeAll(names);
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("CSV file " + source + ": dropping " + names + " leaves no column.");
    }
    return keep(rest);
  }

  /**
   * Every column but {@code target} as features, {@code target} as y (double precision). A target read as text
   * ({@link CsvOptions#withTextColumns}) that holds a cell that is not a number is a column of class names (iris'
   * species): its distinct cells, sorted, are the classes ({@link Dataset#classLabels()}) and y holds their values
   * 0 … K − 1. A numeric target stays numbers.
   *
   * @param target the name of the target column
   * @return x {@code [nRows, columns - 1]}, y {@code [nRows]}, with the column names
   * @throws IllegalArgumentException for an unknown column, a non-numeric feature, or a table of the target only
   */
  public Dataset toDataset(String target) {
    return toDataset(target, textTarget(target) ? ClassLabels.fromLabels(text.get(target), describe(target)) : null);
  }

  /**
   * As {@link #toDataset(String)}, encoding the target's labels by given classes, e.g. a fitted classifier's
   * ({@link org.mlmp.api.Classifier#classLabels()}), so that a test file's labels get the values the model predicts
   * even when the file lacks some class.
   *
   * @param target the name of the target column, holding labels of {@code classes}
   * @param classes the classes to encode the labels by
   * @return x {@code [nRows, columns - 1]}, y {@code [nRows]} (the class values), with {@code classes}
   * @throws IllegalArgumentException for a label that is not one of {@code classes} (row, value and fix named)
   */
  public Dataset toDataset(String target, ClassLabels classes) {
    if (classes == null) return numericDataset(target, true);
    Dataset d = numericDataset(target, false);
    List<String> cells = text.get(target);
    double[] numbers = d.y().toDoubleVector();
    double[] y;
    if (cells != null) {
      y = classes.encode(cells, describe(target)); // the cells as written: names, or numbers spelled as text
    } else if (classes.isText()) {
      List<String> spelled = new ArrayList<>(numbers.length); // class names that are numbers, e.g. folders 1, 2, 3
      for (double v : numbers) spelled.add(ClassLabels.numberText(v));
      y = classes.encode(spelled, describe(target));
    } else {
      y = classes.encode(numbers, describe(target));
    }
    return new Dataset(d.x(), Nd4j.createFromArray(y), d.featureNames(), target, classes.isText() ? classes : null);
  }

  private boolean textTarget(String target) {
    columnIndex(target);
    List<String> cells = text.get(target);
    return cells != null && !cells.stream().allMatch(CsvTable::isNumber);
  }

  private String describe(String column) {
    return "CSV file " + source + ", column '" + column + "'";
  }

  /** x from every column but the target; y the target's numbers (NaN for text cells unless numeric is required). */
  private Dataset numericDataset(String target, boolean numericTarget) {
    int t = columnIndex(target);
    int d = columns.size() - 1;
    if (d == 0) throw new IllegalArgumentException("CSV file " + source + " has only the target column '" + target + "'.");
    if (numericTarget) requireNumeric(target, true);
    List<String> names = new ArrayList<>(columns);
    names.remove(t);
    names.forEach(n -> requireNumeric(n, false));
    double[][] x = new double[rows.length][d];
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0, k = 0; j < columns.size(); j++) {
        if (j == t) y[i] = rows[i][j];
        else x[i][k++] = rows[i][j];
      }
    }
    return new Dataset(Nd4j.createFromArray(x), Nd4j.createFromArray(y), names, target);
  }

  /**
   * All columns as features (unsupervised).
   *
   * @return x {@code [nRows, columns]} without targets
   */
  public Dataset toUnlabeled() {
    columns.forEach(n -> requireNumeric(n, false));
    return new Dataset(Nd4j.createFromArray(rows), null, columns, null);
  }

  /**
   * The columns {@code names}, in that order, as features: for predicting with a model fitted on
   * another file. Columns not named (e.g. a target) are ignored.
   *
   * @param names the feature columns, in the model's order
   * @return x {@code [nRows, names.size()]} without targets
   */
  public Dataset select(List<String> names) {
    int[] idx = names.stream().mapToInt(this::columnIndex).toArray();
    names.forEach(n -> requireNumeric(n, false));
    double[][] x = new double[rows.length][idx.length];
    for (int i = 0; i < rows.length; i++) for (int k = 0; k < idx.length; k++) x[i][k] = rows[i][idx[k]];
    return new Dataset(Nd4j.createFromArray(x), null, names, null);
  }

  /** Throws if the text column {@code name} holds a cell that is not a number. */
  private void requireNumeric(String name, boolean asTarget) {
    List<String> cells = text.get(name);
    if (cells == null) return;
    for (int i = 0; i < cells.size(); i++) {
      if (!isNumber(cells.get(i))) {
        throw new IllegalArgumentException("CSV file " + source + ", data row " + (i + 1) + ", column '" + name
            + "': '" + cells.get(i) + "' is not a number, so the column cannot be " + (asTarget ? "a numeric target"
            : "a feature") + (asTarget ? "; its cells as text are CsvTable.text(\"" + name + "\")." : "; drop it ("
            + "CsvTable.drop) or encode it as numbers."));
      }
    }
  }

  @Override
  public String toString() {
    return "CsvTable[" + source + ", " + rows.length + " rows, columns " + columns
        + (text.isEmpty() ? "" : ", text columns " + text.keySet()) + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvTable t && source.equals(t.source) && columns.equals(t.columns)
        && Arrays.deepEquals(rows, t.rows) && text.equals(t.text);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * source.hashCode() + columns.hashCode()) + Arrays.deepHashCode(rows);
  }
}
