package org.mlmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Dataset;
import org.mlmp.io.ModelFile;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Loss;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.testing.OnnxRuntimeCheck;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** mlmp export: a saved network becomes an ONNX file that ONNX Runtime runs; other models are refused. */
class ExportCommandTest {
  @TempDir Path dir;

  /** 1×6×6 images of random pixels in [0, 3); the class (4, 6 or 9) is the brightest third of the rows. */
  static Dataset images(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][36];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double[] sums = new double[3];
      for (int j = 0; j < 36; j++) {
        x[i][j] = 3 * r.nextDouble();
        sums[j / 12] += x[i][j];
      }
      y[i] = sums[0] >= sums[1] && sums[0] >= sums[2] ? 4 : sums[1] >= sums[2] ? 6 : 9;
    }
    return Dataset.of(x, y);
  }

  @Test
  void exportsASavedCnnThatOnnxRuntimeRuns() throws Exception {
    Network net = Network.of(Shape.image(1, 6, 6), Loss.CROSS_ENTROPY, Conv2d.of(3, 3, Activation.RELU).withPadding(1),
        MaxPool.of(2), Flatten.of(), Dense.of(3, Activation.SOFTMAX));
    NeuralNetModel trained = NeuralNet.of(net, Optimizer.Adam.of(1e-2)).withEpochs(3).withBatchSize(16).withSeed(1)
        .withValidation(0, 0)
        .fit(images(150, 1));
    Path modelFile = dir.resolve("cnn.mlmp"), onnx = dir.resolve("out/cnn.onnx");
    ModelFile.save(trained, modelFile);

    CliRun r = CliRun.of("export", "--model-file", modelFile.toString(), "--onnx", onnx.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("nn.network", j.get("model").asText());
    assertEquals(onnx.toAbsolutePath().toString(), j.get("onnx").asText());
    assertEquals(13, j.get("opset").asInt());
    assertEquals("[\"N\",36]", j.get("input").get("shape").toString());
    assertEquals("[\"N\",3]", j.get("output").get("shape").toString());
    assertEquals("[4.0,6.0,9.0]", j.get("classes").toString());
    assertEquals(1, r.out().trim().lines().count(), "standard output must hold the JSON only:\n" + r.out());

    NeuralNetModel loaded = ModelFile.load(modelFile, NeuralNetModel.class);
    INDArray x = images(40, 2).x();
    OnnxRuntimeCheck.assertMatches(loaded, onnx, x);
  }

  @Test
  void aModelThatIsNotANetworkIsRefusedAndNothingIsWritten() throws Exception {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,y\n1,1\n2,2\n");
    Path modelFile = dir.resolve("mean.mlmp");
    CliRun fit = CliRun.of("fit", "--model", "mean", "--data", csv.toString(), "--target", "y", "--save",
        modelFile.toString());
    assertEquals(0, fit.exitCode(), fit.err());
    Path onnx = dir.resolve("mean.onnx"), kept = Files.writeString(dir.resolve("kept.onnx"), "earlier file");

    CliRun r = CliRun.of("export", "--model-file", modelFile.toString(), "--onnx", onnx.toString());
    assertEquals(1, r.exitCode());
    assertEquals("mlmp export: " + modelFile + " holds a 'baseline.mean' model (MeanModel), which cannot be exported to "
        + "ONNX: only neural networks (type 'nn.network', a NeuralNetModel, as mlmp mnist and mlmp fashion-mnist save) "
        + "can. Give the model file of a network.", r.err().trim());
    assertEquals("", r.out());
    assertFalse(Files.exists(onnx));

    CliRun again = CliRun.of("export", "--model-file", modelFile.toString(), "--onnx", kept.toString());
    assertEquals(1, again.exitCode());
    assertEquals("earlier file", Files.readString(kept), "a failed export leaves an existing file as it was");
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }

  @Test
  void missingOptionsAreBadUsage() {
    CliRun r = CliRun.of("export", "--onnx", dir.resolve("x.onnx").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("Missing required option: '--model-file=FILE'"), r.err());
  }
}
