package org.mlmp.data;

import org.mlmp.testing.LogCapture;

import org.mlmp.api.Dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvTableTest {
  @TempDir Path dir;

  Path write(String text) throws IOException {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void readsFeaturesAndTargetByName() throws IOException {
    Dataset d = CsvTable.read(write("a,y,b\n1,10,2\n3,30,4.5\n")).toDataset("y");
    assertEquals(List.of("a", "b"), d.featureNames());
    assertEquals(4.5, d.x().getDouble(1, 1), 0);
    assertEquals(30, d.y().getDouble(1), 0);
    assertEquals("y", d.targetName());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ragged row | a,b\\n1,2\\n3\\n | line 3: 1 cells, but the header has 2 columns",
      "non-numeric | a,b\\n1,x2\\n | line 2, column 'b': 'x2' is not a number",
      "NaN cell | a,b\\n1,2\\nNaN,3\\n | line 3, column 'a': NaN is not a finite number",
      "empty cell | a,b\\n1,\\n | line 2, column 'b': empty cell (missing value)",
      "no rows | a,b\\n | has a header but no data rows",
      "empty file | '' | is empty; expected a header line",
      "duplicate header | a,a\\n1,2\\n | duplicate column names"})
  void badInputNamesLineColumnAndValue(String what, String text, String expected) throws IOException {
    Path f = write(text.replace("\\n", "\n"));
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(f));
    assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }

  @Test
  void unknownTargetListsColumns() throws IOException {
    CsvTable t = CsvTable.read(write("a,b\n1,2\n"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.toDataset("y"));
    assertTrue(e.getMessage().contains("no column 'y'; its columns are [a, b]"), e.getMessage());
  }

  @Test
  void selectMatchesColumnsByName() throws IOException {
    Dataset d = CsvTable.read(write("b,y,a\n2,0,1\n")).select(List.of("a", "b"));
    assertEquals(1, d.x().getDouble(0, 0), 0);
    assertEquals(2, d.x().getDouble(0, 1), 0);
  }

  @Test
  void rQuotedHeaderOfWriteCsvIsRead() throws IOException {
    // R: write.csv(data.frame(a = c(1, 3), b = c(2, 4), y = c(10, 30)), row.names = FALSE)
    Dataset d = CsvTable.read(write("\"a\",\"b\",\"y\"\n1,2,10\n3,4,30\n")).toDataset("y");
    assertEquals(List.of("a", "b"), d.featureNames());
    assertEquals(30, d.y().getDouble(1), 0);
  }

  @Test
  void rfc4180QuotingCrlfAndQuotedNamesWithCommas() throws IOException {
    CsvTable t = CsvTable.read(write("\"mass, kg\",\"say \"\"hi\"\"\",y\r\n\"1.5\",2,3\r\n4,5,6\r\n"));
    assertEquals(List.of("mass, kg", "say \"hi\"", "y"), t.columns());
    assertArrayEquals(new double[] {1.5, 2, 3}, t.rows()[0]);
    assertArrayEquals(new double[] {4, 5, 6}, t.rows()[1]);
  }

  @Test
  void utf8ByteOrderMarkIsSkipped() throws IOException {
    CsvTable t = CsvTable.read(write("\uFEFFa,y\n1,2\n"));
    assertEquals(List.of("a", "y"), t.columns());
  }

  @Test
  void semicolonDelimiterAsExcelWritesInCommaDecimalLocales() throws IOException {
    Path f = write("a;b;y\n1;2;3\n");
    CsvTable t = CsvTable.read(f, CsvOptions.DEFAULT.withDelimiter(";"));
    assertArrayEquals(new double[] {1, 2, 3}, t.rows()[0]);
    // read as commas, the header is one name "a;b;y" and the cell "1;2;3" is not a number
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(f));
    assertTrue(e.getMessage().contains("line 2, column 'a;b;y': '1;2;3' is not a number"), e.getMessage());
  }

  @Test
  void tabDelimiterByName() throws IOException {
    CsvTable t = CsvTable.read(write("a\ty\n1\t2\n"), CsvOptions.DEFAULT.withDelimiter("\\t"));
    assertEquals(List.of("a", "y"), t.columns());
  }

  @Test
  void latin1Encoding() throws IOException {
    Path f = dir.resolve("latin1.csv");
    Files.write(f, "température,y\n1,2\n".getBytes(StandardCharsets.ISO_8859_1));
    CsvTable t = CsvTable.read(f, CsvOptions.DEFAULT.withEncoding("ISO-8859-1"));
    assertEquals(List.of("température", "y"), t.columns());
  }

  @Test
  void latin1ReadAsUtf8IsAnErrorNamingTheEncodingOption() throws IOException {
    Path f = dir.resolve("latin1.csv");
    Files.write(f, "a,y\n1,2\nbé,3\n".getBytes(StandardCharsets.ISO_8859_1));
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(f));
    assertTrue(e.getMessage().contains(f + " is not UTF-8 text (")
        && e.getMessage().contains("--encoding ISO-8859-1"), e.getMessage());
  }

  @Test
  void commentLinesWhereAsked() throws IOException {
    Path f = write("# made by a script\na,y\n1,2\n# a note\n3,4\n");
    CsvTable t = CsvTable.read(f, CsvOptions.DEFAULT.withComment('#'));
    assertEquals(2, t.nRows());
    assertArrayEquals(new double[] {3, 4}, t.rows()[1]);
  }

  @Test
  void errorLineNumbersCountCommentsAndQuotedLineBreaks() throws IOException {
    Path f = write("a,b\n# c\n\"x\ny\",2\n1,oops\n");
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(f, CsvOptions.DEFAULT.withComment('#')
        .withTextColumns(Set.of("a"))));
    assertTrue(e.getMessage().contains("line 5, column 'b': 'oops' is not a number"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "R write.csv | '\"\",\"a\",\"y\"\\n\"1\",1,2\\n\"2\",3,4\\n' | '' | row.names = FALSE",
      "pandas to_csv | ',a,y\\n0,1,2\\n1,3,4\\n' | '' | index=False",
      "pandas re-saved | 'Unnamed: 0,a,y\\n0,1,2\\n1,3,4\\n' | Unnamed: 0 | index=False"})
  void unnamedIndexColumnIsDroppedWithANotice(String what, String text, String name, String fix) throws IOException {
    try (LogCapture log = LogCapture.of(CsvTable.class)) {
      CsvTable t = CsvTable.read(write(text.replace("\\n", "\n")));
      assertEquals(List.of("a", "y"), t.columns(), what);
      assertArrayEquals(new double[] {3, 4}, t.rows()[1]);
      assertEquals(1, log.messages().size());
      String msg = log.messages().get(0);
      assertTrue(msg.contains("row.names = FALSE") && msg.contains(fix) && msg.contains("('" + name + "')"), msg);
    }
  }

  @Test
  void duplicateNamesAreNamedWithBothColumns() throws IOException {
    Path f = write("a,b,a\n1,2,3\n");
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(f));
    assertTrue(e.getMessage().contains("'a' is column 1 and column 3; rename one of them"), e.getMessage());
  }

  @Test
  void unnamedColumnAfterTheFirstIsAnError() throws IOException {
    Path f = write("a,,y\n1,2,3\n");
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(f));
    assertTrue(e.getMessage().contains("header column 2 has no name"), e.getMessage());
  }

  @Test
  void malformedQuotingNamesTheFileAndTheFix() throws IOException {
    Path f = write("a,y\n\"1\"x,2\n");
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(f));
    assertTrue(e.getMessage().contains(f + " is not well-formed CSV") && e.getMessage().contains("doubled"),
        e.getMessage());
  }

  @Test
  void aFirstLineOfNumbersIsNotTakenForAHeader() throws IOException {
    // the first lines of scikit-learn's sklearn/datasets/data/iris.csv
    Path f = write("150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,0\n");
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(f));
    assertTrue(e.getMessage().contains("line 1: '150,4,setosa,versicolor,virginica' is not a header line"), e.getMessage());
    assertTrue(e.getMessage().contains("2 of its 5 fields are numbers, the first one among them") && e.getMessage().contains("withoutHeader()")
        && e.getMessage().contains("replace it by a line of column names"), e.getMessage());
  }

  @Test
  void aHeaderOfMostlyNumbersIsRefused() throws IOException {
    Path f = write("x,1,2\n1,2,3\n");
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(f));
    assertTrue(e.getMessage().contains("line 1: 'x,1,2' is not a header line of column names (2 of its 3 fields are numbers)"),
        e.getMessage());
  }

  @Test
  void withoutHeaderNamesColumnsOrUsesGivenNames() throws IOException {
    Path f = write("1,2,3\n4,5,6\n");
    CsvTable t = CsvTable.read(f, CsvOptions.DEFAULT.withoutHeader());
    assertEquals(List.of("c0", "c1", "c2"), t.columns());
    assertEquals(2, t.nRows());
    CsvTable named = CsvTable.read(f, CsvOptions.DEFAULT.withoutHeader(List.of("a", "b", "y")));
    assertEquals(5, named.toDataset("y").x().getDouble(1, 1), 0);
    IOException e = assertThrows(IOException.class,
        () -> CsvTable.read(f, CsvOptions.DEFAULT.withoutHeader(List.of("a", "b"))));
    assertTrue(e.getMessage().contains("line 1: 3 cells, but 2 column names were given [a, b]"), e.getMessage());
  }

  @Test
  void keepDropAndTargetByName() throws IOException {
    CsvTable t = CsvTable.read(write("id,a,b,y\n7,1,2,10\n8,3,4,30\n"));
    Dataset d = t.drop(List.of("id")).toDataset("y");
    assertEquals(List.of("a", "b"), d.featureNames());
    CsvTable k = t.keep(List.of("y", "b"));
    assertEquals(List.of("y", "b"), k.columns());
    assertArrayEquals(new double[] {30, 4}, k.rows()[1]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.drop(List.of("z")));
    assertTrue(e.getMessage().contains("no column 'z'; its columns are [id, a, b, y]"), e.getMessage());
  }

  @Test
  void aTextTargetIsKeptAsStrings() throws IOException {
    Path f = write("sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n");
    CsvTable t = CsvTable.read(f, CsvOptions.DEFAULT.withTextColumns(Set.of("species")));
    assertEquals(List.of("setosa", "versicolor"), t.text("species"));
    Dataset x = t.drop(List.of("species")).toUnlabeled();
    assertEquals(7.0, x.x().getDouble(1, 0), 0);
    // a text target is a column of class names (issue 12): the sorted names are the classes, y their values
    Dataset named = t.toDataset("species");
    assertEquals(List.of("setosa", "versicolor"), named.classLabels().names());
    assertArrayEquals(new double[] {0, 1}, named.y().toDoubleVector(), 0);
    assertEquals(List.of("sepal", "petal"), named.featureNames());
    IllegalArgumentException f2 = assertThrows(IllegalArgumentException.class, () -> t.toDataset("petal"));
    assertTrue(f2.getMessage().contains("cannot be a feature"), f2.getMessage());
    // without asking, a text column is still today's error
    IOException g = assertThrows(IOException.class, () -> CsvTable.read(f));
    assertTrue(g.getMessage().contains("line 2, column 'species': 'setosa' is not a number"), g.getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.text("petal"));
  }

  @Test
  void badOptionsNameTheValue() {
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> CsvOptions.DEFAULT.withDelimiter(";;"));
    assertTrue(a.getMessage().contains("Got ';;' instead"), a.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> CsvOptions.DEFAULT.withEncoding("klingon"));
    assertTrue(b.getMessage().contains("Got 'klingon' instead"), b.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> CsvOptions.DEFAULT.withComment(','));
    assertTrue(c.getMessage().contains("Got ',' instead"), c.getMessage());
  }

  @Test
  void accessorsDoNotHandOutTheRecordsArrays() throws IOException {
    CsvTable t = CsvTable.read(write("a,y\n1,2\n"));
    t.rows()[0][0] = 99;
    assertEquals(1, t.rows()[0][0], 0);
    assertThrows(UnsupportedOperationException.class, () -> t.columns().set(0, "z"));
    double[][] mine = {{1, 2}};
    CsvTable u = new CsvTable(dir, List.of("a", "y"), mine, null);
    mine[0][0] = 42;
    assertEquals(1, u.rows()[0][0], 0);
    assertFalse(u.equals(t));
  }
}
