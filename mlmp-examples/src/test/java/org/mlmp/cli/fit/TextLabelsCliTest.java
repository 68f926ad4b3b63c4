package org.mlmp.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlmp.cli.CliRun;
import org.mlmp.testing.IrisLike;

/**
 * mlmp fit and mlmp predict with a target column of class names (issue 12): "classes" lists the names, predictions
 * (and --probabilities' columns) are named by class, and a file holding the names column predicts as well.
 */
class TextLabelsCliTest {
  @TempDir Path dir;
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> SPECIES = IrisLike.SPECIES;

  private static List<String> texts(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(v -> {
      assertTrue(v.isTextual(), "a class name, not a number: " + v);
      out.add(v.asText());
    });
    return out;
  }

  private static double agreement(List<String> predicted, List<String> truth) {
    int same = 0;
    for (int i = 0; i < predicted.size(); i++) if (predicted.get(i).equals(truth.get(i))) same++;
    return (double) same / predicted.size();
  }

  private static List<String> species(List<String> rows) {
    return rows.stream().map(r -> r.substring(r.lastIndexOf(',') + 1)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "logistic | --lambda 0.01 --standardize",
      "perceptron | --standardize",
      "svm | --kernel gaussian --sigma 1 --C 1",
      "mlp-classifier | --layers 8 --epochs 60 --standardize --learning-rate 0.05"})
  void fitAndPredictPrintTheSpeciesNames(String model, String options) throws Exception {
    Path train = IrisLike.write(dir.resolve("train.csv"), 30, 1), test = IrisLike.write(dir.resolve("test.csv"), 10, 2);
    Path saved = dir.resolve(model + ".mlmp");
    List<String> args = new ArrayList<>(List.of("fit", "--model", model, "--data", train.toString(), "--target",
        "species", "--predict", test.toString(), "--save", saved.toString()));
    args.addAll(List.of(options.trim().split(" +")));
    JsonNode fit = LinearFitPluginTest.ok(CliRun.of(args.toArray(String[]::new)));
    assertEquals(SPECIES, texts(fit.get("classes")));
    List<String> truth = species(IrisLike.rows(10, 2));
    List<String> predicted = texts(fit.get("predictions"));
    assertTrue(agreement(predicted, truth) >= 0.9, model + ": " + predicted);
    // the test file still holds its species column (text): only the model's features are read as numbers
    JsonNode pred = LinearFitPluginTest.ok(CliRun.of("predict", "--model-file", saved.toString(), "--data",
        test.toString()));
    assertEquals("class labels", pred.get("output").asText());
    assertEquals(predicted, texts(pred.get("predictions")));
    if (model.equals("svm")) {
      assertEquals(List.of("setosa", "versicolor"), texts(fit.get("pairs").get(0)));
    }
  }

  @Test
  void probabilitiesAreColumnsNamedByClass() throws Exception {
    Path train = IrisLike.write(dir.resolve("train.csv"), 30, 1), test = IrisLike.write(dir.resolve("test.csv"), 4, 3);
    Path saved = dir.resolve("logistic.mlmp");
    LinearFitPluginTest.ok(CliRun.of("fit", "--model", "logistic", "--lambda", "0.01", "--standardize", "--data",
        train.toString(), "--target", "species", "--save", saved.toString()));
    JsonNode pred = LinearFitPluginTest.ok(CliRun.of("predict", "--model-file", saved.toString(), "--data",
        test.toString(), "--probabilities"));
    assertEquals(SPECIES, texts(pred.get("classes")));
    assertEquals(12, pred.get("probabilities").size());
    for (int i = 0; i < 12; i++) {
      JsonNode row = pred.get("probabilities").get(i);
      int best = 0;
      for (int k = 1; k < 3; k++) if (row.get(k).asDouble() > row.get(best).asDouble()) best = k;
      assertEquals(pred.get("classes").get(best).asText(), pred.get("predictions").get(i).asText(),
          "the most probable column is the predicted class");
    }
  }

  @Test
  void anEmptySpeciesCellNamesTheLineAndTheFix() throws Exception {
    List<String> lines = new ArrayList<>(List.of(IrisLike.HEADER));
    lines.addAll(IrisLike.rows(5, 1));
    lines.set(2, lines.get(2).substring(0, lines.get(2).lastIndexOf(',') + 1));
    Path f = Files.write(dir.resolve("holes.csv"), lines);
    CliRun r = CliRun.of("fit", "--model", "logistic", "--lambda", "0.01", "--data", f.toString(), "--target",
        "species");
    assertEquals(1, r.exitCode());
    assertEquals("mlmp fit: CSV file " + f + ", line 3, column 'species': empty cell (missing value). Remove or fill"
        + " the row.", r.err().trim());
  }

  /** Reading the target as text does not change the message for a target column the file lacks. */
  @Test
  void aMissingTargetColumnIsNamedAsBefore() throws Exception {
    Path train = Files.writeString(dir.resolve("ab.csv"), "a,b\n1,2\n3,4\n");
    CliRun r = CliRun.of("fit", "--model", "logistic", "--lambda", "0.01", "--data", train.toString(), "--target",
        "kind");
    assertEquals(1, r.exitCode());
    assertEquals("mlmp fit: CSV file " + train + " has no column 'kind'; its columns are [a, b].", r.err().trim());
  }
}
