package org.mlmp.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A numeric CSV table: comma-separated, one header line of column names, then one row per line of
 * numbers. Ragged rows, non-numeric cells and NaN/empty cells are errors that name the file, the line
 * and the column.
 *
 * @param columns the header's names
 * @param rows the values, {@code rows[i][j]} for line i+2 and column j
 */
public record CsvTable(Path source, List<String> columns, double[][] rows) {

  public static CsvTable read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException("CSV file " + file + " does not exist.");
    List<double[]> rows = new ArrayList<>();
    List<String> header;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      if (first == null || first.isBlank()) {
        throw new IOException("CSV file " + file + " is empty; expected a header line of column names.");
      }
      if (first.startsWith("\uFEFF")) first = first.substring(1);
      header = Arrays.stream(first.split(",", -1)).map(String::trim).toList();
      for (int j = 0; j < header.size(); j++) {
        if (header.get(j).isEmpty()) {
          throw new IOException("CSV file " + file + ": header column " + (j + 1) + " has no name.");
        }
      }
      if (header.stream().distinct().count() != header.size()) {
        throw new IOException("CSV file " + file + ": duplicate column names in header " + header + ".");
      }
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] cells = line.split(",", -1);
        if (cells.length != header.size()) {
          throw new IOException("CSV file " + file + ", line " + lineNo + ": " + cells.length + " cells, but the"
              + " header has " + header.size() + " columns.");
        }
        double[] row = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
          String c = cells[j].trim();
          if (c.isEmpty()) {
            throw new IOException("CSV file " + file + ", line " + lineNo + ", column '" + header.get(j)
                + "': empty cell (missing value). Remove or fill the row.");
          }
          try {
            row[j] = Double.parseDouble(c);
          } catch (NumberFormatException e) {
            throw new IOException("CSV file " + file + ", line " + lineNo + ", column '" + header.get(j)
                + "': '" + c + "' is not a number.");
          }
          if (!Double.isFinite(row[j])) {
            throw new IOException("CSV file " + file + ", line " + lineNo + ", column '" + header.get(j)
                + "': " + c + " is not a finite number (missing values must be removed or imputed).");
          }
        }
        rows.add(row);
      }
    }
    if (rows.isEmpty()) throw new IOException("CSV file " + file + " has a header but no data rows.");
    return new CsvTable(file, header, rows.toArray(double[][]::new));
  }

  public int columnIndex(String name) {
    int j = columns.indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("CSV file " + source + " has no column '" + name + "'; its columns are "
          + columns + ".");
    }
    return j;
  }

  /** Every column but {@code target} as features, {@code target} as y (double precision). */
  public Dataset toDataset(String target) {
    int t = columnIndex(target);
    int d = columns.size() - 1;
    if (d == 0) throw new IllegalArgumentException("CSV file " + source + " has only the target column '" + target + "'.");
    double[][] x = new double[rows.length][d];
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0, k = 0; j < columns.size(); j++) {
        if (j == t) y[i] = rows[i][j];
        else x[i][k++] = rows[i][j];
      }
    }
    List<String> names = new ArrayList<>(columns);
    names.remove(t);
    return new Dataset(Nd4j.createFromArray(x), Nd4j.createFromArray(y), names, target);
  }

  /** All columns as features (unsupervised). */
  public Dataset toUnlabeled() {
    return new Dataset(Nd4j.createFromArray(rows), null, columns, null);
  }

  /**
   * The columns {@code names}, in that order, as features: for predicting with a model fitted on
   * another file. Columns not named (e.g. a target) are ignored.
   */
  public Dataset select(List<String> names) {
    int[] idx = names.stream().mapToInt(this::columnIndex).toArray();
    double[][] x = new double[rows.length][idx.length];
    for (int i = 0; i < rows.length; i++) for (int k = 0; k < idx.length; k++) x[i][k] = rows[i][idx[k]];
    return new Dataset(Nd4j.createFromArray(x), null, names, null);
  }
}
