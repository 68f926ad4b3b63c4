package org.mlmp.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.CliRun;
import org.mlmp.data.ImagePreprocessing;
import org.mlmp.io.ModelFile;
import org.mlmp.nn.NeuralNetModel;

/**
 * mlmp fit --model cnn --images and mlmp predict --images: a CNN learns three rendered shapes (circle, plus, square;
 * {@link ShapeImages}) from a folder of PNG class folders written here, and predicts held-out images by file.
 */
class NetworkImagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** {@code perClass} PNG images per class under {@code root/<shape>/}, from seed {@code from}, at {@code size}. */
  private Path folder(String name, int from, int perClass, int scaleUp) throws IOException {
    Path root = dir.resolve(name);
    for (int i = from; i < from + 3 * perClass; i++) {
      Path c = Files.createDirectories(root.resolve(ShapeImages.KINDS[i % 3]));
      BufferedImage img = ShapeImages.draw(i % 3, 12, i);
      if (scaleUp > 1) {
        BufferedImage big = new BufferedImage(12 * scaleUp, 12 * scaleUp, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = big.createGraphics();
        g.drawImage(img, 0, 0, 12 * scaleUp, 12 * scaleUp, null);
        g.dispose();
        img = big;
      }
      ImageIO.write(img, "png", c.resolve(String.format("%04d.png", i)).toFile());
    }
    return root;
  }

  private static JsonNode ok(String... args) throws Exception {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), r.err());
    return JSON.readTree(r.out());
  }

  private static void fails(String expected, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains(expected), r.err());
  }

  /** Fraction of predictions whose class equals the folder the file is in. */
  private static double accuracy(JsonNode j) {
    int right = 0, n = j.get("files").size();
    for (int i = 0; i < n; i++) {
      Path f = Path.of(j.get("files").get(i).asText());
      if (f.getParent().getFileName().toString().equals(j.get("predictions").get(i).asText())) right++;
    }
    return (double) right / n;
  }

  @Test
  void cnnLearnsAnImageFolderAndPredictsHeldOutFilesByName() throws Exception {
    Path train = folder("train", 0, 150, 1), test = folder("test", 5000, 50, 1), saved = dir.resolve("shapes.mlmp");
    JsonNode fit = ok("fit", "--model", "cnn", "--images", train.toString(), "--epochs", "15", "--save",
        saved.toString());
    assertEquals("[\"circle\",\"plus\",\"square\"]", fit.get("classes").toString());
    assertEquals(450, fit.get("images").get("count").asInt());
    assertEquals(1, fit.get("images").get("channels").asInt());
    assertEquals("none", fit.get("images").get("resize").asText());
    NeuralNetModel m = (NeuralNetModel) ModelFile.load(saved);
    assertEquals(ImagePreprocessing.of(12, 12, 1),
        m.imagePreprocessing().orElseThrow());
    JsonNode p = ok("predict", "--model-file", saved.toString(), "--images", test.toString(), "--probabilities");
    assertEquals(150, p.get("files").size());
    assertTrue(p.get("files").get(0).asText().endsWith("circle/5001.png"), p.get("files").get(0).asText());
    double acc = accuracy(p);
    assertTrue(acc >= 0.95, "held-out accuracy " + acc + " < 0.95");
    assertEquals("[\"circle\",\"plus\",\"square\"]", p.get("classes").toString());
    assertEquals(3, p.get("probabilities").get(0).size());
    // an image of another size: the model's preprocessing (no resize) refuses it by name
    Path odd = folder("odd", 9000, 1, 2);
    fails("is 24x24 (HxW) but the images must be 12x12", "predict", "--model-file", saved.toString(), "--images",
        odd.toString());
  }

  @Test
  void imageSizeResizesAtTrainingAndAgainAtPredictTime() throws Exception {
    Path train = folder("train", 0, 150, 2), test = folder("test", 5000, 50, 2), saved = dir.resolve("resized.mlmp");
    JsonNode fit = ok("fit", "--model", "cnn", "--images", train.toString(), "--image-size", "12x12", "--epochs", "15",
        "--save", saved.toString());
    assertEquals("bilinear", fit.get("images").get("resize").asText());
    assertEquals(12, fit.get("images").get("height").asInt());
    JsonNode p = ok("predict", "--model-file", saved.toString(), "--images", test.toString());
    double acc = accuracy(p);
    assertTrue(acc >= 0.95, "held-out accuracy " + acc + " < 0.95");
  }

  @Test
  void idxFilesTrainAndPredict() throws Exception {
    int n = 300;
    byte[] px = new byte[n * 144], labels = new byte[n];
    for (int i = 0; i < n; i++) {
      BufferedImage img = ShapeImages.draw(i % 3, 12, i);
      for (int y = 0; y < 12; y++) {
        for (int x = 0; x < 12; x++) px[i * 144 + y * 12 + x] = (byte) img.getRaster().getSample(x, y, 0);
      }
      labels[i] = (byte) (i % 3);
    }
    Path images = idx(dir.resolve("train-images-idx3-ubyte"), px, n, 12, 12);
    idx(dir.resolve("train-labels-idx1-ubyte"), labels, n);
    Path saved = dir.resolve("idx.mlmp");
    JsonNode fit = ok("fit", "--model", "mlp-classifier", "--images", images.toString(), "--epochs", "5", "--save",
        saved.toString());
    assertEquals("[\"0\",\"1\",\"2\"]", fit.get("classes").toString());
    JsonNode p = ok("predict", "--model-file", saved.toString(), "--images", images.toString());
    assertEquals(n, p.get("predictions").size());
    assertEquals(images + "[0]", p.get("files").get(0).asText());
    Path lonely = idx(dir.resolve("other-images-idx3-ubyte"), px, n, 12, 12);
    fails("needs its labels file " + dir.resolve("other-labels-idx1-ubyte"), "fit", "--model", "cnn", "--images",
        lonely.toString());
  }

  @Test
  void badImageInputIsRefusedByNameAndNothingIsWritten() throws Exception {
    Path train = folder("train", 0, 2, 1), saved = dir.resolve("never.mlmp");
    Files.createDirectories(train.resolve("triangle"));
    fails("Class folder " + train.resolve("triangle") + " holds no images", "fit", "--model", "cnn", "--images",
        train.toString(), "--save", saved.toString());
    Files.delete(train.resolve("triangle"));
    BufferedImage big = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    ImageIO.write(big, "png", train.resolve("plus").resolve("zz-big.png").toFile());
    fails("is 16x16 (HxW) but the first image", "fit", "--model", "cnn", "--images", train.toString(), "--save",
        saved.toString());
    fails("--images does not apply to --model ridge", "fit", "--model", "ridge", "--images", train.toString(),
        "--lambda", "1");
    fails("--data FILE (a CSV) is required, or --images DIR|IDX for --model cnn.", "fit", "--model", "cnn");
    fails("--predict takes a CSV and does not apply with --images", "fit", "--model", "cnn", "--images",
        train.toString(), "--predict", "x.csv");
    fails("--input does not apply with --images", "fit", "--model", "cnn", "--images", train.toString(),
        "--image-size", "12x12", "--input", "1,12,12");
    fails("An image size must be HxW with positive integers, e.g. 28x28. Got '12by12' instead.", "fit", "--model",
        "cnn", "--images", train.toString(), "--image-size", "12by12");
    assertFalse(Files.exists(saved));
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,y\n1,2\n3,4\n5,7\n");
    Path ridge = dir.resolve("ridge.mlmp");
    ok("fit", "--model", "ridge", "--data", csv.toString(), "--target", "y", "--lambda", "0.1", "--save", ridge.toString());
    fails("--images needs a network model file; " + ridge + " holds a linear.ridge", "predict", "--model-file",
        ridge.toString(), "--images", train.toString());
  }

  private static Path idx(Path file, byte[] data, int... dims) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(0x0800 | dims.length);
      for (int d : dims) out.writeInt(d);
      out.write(data);
    }
    return file;
  }
}
