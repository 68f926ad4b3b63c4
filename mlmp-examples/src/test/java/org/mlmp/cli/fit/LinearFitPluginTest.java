package org.mlmp.cli.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlmp.cli.CliRun;
import org.mlmp.data.CsvTable;
import org.mlmp.api.Dataset;
import org.mlmp.linear.ElasticNet;
import org.mlmp.linear.Ridge;

/** mlmp fit for the linear family: issue 3's JSON contract. */
class LinearFitPluginTest {
  @TempDir Path dir;
  static final ObjectMapper JSON = new ObjectMapper();

  /** Columns a, y, b, c (target in the middle); y = 1 + 2a − 3b + 0.5c + noise·ε. */
  Path regressionCsv(double noise) throws Exception {
    Random r = new Random(3);
    StringBuilder s = new StringBuilder("a,y,b,c\n");
    for (int i = 0; i < 30; i++) {
      double a = r.nextGaussian(), b = 10 + 5 * r.nextGaussian(), c = r.nextGaussian();
      double y = 1 + 2 * a - 3 * b + 0.5 * c + noise * r.nextGaussian();
      s.append(a).append(',').append(y).append(',').append(b).append(',').append(c).append('\n');
    }
    return Files.writeString(dir.resolve("train.csv"), s.toString());
  }

  /** Two features, labels from {2, 5, 9} by region (plus a "label" column). */
  Path classesCsv(boolean threeClasses) throws Exception {
    Random r = new Random(5);
    StringBuilder s = new StringBuilder("u,label,v\n");
    for (int i = 0; i < 60; i++) {
      double u = r.nextGaussian(), v = r.nextGaussian();
      int label = threeClasses ? (u > 0.5 ? 9 : v > 0 ? 5 : 2) : (u + v > 0 ? 1 : -1);
      s.append(u).append(',').append(label).append(',').append(v).append('\n');
    }
    return Files.writeString(dir.resolve(threeClasses ? "c3.csv" : "c2.csv"), s.toString());
  }

  static JsonNode ok(CliRun r) throws Exception {
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(1, r.out().trim().lines().count(), "standard output must hold one JSON object:\n" + r.out());
    return JSON.readTree(r.out());
  }

  static double[] doubles(JsonNode a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
    return v;
  }

  @Test
  void olsReportsCoefPerFeatureInFileOrderAndTheIntercept() throws Exception {
    JsonNode j = ok(CliRun.of("fit", "--model", "ols", "--data", regressionCsv(0).toString(), "--target", "y"));
    assertEquals("ols", j.get("model").asText());
    assertArrayEquals(new double[] {2, -3, 0.5}, doubles(j.get("coef")), 1e-12);
    assertEquals(1, j.get("intercept").asDouble(), 1e-11);
  }

  @Test
  void standardizeReportsRawColumnCoefficientsAndMatchesTheLibraryExactly() throws Exception {
    Path csv = regressionCsv(0.5);
    JsonNode j = ok(CliRun.of("fit", "--model", "ridge", "--lambda", "0.2", "--standardize", "--data", csv.toString(),
        "--target", "y"));
    Dataset d = CsvTable.read(csv).toDataset("y");
    var m = Ridge.of(0.2).withStandardize(true).fit(d);
    assertArrayEquals(m.coef(), doubles(j.get("coef")), 0, "JSON doubles must round-trip exactly");
    assertEquals(m.intercept(), j.get("intercept").asDouble(), 0);
    // OLS does not depend on the scaling: the same raw-column coefficients with and without --standardize
    JsonNode a = ok(CliRun.of("fit", "--model", "ols", "--data", csv.toString(), "--target", "y"));
    JsonNode b = ok(CliRun.of("fit", "--model", "ols", "--standardize", "--data", csv.toString(), "--target", "y"));
    assertArrayEquals(doubles(a.get("coef")), doubles(b.get("coef")), 1e-12);
  }

  @Test
  void elasticNetUsesTheCourseLambdaAndL1Fraction() throws Exception {
    Path csv = regressionCsv(0.5);
    JsonNode j = ok(CliRun.of("fit", "--model", "elastic-net", "--lambda", "0.3", "--l1-fraction", "0.7", "--data",
        csv.toString(), "--target", "y"));
    var m = ElasticNet.of(0.3, 0.7).fit(CsvTable.read(csv).toDataset("y"));
    assertArrayEquals(m.coef(), doubles(j.get("coef")), 0);
  }

  @ParameterizedTest
  @CsvSource({"ridge, --lambda", "lasso, --lambda", "elastic-net, --lambda", "l0, --lambda", "logistic, --lambda",
      "gd, --learning-rate"})
  void requiredHyperParameterIsNamed(String model, String option) throws Exception {
    Path csv = model.equals("logistic") ? classesCsv(false) : regressionCsv(0.1);
    String target = model.equals("logistic") ? "label" : "y";
    String[] args = model.equals("elastic-net")
        ? new String[] {"fit", "--model", model, "--l1-fraction", "0.5", "--data", csv.toString(), "--target", target}
        : new String[] {"fit", "--model", model, "--data", csv.toString(), "--target", target};
    CliRun r = CliRun.of(args);
    assertEquals(1, r.exitCode());
    assertEquals("mlmp fit: " + option + " is required for --model " + model + ".", r.err().trim());
    assertEquals("", r.out());
  }

  @Test
  void elasticNetWithoutL1FractionIsAnError() throws Exception {
    CliRun r = CliRun.of("fit", "--model", "elastic-net", "--lambda", "0.1", "--data", regressionCsv(0.1).toString(),
        "--target", "y");
    assertEquals(1, r.exitCode());
    assertEquals("mlmp fit: --l1-fraction is required for --model elastic-net.", r.err().trim());
  }

  @ParameterizedTest
  @CsvSource({"ridge, --l1-fraction, 0.5, '--lambda, --no-intercept, --standardize'",
      "ols, --lambda, 1, '--no-intercept, --standardize'",
      "perceptron, --learning-rate, 0.1, '--no-intercept, --standardize'"})
  void inapplicableFlagIsRejected(String model, String flag, String value, String takes) throws Exception {
    CliRun r = CliRun.of("fit", "--model", model, flag, value, "--data", regressionCsv(0).toString(),
        "--target", "y");
    assertEquals(1, r.exitCode());
    assertEquals("mlmp fit: " + flag + " does not apply to --model " + model + " (it takes " + takes + ").", r.err().trim());
  }

  @Test
  void gradientDescentDivergenceIsReportedWithAStableLearningRate() throws Exception {
    CliRun r = CliRun.of("fit", "--model", "gd", "--learning-rate", "0.5", "--data", regressionCsv(0.1).toString(),
        "--target", "y");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith("mlmp fit: GradientDescent diverged at iteration "), r.err());
    assertTrue(r.err().contains("so gradient descent is stable only for learningRate < 2/λ_max = "), r.err());
    JsonNode j = ok(CliRun.of("fit", "--model", "gd", "--learning-rate", "0.5", "--standardize", "--data",
        regressionCsv(0).toString(), "--target", "y"));
    assertArrayEquals(new double[] {2, -3, 0.5}, doubles(j.get("coef")), 1e-5);
  }

  @Test
  void multiClassLogisticReportsSortedClassesMatrixCoefAndOriginalLabels() throws Exception {
    Path csv = classesCsv(true);
    JsonNode j = ok(CliRun.of("fit", "--model", "logistic", "--lambda", "0.001", "--data", csv.toString(), "--target",
        "label", "--predict", csv.toString()));
    assertEquals("[2,5,9]", j.get("classes").toString());
    assertEquals(3, j.get("coef").size());
    assertEquals(2, j.get("coef").get(0).size());
    assertEquals(3, j.get("intercept").size());
    JsonNode p = j.get("predictions");
    assertEquals(60, p.size());
    int right = 0;
    var t = CsvTable.read(csv).toDataset("label").y().toDoubleVector();
    for (int i = 0; i < 60; i++) {
      assertTrue(p.get(i).isIntegralNumber() && java.util.Set.of(2, 5, 9).contains(p.get(i).asInt()), p.toString());
      if (p.get(i).asInt() == (int) t[i]) right++;
    }
    assertTrue(right >= 54, "training accuracy " + right + "/60");
  }

  @Test
  void binaryPerceptronReportsAFlatCoefAndSeparates() throws Exception {
    Path csv = classesCsv(false);
    JsonNode j = ok(CliRun.of("fit", "--model", "perceptron", "--data", csv.toString(), "--target", "label", "--predict",
        csv.toString()));
    assertEquals("[-1,1]", j.get("classes").toString());
    assertEquals(2, j.get("coef").size());
    assertTrue(j.get("intercept").isNumber());
    var t = CsvTable.read(csv).toDataset("label").y().toDoubleVector();
    for (int i = 0; i < 60; i++) assertEquals((int) t[i], j.get("predictions").get(i).asInt(), "row " + i);
  }

  @Test
  void l0ReportsTheExactMethod() throws Exception {
    JsonNode j = ok(CliRun.of("fit", "--model", "l0", "--lambda", "0.01", "--data", regressionCsv(0.1).toString(),
        "--target", "y"));
    assertEquals("best-subset", j.get("method").asText());
    assertEquals(3, j.get("coef").size());
  }

  @Test
  void savedModelPredictsTheSameThroughMlmpPredict() throws Exception {
    Path csv = regressionCsv(0.3);
    Path model = dir.resolve("lasso.mlmp");
    // the new file has the columns in another order and keeps a target column, which is ignored
    Path fresh = Files.writeString(dir.resolve("new.csv"), "c,b,y,a\n1,2,99,3\n-1,11,0,0.5\n");
    JsonNode fit = ok(CliRun.of("fit", "--model", "lasso", "--lambda", "0.05", "--standardize", "--data", csv.toString(),
        "--target", "y", "--predict", fresh.toString(), "--save", model.toString()));
    JsonNode pred = ok(CliRun.of("predict", "--model-file", model.toString(), "--data", fresh.toString()));
    assertEquals("linear.lasso", pred.get("model").asText());
    assertEquals(fit.get("predictions"), pred.get("predictions"));
    double[] c = doubles(fit.get("coef"));
    assertEquals(fit.get("intercept").asDouble() + 3 * c[0] + 2 * c[1] + 1 * c[2], pred.get("predictions").get(0).asDouble(),
        1e-12);
  }

  @Test
  void savedClassifierPredictsOriginalLabels() throws Exception {
    Path csv = classesCsv(true);
    Path model = dir.resolve("p.mlmp");
    JsonNode fit = ok(CliRun.of("fit", "--model", "logistic", "--lambda", "0.01", "--data", csv.toString(), "--target",
        "label", "--predict", csv.toString(), "--save", model.toString()));
    JsonNode pred = ok(CliRun.of("predict", "--model-file", model.toString(), "--data", csv.toString()));
    assertEquals(fit.get("predictions"), pred.get("predictions"));
  }

  @Test
  void predictNamesAMissingColumnAndAMissingFile() throws Exception {
    Path model = dir.resolve("o.mlmp");
    ok(CliRun.of("fit", "--model", "ols", "--data", regressionCsv(0.3).toString(), "--target", "y", "--save",
        model.toString()));
    Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n");
    CliRun r = CliRun.of("predict", "--model-file", model.toString(), "--data", bad.toString());
    assertEquals(1, r.exitCode());
    assertEquals("mlmp predict: CSV file " + bad + " has no column 'c'; its columns are [a, b].", r.err().trim());
    CliRun m = CliRun.of("predict", "--model-file", dir.resolve("none.mlmp").toString(), "--data", bad.toString());
    assertEquals(1, m.exitCode());
    assertEquals("mlmp predict: Model file " + dir.resolve("none.mlmp") + " does not exist. Check the path, or give an"
        + " absolute one.", m.err().trim());
  }

  @Test
  void l0BeyondTheExactLimitUsesForwardSelectionAndSaysSo() throws Exception {
    Random r = new Random(9);
    StringBuilder s = new StringBuilder();
    for (int j = 0; j < 30; j++) s.append("f").append(j).append(',');
    s.append("y\n");
    for (int i = 0; i < 80; i++) {
      double[] x = new double[30];
      for (int j = 0; j < 30; j++) {
        x[j] = r.nextGaussian();
        s.append(x[j]).append(',');
      }
      s.append(2 * x[4] - x[20] + 0.1 * r.nextGaussian()).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("wide.csv"), s.toString());
    JsonNode j = ok(CliRun.of("fit", "--model", "l0", "--lambda", "0.01", "--data", csv.toString(), "--target", "y"));
    assertEquals("forward-selection", j.get("method").asText());
    double[] c = doubles(j.get("coef"));
    for (int k = 0; k < 30; k++) assertEquals(k == 4 || k == 20, c[k] != 0, "feature " + k);
  }

  @Test
  void gradientDescentReportsItsIterations() throws Exception {
    JsonNode j = ok(CliRun.of("fit", "--model", "gd", "--learning-rate", "0.3", "--standardize", "--data",
        regressionCsv(0.2).toString(), "--target", "y"));
    assertTrue(j.get("iterations").asInt() > 1);
  }

  @Test
  void predictWithAModelSavedWithoutFeatureNamesUsesTheColumnsInOrder() throws Exception {
    Dataset d = CsvTable.read(regressionCsv(0.3)).toDataset("y");
    var m = Ridge.of(0.1).fit(d);
    Path model = dir.resolve("plain.mlmp");
    org.mlmp.io.ModelFile.save(m, model);
    Path rows = Files.writeString(dir.resolve("rows.csv"), "p,q,r\n1,2,3\n");
    JsonNode j = ok(CliRun.of("predict", "--model-file", model.toString(), "--data", rows.toString()));
    double[] c = m.coef();
    assertEquals(m.intercept() + c[0] + 2 * c[1] + 3 * c[2], j.get("predictions").get(0).asDouble(), 1e-12);
    Path two = Files.writeString(dir.resolve("two.csv"), "p,q\n1,2\n");
    CliRun r = CliRun.of("predict", "--model-file", model.toString(), "--data", two.toString());
    assertEquals(1, r.exitCode());
    assertEquals("mlmp predict: the model " + model + " was saved without feature names and takes 3 features, but "
        + two + " has 2 columns [p, q].", r.err().trim());
  }
}
