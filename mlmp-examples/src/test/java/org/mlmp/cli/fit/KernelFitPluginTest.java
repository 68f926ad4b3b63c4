package org.mlmp.cli.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.CliRun;
import org.mlmp.api.Dataset;
import org.mlmp.io.ModelFile;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;
import org.mlmp.pipeline.Pipeline;
import org.mlmp.pipeline.PipelineClassifier;
import org.mlmp.pipeline.PipelineRegressor;
import org.nd4j.linalg.factory.Nd4j;

/** mlmp fit --model krr|svm. */
class KernelFitPluginTest {
  @TempDir Path dir;

  /** 12 rows a, b and y = sin(a) + b (regression). */
  Path train() throws Exception {
    return table("y");
  }

  /** 12 rows a, b and label = 1 if a + b > 1 else 0. */
  Path labelled() throws Exception {
    return table("label");
  }

  private Path table(String target) throws Exception {
    StringBuilder sb = new StringBuilder("a,b," + target + "\n");
    for (int i = 0; i < 12; i++) {
      double a = 0.3 * i, b = Math.cos(i);
      sb.append(a).append(',').append(b).append(',').append(target.equals("y") ? Math.sin(a) + b : (a + b > 1 ? 1 : 0))
          .append('\n');
    }
    return Files.writeString(dir.resolve(target + ".csv"), sb.toString());
  }

  @Test
  void krrJsonMatchesTheLibraryAndPredictsByName() throws Exception {
    Path test = Files.writeString(dir.resolve("p.csv"), "b,a\n0.5,1.0\n-0.2,2.0\n");
    Path saved = dir.resolve("krr.mlmp");
    CliRun r = CliRun.of("fit", "--model", "krr", "--data", train().toString(), "--target", "y", "--kernel", "gaussian",
        "--sigma", "0.7", "--lambda", "0.01", "--predict", test.toString(), "--save", saved.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("krr", j.get("model").asText());
    assertEquals("gaussian", j.get("kernel").get("name").asText());
    assertEquals(12, j.get("dualCoef").size());

    double[][] x = new double[12][2];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {0.3 * i, Math.cos(i)};
      y[i] = Math.sin(0.3 * i) + Math.cos(i);
    }
    KernelRidgeModel m = KernelRidge.of(Gaussian.of(0.7), 0.01).fit(Dataset.of(x, y));
    double[] expected = m.predict(Nd4j.createFromArray(new double[][] {{1.0, 0.5}, {2.0, -0.2}})).toDoubleVector();
    assertArrayEquals(expected, new double[] {j.get("predictions").get(0).asDouble(), j.get("predictions").get(1).asDouble()},
        1e-12);
    assertEquals(m.dualCoef().getDouble(3), j.get("dualCoef").get(3).asDouble(), 1e-12);
    KernelRidgeModel back = ModelFile.load(saved, KernelRidgeModel.class);
    assertEquals(Gaussian.of(0.7), back.kernel());
  }

  @Test
  void svmJsonHasSupportVectorsClassesAndDecisions() throws Exception {
    Path test = Files.writeString(dir.resolve("p.csv"), "a,b\n0.1,0.1\n3.0,1.0\n");
    CliRun r = CliRun.of("fit", "--model", "svm", "--data", labelled().toString(), "--target", "label", "--kernel",
        "polynomial", "--degree", "2", "--coef0", "1", "--C", "10", "--predict", test.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("svm", j.get("model").asText());
    assertEquals(0.0, j.get("classes").get(0).asDouble());
    assertEquals(1.0, j.get("classes").get(1).asDouble());
    assertEquals(j.get("supportIndices").size(), j.get("dualCoef").size());
    assertEquals(j.get("supportIndices").size(), j.get("nSupport").get(0).asInt() + j.get("nSupport").get(1).asInt());
    assertTrue(j.has("intercept"));
    for (int i = 0; i < 2; i++) {
      double d = j.get("decision").get(i).asDouble();
      assertEquals(d > 0 ? 1.0 : 0.0, j.get("predictions").get(i).asDouble(), "decision > 0 means classes[1]");
    }
    assertEquals(0.0, j.get("predictions").get(0).asDouble());
    assertEquals(1.0, j.get("predictions").get(1).asDouble());
    assertEquals("[0,1]", j.get("predictions").toString(), "whole-number labels print as mlmp predict prints them");
  }

  /**
   * --tolerance is LIBSVM's -e: parsed, handed to Svm (the fit equals the library's at that tolerance), printed, and
   * kept in the saved model's trainer; without it the default 0.001.
   */
  @Test
  void svmToleranceIsParsedUsedAndSaved() throws Exception {
    Path saved = dir.resolve("svm.mlmp");
    CliRun r = CliRun.of("fit", "--model", "svm", "--data", labelled().toString(), "--target", "label", "--kernel",
        "gaussian", "--sigma", "0.9", "--C", "3", "--tolerance", "1e-9", "--save", saved.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(1e-9, j.get("tolerance").asDouble(), 0);
    double[][] x = new double[12][2];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {0.3 * i, Math.cos(i)};
      y[i] = 0.3 * i + Math.cos(i) > 1 ? 1 : 0;
    }
    SvmModel tight = Svm.of(Gaussian.of(0.9), 3).withTolerance(1e-9).fit(Dataset.of(x, y));
    SvmModel loose = Svm.of(Gaussian.of(0.9), 3).withTolerance(0.5).fit(Dataset.of(x, y));
    assertEquals(tight.intercept(0), j.get("intercept").asDouble(), 1e-12);
    assertTrue(Math.abs(loose.intercept(0) - tight.intercept(0)) > 1e-6,
        "the tolerance changes the fit, so the comparison above tells which one the command used");
    assertEquals(1e-9, ModelFile.load(saved, SvmModel.class).trainer().tolerance(), 0);

    CliRun d = CliRun.of("fit", "--model", "svm", "--data", labelled().toString(), "--target", "label", "--kernel",
        "gaussian", "--sigma", "0.9", "--C", "3");
    assertEquals(0, d.exitCode(), d.err());
    assertEquals(Svm.DEFAULT_TOLERANCE, new ObjectMapper().readTree(d.out()).get("tolerance").asDouble(), 0);
  }

  @Test
  void badOrMisplacedToleranceIsNamed() throws Exception {
    CliRun bad = CliRun.of("fit", "--model", "svm", "--data", labelled().toString(), "--target", "label", "--kernel",
        "linear", "--C", "1", "--tolerance", "0");
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().contains("The 'tolerance' parameter of Svm must be > 0. Got 0.0 instead."), bad.err());
    CliRun krr = CliRun.of("fit", "--model", "krr", "--data", train().toString(), "--target", "y", "--kernel", "linear",
        "--lambda", "1", "--tolerance", "1e-3");
    assertEquals(1, krr.exitCode());
    assertTrue(krr.err().contains("--tolerance does not apply to --model krr"), krr.err());
  }

  @Test
  void kernelParameterOfAnotherKernelIsAnError() throws Exception {
    CliRun r = CliRun.of("fit", "--model", "krr", "--data", train().toString(), "--target", "y", "--kernel", "linear",
        "--sigma", "1", "--lambda", "1");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--sigma does not apply to --kernel linear (it takes no parameters)."), r.err());
  }

  @Test
  void missingKernelLambdaOrSigmaAreNamed() throws Exception {
    CliRun k = CliRun.of("fit", "--model", "krr", "--data", train().toString(), "--target", "y", "--lambda", "1");
    assertTrue(k.err().contains("--kernel is required for --model krr."), k.err());
    CliRun l = CliRun.of("fit", "--model", "krr", "--data", train().toString(), "--target", "y", "--kernel", "linear");
    assertTrue(l.err().contains("--lambda is required for --model krr."), l.err());
    CliRun s = CliRun.of("fit", "--model", "svm", "--data", labelled().toString(), "--target", "label", "--kernel", "gaussian",
        "--C", "1");
    assertTrue(s.err().contains("--sigma is required for --model --kernel gaussian.") || s.err().contains("--sigma is required"),
        s.err());
    CliRun c = CliRun.of("fit", "--model", "krr", "--data", train().toString(), "--target", "y", "--kernel", "linear",
        "--lambda", "1", "--C", "2");
    assertTrue(c.err().contains("--C does not apply to --model krr"), c.err());
  }

  /** The rows of {@link #table}: a = 0.3 i, b = cos i. */
  private static double[][] rows() {
    double[][] x = new double[12][2];
    for (int i = 0; i < 12; i++) x[i] = new double[] {0.3 * i, Math.cos(i)};
    return x;
  }

  @Test
  void krrWithStandardizeIsFittedSavedAndPredictedAsAPipeline() throws Exception {
    Path test = Files.writeString(dir.resolve("p.csv"), "b,a\n0.5,1.0\n-0.2,2.0\n");
    Path saved = dir.resolve("krr.mlmp");
    String[] common = {"fit", "--model", "krr", "--data", train().toString(), "--target", "y", "--kernel", "gaussian",
        "--sigma", "0.7", "--lambda", "0.01", "--predict", test.toString()};
    CliRun r = CliRun.of(concat(common, "--standardize", "--save", saved.toString()));
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());

    double[][] x = rows();
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) y[i] = Math.sin(x[i][0]) + x[i][1];
    PipelineRegressor p = (PipelineRegressor) Pipeline.standardized(KernelRidge.of(Gaussian.of(0.7), 0.01))
        .fit(Dataset.of(x, y));
    double[] expected = p.predict(Nd4j.createFromArray(new double[][] {{1.0, 0.5}, {2.0, -0.2}})).toDoubleVector();
    assertArrayEquals(expected, new double[] {j.get("predictions").get(0).asDouble(),
        j.get("predictions").get(1).asDouble()}, 0);
    assertEquals(1.65, j.get("standardization").get("mean").get(0).asDouble(), 1e-12); // mean of 0.3 i, i < 12
    assertEquals(((KernelRidgeModel) p.model()).dualCoef().getDouble(3), j.get("dualCoef").get(3).asDouble(), 0);

    assertEquals("pipeline", ModelFile.readState(saved).type());
    PipelineRegressor back = ModelFile.load(saved, PipelineRegressor.class);
    assertEquals(Gaussian.of(0.7), ((KernelRidgeModel) back.model()).kernel());
    JsonNode predicted = new ObjectMapper().readTree(ok(CliRun.of("predict", "--model-file", saved.toString(), "--data",
        test.toString())).out());
    assertEquals(j.get("predictions"), predicted.get("predictions"), "mlmp predict applies the standardisation");
    assertEquals("[\"data.standardization\",\"kernelmethods.kernelridge\"]", predicted.get("pipeline").toString());
    assertEquals("predicted values", predicted.get("output").asText());

    JsonNode unscaled = new ObjectMapper().readTree(ok(CliRun.of(common)).out());
    assertTrue(Math.abs(unscaled.get("predictions").get(0).asDouble() - expected[0]) > 1e-3,
        "--standardize changes the kernel model: " + unscaled.get("predictions") + " vs " + j.get("predictions"));
    assertTrue(!unscaled.has("standardization"));
  }

  @Test
  void svmWithStandardizeSavesAPipelineThatPredictsTheSameLabels() throws Exception {
    Path test = Files.writeString(dir.resolve("p.csv"), "a,b\n0.1,0.1\n3.0,1.0\n1.2,-0.4\n");
    Path saved = dir.resolve("svm.mlmp");
    JsonNode fit = new ObjectMapper().readTree(ok(CliRun.of("fit", "--model", "svm", "--data", labelled().toString(),
        "--target", "label", "--kernel", "gaussian", "--sigma", "1", "--C", "10", "--standardize", "--predict",
        test.toString(), "--save", saved.toString())).out());
    double[][] x = rows();
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) y[i] = x[i][0] + x[i][1] > 1 ? 1 : 0;
    PipelineClassifier p = (PipelineClassifier) Pipeline.standardized(Svm.of(Gaussian.of(1), 10)).fit(Dataset.of(x, y));
    double[] expected = p.predict(Nd4j.createFromArray(new double[][] {{0.1, 0.1}, {3.0, 1.0}, {1.2, -0.4}}))
        .toDoubleVector();
    for (int i = 0; i < 3; i++) assertEquals(expected[i], fit.get("predictions").get(i).asDouble(), 0);
    JsonNode predicted = new ObjectMapper().readTree(ok(CliRun.of("predict", "--model-file", saved.toString(), "--data",
        test.toString())).out());
    for (int i = 0; i < 3; i++) assertEquals(expected[i], predicted.get("predictions").get(i).asDouble(), 0);
    assertEquals("[\"data.standardization\",\"kernelmethods.svm\"]", predicted.get("pipeline").toString());
    assertArrayEquals(expected, ModelFile.load(saved, PipelineClassifier.class)
        .predict(Nd4j.createFromArray(new double[][] {{0.1, 0.1}, {3.0, 1.0}, {1.2, -0.4}})).toDoubleVector(), 0);
  }

  @Test
  void withStandardizeAMissingOptionIsReportedAsWithout() throws Exception {
    CliRun with = CliRun.of("fit", "--model", "krr", "--data", train().toString(), "--target", "y", "--kernel", "linear",
        "--standardize");
    assertEquals(1, with.exitCode());
    assertTrue(with.err().contains("--lambda is required for --model krr."), with.err());
    assertTrue(!with.err().contains("Pipeline"), with.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static CliRun ok(CliRun r) {
    assertEquals(0, r.exitCode(), r.err());
    return r;
  }
}
