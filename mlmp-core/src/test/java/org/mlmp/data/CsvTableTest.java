package org.mlmp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
