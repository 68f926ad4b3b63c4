package org.mlmp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.Main;
import org.mlmp.io.ModelFile;
import org.mlmp.nn.NeuralNetClassifierModel;
import org.mlmp.testing.LogCapture;

/** {@code mlmp spark train}: fit's options and JSON with Spark's steps; the messages for a missing Spark or master. */
class SparkTrainCommandTest {
  /** The exit code, standard output and standard error of one in-process run of mlmp, and what SparkRun logged. */
  record MlmpRun(int code, String out, String err, java.util.List<String> log) {}

  static MlmpRun mlmp(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    try (LogCapture log = LogCapture.of(SparkRun.class)) {
      int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
      return new MlmpRun(code, out.toString(), err.toString(), log.messages());
    }
  }

  /** 60 rows of two Gaussian blobs in 3 columns, labels 3 / 7, as a CSV with a header. */
  static Path blobsCsv(Path dir) throws Exception {
    StringBuilder s = new StringBuilder("x1,x2,x3,y\n");
    Random r = new Random(1);
    for (int i = 0; i < 60; i++) {
      int c = i % 2;
      s.append(r.nextGaussian() + 2.5 * c).append(',').append(r.nextGaussian()).append(',')
          .append(r.nextGaussian() - 2.5 * c).append(',').append(c == 0 ? 3 : 7).append('\n');
    }
    Path f = dir.resolve("blobs.csv");
    Files.writeString(f, s);
    return f;
  }

  @Test
  void trainsANetworkWithFitsOptionsAndWritesAModelFile(@TempDir Path dir) throws Exception {
    Path csv = blobsCsv(dir), model = dir.resolve("model.mlmp");
    MlmpRun r = mlmp("spark", "train", "--master", "local[2]", "--partitions", "2", "--model", "mlp-classifier", "--data",
        csv.toString(), "--target", "y", "--layers", "8", "--epochs", "15", "--batch", "16", "--learning-rate", "0.01",
        "--seed", "3", "--save", model.toString());
    java.util.List<String> logged = r.log();
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("mlp-classifier", json.get("model").asText());
    assertEquals(15, json.path("training").path("epochs").asInt());
    assertTrue(json.path("training").path("trainAccuracy").asDouble() > 0.9, r.out());
    NeuralNetClassifierModel m = ModelFile.load(model, NeuralNetClassifierModel.class);
    assertEquals(3, m.nFeatures());
    assertEquals(java.util.List.of(3.0, 7.0), java.util.Arrays.stream(m.classes()).boxed().toList());
    assertEquals("training on Spark local[2] with 2 partitions, synchronous steps", logged.get(0));
    assertEquals(16, logged.size(), logged.toString());
    assertTrue(logged.get(15).startsWith("epoch 15/15: loss "), logged.toString());
    MlmpRun predicted = mlmp("predict", "--model-file", model.toString(), "--data", csv.toString());
    assertEquals(0, predicted.code(), predicted.err());
  }

  @Test
  void validationIsScoredOnTheDriverAndReported(@TempDir Path dir) throws Exception {
    Path csv = blobsCsv(dir);
    MlmpRun r = mlmp("spark", "train", "--master", "local[2]", "--partitions", "2", "--model", "mlp-classifier", "--data",
        csv.toString(), "--target", "y", "--layers", "8", "--epochs", "6", "--batch", "16", "--learning-rate", "0.01",
        "--validation", "0.25");
    java.util.List<String> logged = r.log();
    assertEquals(0, r.code(), r.err());
    JsonNode training = new ObjectMapper().readTree(r.out()).path("training");
    assertTrue(training.path("validationLoss").isNumber() && training.path("validationAccuracy").isNumber(), r.out());
    assertTrue(logged.get(1).matches("epoch 1/6: loss [0-9.]+, validation loss [0-9.]+, validation error [0-9.]+ %, .*"),
        logged.get(1));
  }

  @Test
  void averagingFrequencyTrainsWithLocalSteps(@TempDir Path dir) throws Exception {
    Path csv = blobsCsv(dir);
    MlmpRun r = mlmp("spark", "train", "--master", "local[2]", "--partitions", "2", "--averaging-frequency", "2", "--model",
        "mlp-classifier", "--data", csv.toString(), "--target", "y", "--layers", "8", "--epochs", "15", "--batch", "8",
        "--learning-rate", "0.01", "--seed", "3");
    java.util.List<String> logged = r.log();
    assertEquals(0, r.code(), r.err());
    assertEquals("training on Spark local[2] with 2 partitions, 2 local steps between averagings", logged.get(0));
    assertTrue(new ObjectMapper().readTree(r.out()).path("training").path("trainAccuracy").asDouble() > 0.9, r.out());
    r = mlmp("spark", "train", "--averaging-frequency", "0", "--model", "mlp-classifier");
    assertEquals(1, r.code());
    assertEquals("mlmp train: --averaging-frequency must be >= 1 (local steps between averagings). Got 0 instead.",
        r.err().strip());
  }

  /**
   * The driver reads --data (the executors get the prepared rows from it and never open the file): a missing or
   * corrupt file is named before any Spark job runs; more partitions than training rows is named with the fix.
   */
  @Test
  void aDataPathTheDriverCannotReadAndEmptyPartitionsAreNamed(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.csv");
    MlmpRun r = mlmp("spark", "train", "--master", "local[1]", "--model", "mlp-classifier", "--data", missing.toString(),
        "--target", "y");
    assertEquals(1, r.code(), r.out());
    assertEquals("mlmp train: CSV file " + missing + " does not exist. Check the path, or give an absolute one.",
        r.err().strip());
    Path corrupt = dir.resolve("corrupt.csv");
    Files.writeString(corrupt, "x1,x2,y\n1.0,abc,3\n2.0,1.5\n");
    r = mlmp("spark", "train", "--master", "local[1]", "--model", "mlp-classifier", "--data", corrupt.toString(),
        "--target", "y");
    assertEquals(1, r.code(), r.out());
    assertEquals("mlmp train: CSV file " + corrupt + ", line 2, column 'x2': 'abc' is not a number.", r.err().strip());
    r = mlmp("spark", "train", "--master", "local[1]", "--partitions", "100", "--model", "mlp-classifier", "--data",
        blobsCsv(dir).toString(), "--target", "y");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.err().strip().matches("mlmp train: --partitions 100 is more than the (\\d+) training rows: a partition"
        + " would hold no rows\\. Use at most \\1 partitions\\."), r.err());
  }

  @Test
  void modelsThatTrainOnOneMachineAreNamed(@TempDir Path dir) throws Exception {
    Path csv = blobsCsv(dir);
    MlmpRun r = mlmp("spark", "train", "--master", "local[1]", "--model", "ridge", "--data", csv.toString(), "--target", "y",
        "--lambda", "1");
    assertEquals(1, r.code());
    assertEquals("mlmp train: --model ridge trains on one machine only; here only the networks [cnn, mlp-classifier,"
        + " mlp-regressor] train. Use mlmp fit --model ridge.", r.err().strip());
  }

  @Test
  void anUnreachableMasterIsNamedWithinTheTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // free again once closed: nothing listens there
    }
    long t0 = System.nanoTime();
    MlmpRun r = mlmp("spark", "train", "--master", "spark://127.0.0.1:" + port, "--model", "mlp-classifier");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("mlmp train: --master spark://127.0.0.1:" + port + ": no Spark master answers at"
        + " 127.0.0.1:" + port + " ("), r.err());
    assertTrue(r.err().strip().endsWith("within 5.0 s. Start the master (Spark's sbin/start-master.sh), check the URL,"
        + " or use --master local[N] to run in this process."), r.err());
    assertTrue(seconds < SparkTrainCommand.MASTER_TIMEOUT_MILLIS / 1000.0 + 5, "took " + seconds + " s");
    // a master that answers is used: StandaloneClusterIT trains on a real standalone cluster
    r = mlmp("spark", "train", "--master", "mesos://x:1", "--model", "mlp-classifier");
    assertEquals("mlmp train: --master 'mesos://x:1' is not a Spark master URL. Use local[N] (in this process),"
        + " spark://HOST:PORT (a standalone cluster), yarn or k8s://https://HOST:PORT.", r.err().strip());
  }

  @Test
  void withoutSparkOnTheClassPathTheMessageSaysHowToGetIt() throws Exception {
    try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> SparkMaster.requireSpark(bare));
      assertEquals("mlmp spark needs Apache Spark on the class path, and org.apache.spark.SparkContext is not there."
          + " Run it through the launcher, ./mlmp spark ... (it adds mlmp-spark/target/spark-lib), or submit"
          + " mlmp-spark's jar with spark-submit, which provides Spark.", e.getMessage());
    }
    SparkMaster.requireSpark(SparkTrainCommandTest.class.getClassLoader()); // the tests' class path has Spark
    assertTrue(SparkMaster.inProcess("local[2,2]") && SparkMaster.inProcess("local[*]") && !SparkMaster.inProcess(
        "spark://h:1"));
  }
}
