package org.mlmp.cli.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Dataset;
import org.mlmp.api.Regressor;
import org.mlmp.cli.CliRun;
import org.mlmp.data.CsvOptions;
import org.mlmp.data.CsvTable;
import org.mlmp.io.ModelFile;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.selection.ConfigurationScore;
import org.mlmp.selection.Grid;
import org.mlmp.selection.GridSearch;
import org.mlmp.selection.GridSearchResult;

/** {@code mlmp cv}: its JSON equal to {@link GridSearch#run}'s result, --save's refit, and the bad-input messages. */
class CvCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** n rows x1,x2,y with y = sin(3·x1) + x2/2 + noise. */
  Path csv(int n, long seed) throws Exception {
    StringBuilder s = new StringBuilder("x1,x2,y\n");
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      double a = 2 * r.nextDouble() - 1, b = 2 * r.nextDouble() - 1;
      s.append(a).append(',').append(b).append(',').append(Math.sin(3 * a) + b / 2 + 0.05 * r.nextGaussian())
          .append('\n');
    }
    return Files.writeString(dir.resolve("train.csv"), s);
  }

  @Test
  void printsEveryConfigurationsScoresAsGridSearchAndSavesTheRefit() throws Exception {
    Path train = csv(40, 1), model = dir.resolve("best.mlmp");
    CliRun r = CliRun.of("cv", "--model", "krr", "--grid", "lambda=1e-3,0.1", "--grid", "kernel.sigma=0.3,1", "--data",
        train.toString(), "--target", "y", "--folds", "4", "--seed", "3", "--save", model.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = JSON.readTree(r.out());
    Dataset d = CsvTable.readWithTarget(train, CsvOptions.DEFAULT, "y").toDataset("y");
    GridSearch search = GridSearch.of(Grid.expand(KernelRidge.of(Gaussian.of(1), 1), "lambda=1e-3,0.1;kernel.sigma=0.3,1"),
        4, 3);
    GridSearchResult expected = search.run(d);
    assertEquals("krr", j.get("model").asText());
    assertEquals(4, j.get("folds").asInt());
    assertEquals(3, j.get("seed").asLong());
    assertEquals("rmse", j.get("scoring").asText());
    assertEquals(4, j.get("configurations").size());
    for (int c = 0; c < 4; c++) {
      ConfigurationScore e = expected.scores().get(c);
      JsonNode a = j.get("configurations").get(c);
      assertEquals(c, a.get("index").asInt());
      KernelRidge k = (KernelRidge) e.configuration();
      assertEquals(k.lambda(), a.get("parameters").get("lambda").asDouble(), 0.0);
      assertEquals(((Gaussian) k.kernel()).sigma(), a.get("parameters").get("kernel.sigma").asDouble(), 0.0);
      assertEquals(e.mean(), a.get("mean").asDouble(), 0.0);
      assertEquals(e.std(), a.get("std").asDouble(), 0.0);
      double[] folds = new double[4];
      for (int f = 0; f < 4; f++) folds[f] = a.get("foldScores").get(f).asDouble();
      assertArrayEquals(e.foldScores(), folds, 0.0);
    }
    assertEquals(j.get("configurations").get(expected.bestIndex()), j.get("best"));
    double[] saved = ((Regressor) ModelFile.load(model)).predict(d.x()).toDoubleVector();
    double[] refit = ((Regressor) search.refit(expected, d)).predict(d.x()).toDoubleVector();
    assertArrayEquals(refit, saved, 0.0, "--save writes the best configuration refitted on all rows");
  }

  @Test
  void ridgeWithAScoring() throws Exception {
    Path train = csv(30, 2);
    CliRun r = CliRun.of("cv", "--model", "ridge", "--grid", "lambda=0.01,1,100", "--data", train.toString(), "--target",
        "y", "--scoring", "r2");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertEquals("r2", j.get("scoring").asText());
    assertEquals(5, j.get("folds").asInt());
    assertEquals(List.of(0.01, 1.0, 100.0), List.of(j.get("configurations").get(0).get("parameters").get("lambda")
        .asDouble(), j.get("configurations").get(1).get("parameters").get("lambda").asDouble(),
        j.get("configurations").get(2).get("parameters").get("lambda").asDouble()));
  }

  void fails(String message, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains(message), r.err());
  }

  @Test
  void badInputIsNamed() throws Exception {
    String data = csv(6, 3).toString();
    fails("--folds must be >= 2 (each row is held out by one of K >= 2 folds). Got 1 instead; 5 or 10 are usual.",
        "cv", "--model", "ridge", "--grid", "lambda=1", "--data", data, "--target", "y", "--folds", "1");
    fails("--folds 7 is more than the 6 rows of " + data + "; use --folds <= 6.",
        "cv", "--model", "ridge", "--grid", "lambda=1", "--data", data, "--target", "y", "--folds", "7");
    fails("--grid: The grid names 'alpha', but Ridge has no component 'alpha'; its components are [lambda,"
        + " fitIntercept, standardize, solver, precision].",
        "cv", "--model", "ridge", "--grid", "lambda=1", "--grid", "alpha=1,2", "--data", data, "--target", "y");
    fails("--grid: The grid axis 'lambda=' must be name=value1,value2,..., e.g. 'lambda=0.1,1,10'.",
        "cv", "--model", "ridge", "--grid", "lambda=", "--data", data, "--target", "y");
    fails("--grid must name kernel.sigma for --model svm --kernel gaussian (it has no default), e.g. --grid"
        + " kernel.sigma=0.1,1,10.", "cv", "--model", "svm", "--grid", "c=1,10", "--data", data, "--target", "y");
    fails("--model must be one of [ridge, lasso, logistic, krr, svm] for mlmp cv. Got 'tree' instead.",
        "cv", "--model", "tree", "--grid", "lambda=1", "--data", data, "--target", "y");
    fails("--kernel does not apply to --model ridge (only to krr and svm).",
        "cv", "--model", "ridge", "--kernel", "linear", "--grid", "lambda=1", "--data", data, "--target", "y");
  }
}
