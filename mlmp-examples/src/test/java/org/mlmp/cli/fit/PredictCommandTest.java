package org.mlmp.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlmp.cli.CliRun;
import org.mlmp.api.Dataset;
import org.mlmp.decomposition.KernelPca;
import org.mlmp.io.ModelFile;
import org.mlmp.kernel.Gaussian;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Shape;

/** mlmp predict on every kind of model file: what it outputs, and --probabilities where a model has them. */
class PredictCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** 30 rows a, b in three groups; label 0/1/2 (y3) and 0/1 (y2). */
  private Path table() throws Exception {
    StringBuilder sb = new StringBuilder("a,b,y3,y2\n");
    for (int i = 0; i < 30; i++) {
      int c = i % 3;
      double a = 2 * c + 0.3 * Math.sin(7 * i), b = -c + 0.3 * Math.cos(5 * i);
      sb.append(a).append(',').append(b).append(',').append(c).append(',').append(c == 2 ? 1 : 0).append('\n');
    }
    return Files.writeString(dir.resolve("t.csv"), sb.toString());
  }

  private static JsonNode ok(String... args) throws Exception {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), r.err());
    return JSON.readTree(r.out());
  }

  /** Fits {@code model} with {@code options}, saves it, and returns predict's JSON (and fit's "predictions"). */
  private JsonNode[] fitThenPredict(String model, String target, boolean probabilities, String... options)
      throws Exception {
    Path t = table(), saved = dir.resolve(model + ".mlmp");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fit", "--model", model, "--data",
        t.toString(), "--predict", t.toString(), "--save", saved.toString()));
    if (target != null) args.addAll(java.util.List.of("--target", target));
    args.addAll(java.util.List.of(options));
    JsonNode fit = ok(args.toArray(String[]::new));
    JsonNode predict = probabilities
        ? ok("predict", "--model-file", saved.toString(), "--data", t.toString(), "--probabilities")
        : ok("predict", "--model-file", saved.toString(), "--data", t.toString());
    assertEquals(fit.get("predictions"), predict.get("predictions"), "fit --predict and predict agree");
    return new JsonNode[] {predict, fit};
  }

  @Test
  void kmeansGivesClusterLabels() throws Exception {
    JsonNode j = fitThenPredict("kmeans", null, false, "--clusters", "3")[0];
    assertEquals("cluster.kmeans", j.get("model").asText());
    assertEquals("cluster labels (index of the nearest centre)", j.get("output").asText());
    assertEquals(30, j.get("predictions").size());
    assertTrue(j.get("predictions").get(0).isInt());
  }

  @Test
  void gmmGivesLabelsLogDensityAndResponsibilities() throws Exception {
    JsonNode j = fitThenPredict("gmm", null, true, "--components", "3")[0];
    assertEquals("cluster labels (most probable component) and log-density", j.get("output").asText());
    assertEquals(30, j.get("logDensity").size());
    for (int i = 0; i < 30; i++) {
      JsonNode p = j.get("probabilities").get(i);
      assertEquals(3, p.size());
      assertEquals(1.0, p.get(0).asDouble() + p.get(1).asDouble() + p.get(2).asDouble(), 1e-9);
      assertEquals(j.get("predictions").get(i).asInt(), argmax(p));
    }
  }

  @Test
  void pcaGivesTheProjection() throws Exception {
    JsonNode j = fitThenPredict("pca", null, false, "--components", "2")[0];
    assertEquals("projection onto the principal components", j.get("output").asText());
    assertEquals(2, j.get("predictions").get(0).size());
  }

  @ParameterizedTest
  @CsvSource({"logistic,y3,--lambda,0.01", "logistic,y2,--lambda,0.01", "mlp-classifier,y3,--epochs,50",
      "mlp-classifier,y2,--epochs,50"})
  void classifierProbabilitiesSumToOneAndAgreeWithTheLabels(String model, String target, String option, String value)
      throws Exception {
    JsonNode j = fitThenPredict(model, target, true, option, value)[0];
    assertEquals("class labels", j.get("output").asText());
    int k = target.equals("y3") ? 3 : 2;
    assertEquals(k, j.get("classes").size());
    for (int i = 0; i < 30; i++) {
      JsonNode p = j.get("probabilities").get(i);
      assertEquals(k, p.size());
      double sum = 0;
      for (JsonNode v : p) sum += v.asDouble();
      assertEquals(1.0, sum, 1e-5);
      assertEquals(j.get("predictions").get(i), j.get("classes").get(argmax(p)));
    }
  }

  @ParameterizedTest
  @CsvSource({"svm,y2,kernelmethods.svm,--C", "perceptron,y3,linear.perceptron,", "ridge,y3,linear.ridge,"})
  void probabilitiesAreRefusedForModelsWithout(String model, String target, String type, String option) throws Exception {
    Path t = table(), saved = dir.resolve(model + ".mlmp");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fit", "--model", model, "--data",
        t.toString(), "--target", target, "--save", saved.toString()));
    if (model.equals("svm")) args.addAll(java.util.List.of("--kernel", "gaussian", "--sigma", "1", "--C", "1"));
    if (model.equals("ridge")) args.addAll(java.util.List.of("--lambda", "0.1"));
    ok(args.toArray(String[]::new));
    CliRun r = CliRun.of("predict", "--model-file", saved.toString(), "--data", t.toString(), "--probabilities");
    assertEquals(1, r.exitCode());
    assertEquals("", r.out());
    assertTrue(r.err().contains("--probabilities: the model is a " + type + " ("), r.err());
    assertTrue(r.err().contains("which has no probabilities. Models that have them: logistic regression"
        + " (--model logistic), classifier networks (mlp-classifier, cnn, mnist, fashion-mnist), Gaussian mixtures"
        + " (gmm) and pong's policy network. Drop --probabilities for this model."), r.err());
  }

  @Test
  void aNetworkSavedWithoutFeatureNamesAsMnistDoesPredictsFromItsColumnCount() throws Exception {
    Network net = Network.of(Shape.image(1, 3, 3), Loss.CROSS_ENTROPY, Conv2d.of(2, 2, Activation.RELU), Flatten.of(),
        Dense.of(3, Activation.SOFTMAX));
    double[] params = new double[(int) net.parameterCount()];
    for (int i = 0; i < params.length; i++) params[i] = Math.sin(i + 1);
    NeuralNetModel model = NeuralNetModel.withParameters(net, params);
    Path saved = dir.resolve("model.mlmp");
    ModelFile.save(model, saved);
    StringBuilder sb = new StringBuilder("p0,p1,p2,p3,p4,p5,p6,p7,p8\n");
    double[][] x = new double[4][9];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 9; j++) {
        x[i][j] = Math.cos(i * 9 + j);
        sb.append(j == 0 ? "" : ",").append(x[i][j]);
      }
      sb.append('\n');
    }
    Path csv = Files.writeString(dir.resolve("pixels.csv"), sb.toString());
    JsonNode j = ok("predict", "--model-file", saved.toString(), "--data", csv.toString(), "--probabilities");
    assertEquals("nn.network", j.get("model").asText());
    assertEquals("class labels", j.get("output").asText());
    double[] expected = ((org.mlmp.nn.NeuralNetClassifierModel) model)
        .predict(org.nd4j.linalg.factory.Nd4j.createFromArray(x)).toDoubleVector();
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], j.get("predictions").get(i).asDouble());
      assertEquals((int) expected[i], argmax(j.get("probabilities").get(i)));
    }
    Path wrong = Files.writeString(dir.resolve("wrong.csv"), "a,b\n1,2\n");
    CliRun r = CliRun.of("predict", "--model-file", saved.toString(), "--data", wrong.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("was saved without feature names and takes 9 features, but " + wrong + " has 2 columns"),
        r.err());
  }

  @Test
  void kernelPcaGivesTheProjection() throws Exception {
    double[][] x = new double[10][2];
    for (int i = 0; i < 10; i++) x[i] = new double[] {Math.sin(i), Math.cos(2 * i)};
    Path saved = dir.resolve("kpca.mlmp");
    var model = KernelPca.of(Gaussian.of(1.0), 2).fit(Dataset.unlabeled(org.nd4j.linalg.factory.Nd4j.createFromArray(x)));
    ModelFile.save(model, saved, java.util.List.of("u", "v"));
    Path csv = Files.writeString(dir.resolve("uv.csv"), "v,u\n0.5,0.1\n-0.3,0.7\n");
    JsonNode j = ok("predict", "--model-file", saved.toString(), "--data", csv.toString());
    assertEquals("projection onto the kernel principal components", j.get("output").asText());
    double[][] expected = model.transform(org.nd4j.linalg.factory.Nd4j.createFromArray(
        new double[][] {{0.1, 0.5}, {0.7, -0.3}})).toDoubleMatrix();
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) assertEquals(expected[i][k], j.get("predictions").get(i).get(k).asDouble(), 1e-12);
    }
  }

  @Test
  void pongsPolicyGivesTheMostProbableActionAndItsProbabilities() throws Exception {
    Path policy = dir.resolve("pong.mlmp");
    CliRun r = CliRun.of("pong", "--batches", "1", "--points", "2", "--max-steps", "60", "--hidden", "8", "--out",
        dir.toString(), "--save", policy.toString());
    assertEquals(0, r.exitCode(), r.err());
    int n = ((org.mlmp.rl.NetworkPolicy) ModelFile.load(policy)).nFeatures();
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < n; j++) sb.append(j == 0 ? "" : ",").append('s').append(j);
    sb.append('\n');
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < n; j++) sb.append(j == 0 ? "" : ",").append((i + j) % 3 - 1);
      sb.append('\n');
    }
    Path states = Files.writeString(dir.resolve("states.csv"), sb.toString());
    JsonNode j = ok("predict", "--model-file", policy.toString(), "--data", states.toString(), "--probabilities");
    assertEquals("most probable action", j.get("output").asText());
    for (int i = 0; i < 3; i++) {
      JsonNode p = j.get("probabilities").get(i);
      assertEquals(3, p.size());
      assertEquals(1.0, p.get(0).asDouble() + p.get(1).asDouble() + p.get(2).asDouble(), 1e-9);
      assertEquals(argmax(p), j.get("predictions").get(i).asInt());
    }
  }

  private static int argmax(JsonNode p) {
    int best = 0;
    for (int k = 1; k < p.size(); k++) if (p.get(k).asDouble() > p.get(best).asDouble()) best = k;
    return best;
  }
}
