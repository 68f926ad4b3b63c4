package org.mlmp.cli.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.CliRun;
import org.mlmp.data.IdxFile;

class NnCommandsTest {
  @Test
  void convDemoPrintsTheCoursesFeatureMap() {
    CliRun r = CliRun.of("conv-demo");
    assertEquals(0, r.exitCode(), r.err());
    // The course's answer for this input and filter (cross-correlation, stride 1, no padding).
    assertTrue(r.out().endsWith("  12  12  17\n  10  17  19\n   9   6  14\n"), r.out());
  }

  @Test
  void mnistWithoutDataSaysWhereItLookedAndHowToFetch(@TempDir Path empty) {
    CliRun r = CliRun.of("mnist", "--data-dir", empty.toString(), "--out", empty.resolve("out").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("MNIST was not found") && r.err().contains("./mlmp data fetch"), r.err());
  }

  /** A fake MNIST directory: random 28×28 images with labels i mod 10 (enough to exercise the reports). */
  static Path fakeMnist(Path root, int nTrain, int nTest) throws java.io.IOException {
    return fakeMnist(root, "mnist", nTrain, nTest);
  }

  static Path fakeMnist(Path root, String name, int nTrain, int nTest) throws java.io.IOException {
    Path dir = root.resolve(name);
    java.nio.file.Files.createDirectories(dir);
    java.util.Random r = new java.util.Random(5);
    for (String set : new String[] {"train", "t10k"}) {
      int n = set.equals("train") ? nTrain : nTest;
      byte[] px = new byte[n * 784], labels = new byte[n];
      r.nextBytes(px);
      for (int i = 0; i < n; i++) labels[i] = (byte) (i % 10);
      new IdxFile(IdxFile.UBYTE, new int[] {n, 28, 28}, px).write(dir.resolve(set + "-images-idx3-ubyte"));
      new IdxFile(IdxFile.UBYTE, new int[] {n}, labels).write(dir.resolve(set + "-labels-idx1-ubyte"));
    }
    return root;
  }

  @Test
  void mnistWritesEvaluationReportsAndEndsWithTheTestError(@TempDir Path dir) throws Exception {
    Path data = fakeMnist(dir, 100, 40), out = dir.resolve("out");
    CliRun r = CliRun.of("--quiet", "mnist", "--network", "mlp", "--augment", "--epochs", "1", "--data-dir", data.toString(),
        "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(lines[lines.length - 1].matches("test error: \\d+\\.\\d\\d %"), r.out());
    assertTrue(r.out().contains("(augmented: affine)") && r.out().contains(" true\\pred      0"), r.out());
    for (String f : new String[] {"curves.json", "curves.png", "model.mlmp", "misclassified.png", "filters.png"}) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    assertEquals(11, Files.readAllLines(out.resolve("confusion.txt")).size());
  }

  @Test
  void fashionMnistTrainsItsBatchNormCnnOnElasticallyDistortedImages(@TempDir Path dir) throws Exception {
    Path data = fakeMnist(dir, "fashion-mnist", 100, 40), out = dir.resolve("out");
    CliRun r = CliRun.of("--quiet", "fashion-mnist", "--augment", "elastic", "--epochs", "1", "--data-dir",
        data.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Fashion-MNIST, cnn model") && r.out().contains("(augmented: elastic)"), r.out());
    assertTrue(r.out().split("\n")[r.out().split("\n").length - 1].matches("test error: \\d+\\.\\d\\d %"), r.out());
    CliRun bad = CliRun.of("fashion-mnist", "--augment", "swirl", "--data-dir", data.toString());
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().contains("--augment must be affine, elastic or none. Got 'swirl' instead."), bad.err());
  }

  @Test
  void defaultsPerDataSet() {
    assertEquals(null, new MnistCommand(ImageRecipe.FASHION_MNIST).augmentation());
    assertEquals(null, new MnistCommand().augmentation());
    MnistCommand affine = new MnistCommand(ImageRecipe.FASHION_MNIST);
    affine.augment = "affine";
    assertEquals(org.mlmp.nn.AffineAugmentation.mild(), affine.augmentation());
    assertEquals(12, ImageRecipe.FASHION_MNIST.epochs());
    assertEquals(4, ImageRecipe.FASHION_MNIST.patience());
    assertEquals(0.75, ImageRecipe.FASHION_MNIST.learningRateDecay());
    assertEquals(1.0, ImageRecipe.MNIST.learningRateDecay());
    assertEquals(15, ImageRecipe.MNIST.epochs());
    assertEquals(3, ImageRecipe.MNIST.patience());
  }

  @Test
  void unknownNetworkIsRejected(@TempDir Path empty) {
    CliRun r = CliRun.of("fashion-mnist", "--network", "rnn", "--data-dir", empty.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--network must be cnn, mlp or a JSON network file. Got 'rnn' instead (no such file)."),
        r.err());
  }

  /** Both names a user types are the one command with its data set's recipe, listed in mlmp --help. */
  @Test
  void mnistAndFashionMnistAreOneCommandWithTwoRecipes() {
    CliRun help = CliRun.of("--help");
    assertTrue(help.out().contains("  mnist ") && help.out().contains("  fashion-mnist "), help.out());
    CliRun fashion = CliRun.of("fashion-mnist", "--help");
    assertEquals(0, fashion.exitCode(), fashion.err());
    assertTrue(fashion.out().contains("on Fashion-MNIST") && fashion.out().contains("Defaults: 12 epochs, patience 4"),
        fashion.out());
    CliRun mnist = CliRun.of("mnist", "--help");
    assertTrue(mnist.out().contains("on MNIST") && mnist.out().contains("Defaults: 15 epochs, patience 3"), mnist.out());
  }

  /** --network FILE: a JSON network (the "network" object of a saved model) trains like a built-in one. */
  @Test
  void networkFromAJsonFile(@TempDir Path dir) throws Exception {
    Path data = fakeMnist(dir, 60, 20), out = dir.resolve("out"), spec = dir.resolve("net.json");
    org.mlmp.nn.Network net = org.mlmp.nn.Network.of(org.mlmp.nn.Shape.vector(784), org.mlmp.nn.Loss.CROSS_ENTROPY,
        new org.mlmp.nn.Dense(10, org.mlmp.nn.Activation.SOFTMAX));
    Files.writeString(spec, org.mlmp.io.ConfigJson.write(net).toString());
    CliRun r = CliRun.of("--quiet", "mnist", "--network", spec.toString(), "--epochs", "1", "--data-dir", data.toString(),
        "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("MNIST, " + spec + " model"), r.out());
  }

  @Test
  void demoStepShowsConvolutionPerceptronAndUniversalApproximation(@TempDir Path dir) throws Exception {
    java.io.StringWriter w = new java.io.StringWriter();
    new NetworksDemoStep(50).run(new org.mlmp.cli.DemoCommand.Context(dir, dir), new java.io.PrintWriter(w));
    String s = w.toString();
    assertTrue(s.contains("  12  12  17\n  10  17  19\n   9   6  14\n"), s);
    assertTrue(s.contains("perceptron on AND: converged") && s.contains("training accuracy 1.00"), s);
    assertTrue(s.contains("perceptron on XOR: not converged after 50 epochs"), s);
    assertTrue(s.contains("one hidden layer of N tanh units") && s.contains("    16         49"), s);
    assertTrue(java.nio.file.Files.exists(dir.resolve("networks").resolve("universal-approximation.png")));
    // no data sets in the temporary data directory: the CNN runs say so instead of failing the tour
    assertTrue(s.contains("MNIST CNN: skipped, the data set is not in " + dir + " (./mlmp data fetch)."), s);
    assertTrue(s.contains("Fashion-MNIST CNN: skipped"), s);
  }
}
