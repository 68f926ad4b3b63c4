package org.mlmp.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.CliRun;

/** The shared contract of mlmp fit, on the baseline model. */
class FitCommandTest {
  @TempDir Path dir;

  Path csv(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void printsOneJsonObjectAndPredictsByColumnName() throws Exception {
    Path train = csv("t.csv", "a,y,b\n1,1,0\n2,2,0\n3,6,1\n");
    Path test = csv("p.csv", "b,a\n5,6\n7,8\n");
    CliRun r = CliRun.of("fit", "--model", "mean", "--data", train.toString(), "--target", "y", "--predict", test.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("mean", j.get("model").asText());
    assertEquals(3.0, j.get("mean").asDouble(), 0);
    assertEquals(2, j.get("predictions").size());
    assertEquals(1, r.out().trim().lines().count(), "standard output must hold the JSON only:\n" + r.out());
  }

  @Test
  void inapplicableOptionIsAnError() throws Exception {
    Path train = csv("t.csv", "a,y\n1,1\n2,2\n");
    CliRun r = CliRun.of("fit", "--model", "mean", "--data", train.toString(), "--target", "y", "--lambda", "0.1");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--lambda does not apply to --model mean (it takes no model options)."), r.err());
    assertEquals("", r.out());
  }

  @Test
  void missingTargetAndUnknownModel() throws Exception {
    Path train = csv("t.csv", "a,y\n1,1\n2,2\n");
    CliRun r = CliRun.of("fit", "--model", "mean", "--data", train.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--target is required for --model mean"), r.err());
    CliRun u = CliRun.of("fit", "--model", "nope", "--data", train.toString());
    assertEquals(1, u.exitCode());
    assertTrue(u.err().contains("--model must be one of [") && u.err().contains("Got 'nope' instead."), u.err());
  }

  @Test
  void badCsvGivesOneLine() throws Exception {
    Path train = csv("t.csv", "a,y\n1,1\n2\n");
    CliRun r = CliRun.of("fit", "--model", "mean", "--data", train.toString(), "--target", "y");
    assertEquals(1, r.exitCode());
    assertEquals(1, r.err().trim().lines().count(), r.err());
    assertTrue(r.err().contains("line 3: 1 cells, but the header has 2 columns"), r.err());
  }

  @Test
  void savedModelKeepsPredictionsAndFeatureNames() throws Exception {
    Path train = csv("t.csv", "a,y\n1,1\n2,2\n");
    Path model = dir.resolve("m.mlmp");
    CliRun r = CliRun.of("fit", "--model", "mean", "--data", train.toString(), "--target", "y", "--save", model.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(java.util.List.of("a"), org.mlmp.io.ModelFile.readFeatureNames(model));
  }
}
