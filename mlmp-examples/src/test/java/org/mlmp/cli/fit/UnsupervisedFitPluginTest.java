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
import org.mlmp.cluster.KMeansModel;
import org.mlmp.io.ModelFile;

/** mlmp fit --model kmeans | gmm | pca on a CSV without a target. */
class UnsupervisedFitPluginTest {
  @TempDir Path dir;

  /** Two tight groups around (0, 0) and (10, 10), four points each. */
  Path twoGroups() throws Exception {
    return Files.writeString(dir.resolve("g.csv"), "u,v\n0,0\n0.2,0\n0,0.2\n0.2,0.2\n10,10\n10.2,10\n10,10.2\n10.2,10.2\n");
  }

  JsonNode ok(CliRun r) throws Exception {
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(1, r.out().trim().lines().count(), "standard output must hold the JSON only:\n" + r.out());
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void kmeansPrintsCentersLabelsAndPredicts() throws Exception {
    Path p = Files.writeString(dir.resolve("p.csv"), "v,u\n9,9\n1,1\n");
    Path save = dir.resolve("km.mlmp");
    JsonNode j = ok(CliRun.of("fit", "--model", "kmeans", "--clusters", "2", "--data", twoGroups().toString(),
        "--predict", p.toString(), "--save", save.toString()));
    assertEquals("kmeans", j.get("model").asText());
    JsonNode labels = j.get("labels");
    assertEquals(8, labels.size());
    for (int i = 1; i < 4; i++) assertEquals(labels.get(0).asInt(), labels.get(i).asInt());
    for (int i = 5; i < 8; i++) assertEquals(labels.get(4).asInt(), labels.get(i).asInt());
    int low = labels.get(0).asInt();
    assertEquals(0.1, j.get("centers").get(low).get(0).asDouble(), 1e-12);
    assertEquals(10.1, j.get("centers").get(1 - low).get(1).asDouble(), 1e-12);
    assertEquals(8 * 0.02, j.get("inertia").asDouble(), 1e-12); // each point is 0.1√2 from its centre
    assertTrue(j.get("silhouette").asDouble() > 0.95);
    assertEquals(1 - low, j.get("predictions").get(0).asInt());
    assertEquals(low, j.get("predictions").get(1).asInt());
    assertEquals(2, ModelFile.load(save, KMeansModel.class).clusters());
  }

  @Test
  void gmmPrintsWeightsMeansAndMeanLogLikelihood() throws Exception {
    JsonNode j = ok(CliRun.of("fit", "--model", "gmm", "--components", "1", "--covariance", "diag", "--data",
        twoGroups().toString()));
    assertEquals(1.0, j.get("weights").get(0).asDouble(), 1e-12);
    assertEquals(5.1, j.get("means").get(0).get(0).asDouble(), 1e-12);
    // ML variance per column: 0.01 + 25 (groups at ±5 from the mean, ±0.1 within) + 1e-6
    double var = 25.01 + 1e-6;
    assertEquals(var, j.get("covariances").get(0).get(0).get(0).asDouble(), 1e-9);
    assertEquals(0.0, j.get("covariances").get(0).get(0).get(1).asDouble(), 0.0);
    // for a Gaussian at its ML fit, the mean log-likelihood is −(d/2)(1 + log 2π) − ½ Σ log σ²_a
    assertEquals(-(1 + Math.log(2 * Math.PI)) - Math.log(var), j.get("meanLogLikelihood").asDouble(), 1e-6);
    assertEquals("diag", j.get("covariance").asText());
  }

  @Test
  void pcaPrintsExplainedVarianceRatio() throws Exception {
    Path line = Files.writeString(dir.resolve("l.csv"), "a,b\n0,0\n1,2\n2,4\n3,6.0001\n");
    JsonNode j = ok(CliRun.of("fit", "--model", "pca", "--data", line.toString()));
    assertEquals(1.0, j.get("explainedVarianceRatio").get(0).asDouble(), 1e-8);
    assertEquals(2, j.get("explainedVarianceRatio").size());
    assertEquals(1 / Math.sqrt(5), Math.abs(j.get("components").get(0).get(0).asDouble()), 1e-4);
    JsonNode one = ok(CliRun.of("fit", "--model", "pca", "--components", "1", "--data", line.toString(),
        "--predict", line.toString()));
    assertEquals(1, one.get("components").size());
    assertEquals(4, one.get("predictions").size());
  }

  @Test
  void missingAndInapplicableOptionsAreErrors() throws Exception {
    Path g = twoGroups();
    CliRun r = CliRun.of("fit", "--model", "kmeans", "--data", g.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--clusters is required for --model kmeans."), r.err());
    r = CliRun.of("fit", "--model", "pca", "--covariance", "full", "--data", g.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--covariance does not apply to --model pca (it takes --components)."), r.err());
    r = CliRun.of("fit", "--model", "gmm", "--components", "2", "--covariance", "spherical", "--data", g.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--covariance must be 'full' or 'diag'. Got 'spherical' instead."), r.err());
    r = CliRun.of("fit", "--model", "gmm", "--components", "2", "--target", "u", "--data", g.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--target does not apply to --model gmm, which is unsupervised."), r.err());
  }
}
