package org.mlmp.cli.fit;

import org.mlmp.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.CliRun;
import org.mlmp.data.CsvTable;

/** --delimiter, --encoding and --comment of mlmp fit and mlmp predict. */
class CsvOptionsMixinTest {
  /** predict's option naming the model file to read (--model-file in the command-line vocabulary). */
  static final String MODEL_FILE = "--model-file";

  @TempDir Path dir;

  @Test
  void fitAndPredictReadSemicolonLatin1FilesWithComments() throws Exception {
    Path train = dir.resolve("t.csv");
    Files.write(train, "# Excel, German locale\n\"Länge\";y\n1;1\n2;2\n3;6\n".getBytes(StandardCharsets.ISO_8859_1));
    Path test = dir.resolve("p.csv");
    Files.write(test, "# new rows\nLänge\n5\n".getBytes(StandardCharsets.ISO_8859_1));
    Path model = dir.resolve("m.mlmp");
    CliRun r = CliRun.of("fit", "--model", "mean", "--data", train.toString(), "--target", "y", "--delimiter", ";",
        "--encoding", "ISO-8859-1", "--comment", "#", "--predict", test.toString(), "--save", model.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(3.0, j.get("mean").asDouble(), 0);
    assertEquals(1, j.get("predictions").size());
    assertEquals(java.util.List.of("Länge"), org.mlmp.io.ModelFile.readFeatureNames(model));

    CliRun p = CliRun.of("predict", MODEL_FILE, model.toString(), "--data", test.toString(),
        "--encoding", "ISO-8859-1", "--comment", "#");
    assertEquals(0, p.exitCode(), p.err());
    assertEquals(3.0, new ObjectMapper().readTree(p.out()).get("predictions").get(0).asDouble(), 0);
    CliRun utf8 = CliRun.of("predict", MODEL_FILE, model.toString(), "--data", test.toString(),
        "--comment", "#");
    assertEquals(1, utf8.exitCode());
    assertTrue(utf8.err().contains(test + " is not UTF-8 text") && utf8.err().contains("--encoding ISO-8859-1"),
        utf8.err());
    assertEquals("", utf8.out());
  }

  @Test
  void fitReadsRWriteCsvOutputWithItsIndexColumn() throws Exception {
    // R: write.csv(data.frame(a = c(1, 2, 3), y = c(1, 2, 6)), "t.csv") — quoted names and a row-name column
    Path train = Files.writeString(dir.resolve("t.csv"), "\"\",\"a\",\"y\"\r\n\"1\",1,1\r\n\"2\",2,2\r\n\"3\",3,6\r\n");
    Path model = dir.resolve("m.mlmp");
    // the notice is logged (standard error in the CLI, through logback.xml), so watch the logger
    CliRun r;
    java.util.List<String> logged;
    try (LogCapture log = LogCapture.of(CsvTable.class)) {
      r = CliRun.of("fit", "--model", "mean", "--data", train.toString(), "--target", "y", "--save", model.toString());
      logged = log.messages();
    }
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(3.0, new ObjectMapper().readTree(r.out()).get("mean").asDouble(), 0);
    assertEquals(java.util.List.of("a"), org.mlmp.io.ModelFile.readFeatureNames(model));
    assertEquals(1, logged.size());
    assertTrue(logged.get(0).contains("row.names = FALSE"), logged.get(0));
  }

  @Test
  void badDelimiterAndEncodingAreNamed() throws Exception {
    Path train = Files.writeString(dir.resolve("t.csv"), "a,y\n1,1\n2,2\n");
    CliRun d = CliRun.of("fit", "--model", "mean", "--data", train.toString(), "--target", "y", "--delimiter", ";;");
    assertEquals(1, d.exitCode());
    assertTrue(d.err().contains("The CSV delimiter must be one character (or \\t for a tab). Got ';;' instead"), d.err());
    assertEquals("", d.out());
    CliRun e = CliRun.of("fit", "--model", "mean", "--data", train.toString(), "--target", "y", "--encoding", "klingon");
    assertEquals(1, e.exitCode());
    assertTrue(e.err().contains("Got 'klingon' instead"), e.err());
  }
}
