package org.mlmp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class LabeledImagesTest {
  @TempDir Path dir;

  /** A grey h × w image, background 0, with a filled circle or square of value 255 drawn by java.awt. */
  static BufferedImage shape(String kind, int h, int w, int shift) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    if (kind.equals("circle")) g.fillOval(1 + shift, 1, w - 4, h - 4);
    else g.fillRect(1 + shift, 1, w - 4, h - 4);
    g.dispose();
    return img;
  }

  static BufferedImage grey(int h, int w, int value) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.getRaster().setSample(x, y, 0, value);
    return img;
  }

  Path save(BufferedImage img, String cls, String name) throws IOException {
    Path d = Files.createDirectories(dir.resolve("set").resolve(cls));
    Path f = d.resolve(name);
    String format = name.substring(name.lastIndexOf('.') + 1);
    assertTrue(ImageIO.write(img, format.equals("jpg") ? "jpeg" : format, f.toFile()), "no writer for " + format);
    return f;
  }

  @Test
  void greyClassFoldersBecomeNchwRowsWithSortedClassesAndFiles() throws IOException {
    for (int i = 0; i < 3; i++) {
      save(shape("square", 12, 10, i % 2), "square", "s" + i + ".png");
      save(shape("circle", 12, 10, i % 2), "circle", "c" + i + ".bmp");
    }
    BufferedImage dot = grey(12, 10, 0);
    dot.getRaster().setSample(3, 2, 0, 200);  // x = 3, y = 2
    save(dot, "circle", "a-dot.png");
    LabeledImages set = LabeledImages.readFolder(dir.resolve("set"));
    assertEquals(List.of("circle", "square"), set.classes());
    assertEquals(7, set.size());
    assertEquals(ImagePreprocessing.of(12, 10, 1).withScale(1.0 / 255), set.preprocessing());
    assertTrue(set.sources().get(0).endsWith("circle/a-dot.png"), set.sources().get(0));
    assertArrayEquals(new double[] {0, 0, 0, 0, 1, 1, 1}, set.data().y().toDoubleVector());
    INDArray x = set.data().x();
    assertEquals(120, x.columns());
    float[] first = x.getRow(0).toFloatVector();
    assertEquals(200 / 255f, first[2 * 10 + 3], 0);  // index (c·H + y)·W + x
    assertEquals(1f * 200 / 255, (float) Arrays.stream(toDouble(first)).sum(), 1e-6);
    assertArrayEquals(first, set.preprocessing().apply(Path.of(set.sources().get(0))), "predict applies the same steps");
  }

  @Test
  void colourAndGreyMixedAreConvertedToRgb() throws IOException {
    BufferedImage rgb = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(1, 0, 0xFF0000);  // red at x = 1, y = 0
    rgb.setRGB(2, 1, 0x0000FF);  // blue at x = 2, y = 1
    save(rgb, "b", "colour.png");
    save(grey(3, 4, 51), "a", "grey.png");
    LabeledImages set = LabeledImages.readFolder(dir.resolve("set"));
    assertEquals(3, set.preprocessing().channels());
    float[] g = set.data().x().getRow(0).toFloatVector();
    float[] expectGrey = new float[36];
    Arrays.fill(expectGrey, 51 / 255f);
    assertArrayEquals(expectGrey, g, 0f, "a grey image repeats its value in R, G and B");
    float[] c = set.data().x().getRow(1).toFloatVector();
    int hw = 12;
    assertEquals(1f, c[1], 0);           // R plane, (0, 1)
    assertEquals(0f, c[hw + 1], 0);      // G plane
    assertEquals(1f, c[2 * hw + 4 + 2], 0);  // B plane, (1, 2)
    assertEquals(2f, sum(c), 0);
    // a 1-channel preprocessing converts colour by BT.601 luma: red 255 → round(0.299·255) = 76
    ImagePreprocessing greyPre = ImagePreprocessing.of(3, 4, 1).withScale(1.0);
    assertEquals(76f, greyPre.apply(rgb, "colour")[1], 0);
  }

  @Test
  void targetSizeResizesBilinearlyAndKeepsUniformValues() throws IOException {
    save(grey(20, 10, 100), "a", "big.png");
    save(grey(5, 7, 100), "b", "small.jpg");
    save(grey(8, 8, 100), "b", "exact.bmp");
    LabeledImages set = LabeledImages.readFolder(dir.resolve("set"), 8, 8);
    assertEquals(ImagePreprocessing.of(8, 8, 1).withScale(1.0 / 255)
        .withResize(ImagePreprocessing.Resize.BILINEAR), set.preprocessing());
    for (int i = 0; i < 3; i++) {
      for (float v : set.data().x().getRow(i).toFloatVector()) assertEquals(100 / 255f, v, 1.5f / 255, set.sources().get(i));
    }
    // a vertical ramp 0, 255 resized from 1x2 to 1x4: ends kept, midpoints interpolated
    BufferedImage ramp = grey(1, 2, 0);
    ramp.getRaster().setSample(1, 0, 0, 255);
    float[] r = ImagePreprocessing.of(1, 4, 1).withScale(1.0)
        .withResize(ImagePreprocessing.Resize.BILINEAR).apply(ramp, "ramp");
    assertEquals(0f, r[0], 0);
    assertEquals(255f, r[3], 0);
    assertTrue(r[1] > 0 && r[1] < r[2] && r[2] < 255, Arrays.toString(r));
  }

  @Test
  void anImageOfAnotherSizeWithoutTargetSizeNamesFileSizesAndFix() throws IOException {
    Path a = save(grey(8, 8, 0), "a", "1.png");
    save(grey(8, 8, 0), "a", "2.png");
    Path odd = save(grey(6, 9, 0), "b", "3.png");
    IOException e = assertThrows(IOException.class, () -> LabeledImages.readFolder(dir.resolve("set")));
    assertTrue(e.getMessage().contains("Image " + odd + " is 6x9 (HxW) but the first image " + a + " is 8x8"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--image-size HxW"), e.getMessage());
  }

  @Test
  void aStoredPreprocessingIsAppliedAsIs() throws IOException {
    BufferedImage red = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) red.setRGB(x, y, 0xFF0000);
    save(red, "a", "red.png");
    ImagePreprocessing fitted = ImagePreprocessing.of(2, 2, 1).withScale(1.0)
        .withResize(ImagePreprocessing.Resize.BILINEAR);
    LabeledImages set = LabeledImages.readFolder(dir.resolve("set"), fitted);
    assertEquals(fitted, set.preprocessing());
    assertArrayEquals(new float[] {76, 76, 76, 76}, set.data().x().getRow(0).toFloatVector(), 0f);
    ImagePreprocessing fixed = ImagePreprocessing.of(2, 2, 1).withScale(1.0);
    IOException e = assertThrows(IOException.class, () -> LabeledImages.readFolder(dir.resolve("set"), fixed));
    assertTrue(e.getMessage().contains("red.png is 4x4 (HxW) but the images must be 2x2"), e.getMessage());
  }

  @Test
  void emptyClassFolderIsNamed() throws IOException {
    save(grey(4, 4, 0), "a", "1.png");
    Path empty = Files.createDirectories(dir.resolve("set").resolve("b"));
    Files.writeString(empty.resolve("notes.txt"), "not an image");
    IOException e = assertThrows(IOException.class, () -> LabeledImages.readFolder(dir.resolve("set")));
    assertTrue(e.getMessage().contains("Class folder " + empty + " holds no images (PNG, JPEG or BMP)"), e.getMessage());
  }

  @Test
  void unreadableAndCorruptImagesAreNamed() throws IOException {
    save(grey(4, 4, 0), "a", "1.png");
    Path fake = dir.resolve("set").resolve("a").resolve("2.png");
    Files.writeString(fake, "this is text");
    IOException e = assertThrows(IOException.class, () -> LabeledImages.readFolder(dir.resolve("set")));
    assertTrue(e.getMessage().contains("Image file " + fake + " is not an image javax.imageio can decode"), e.getMessage());
    byte[] png = Files.readAllBytes(save(shape("circle", 16, 16, 0), "a", "3.png"));
    Files.write(fake, Arrays.copyOf(png, png.length / 2));
    IOException c = assertThrows(IOException.class, () -> LabeledImages.readFolder(dir.resolve("set")));
    assertTrue(c.getMessage().contains("Image file " + fake + " is corrupt or unreadable"), c.getMessage());
  }

  @Test
  void aFolderWithoutClassFoldersIsNamed() throws IOException {
    Path flat = Files.createDirectories(dir.resolve("flat"));
    ImageIO.write(grey(4, 4, 0), "png", flat.resolve("1.png").toFile());
    IOException e = assertThrows(IOException.class, () -> LabeledImages.readFolder(flat));
    assertTrue(e.getMessage().contains("Image folder " + flat + " has no class sub-folders")
        && e.getMessage().contains("found 1 images directly in it (e.g. 1.png)"), e.getMessage());
    IOException m = assertThrows(IOException.class, () -> LabeledImages.readFolder(dir.resolve("nope")));
    assertTrue(m.getMessage().contains("does not exist"), m.getMessage());
  }

  @Test
  void idxImagesAndLabels() throws IOException {
    byte[] px = new byte[3 * 2 * 2];
    px[4 + 3] = (byte) 255;  // image 1, y = 1, x = 1
    new IdxFile(IdxFile.UBYTE, new int[] {3, 2, 2}, px).write(dir.resolve("img"));
    new IdxFile(IdxFile.UBYTE, new int[] {3}, new byte[] {7, 2, 7}).write(dir.resolve("lab"));
    LabeledImages set = LabeledImages.readIdx(dir.resolve("img"), dir.resolve("lab"));
    assertEquals(List.of("2", "7"), set.classes());
    assertArrayEquals(new double[] {1, 0, 1}, set.data().y().toDoubleVector());
    assertEquals(1f, set.data().x().getFloat(1, 3), 0);
    assertEquals(dir.resolve("img") + "[2]", set.sources().get(2));
    LabeledImages unlabeled = LabeledImages.readIdx(dir.resolve("img"), null);
    assertNull(unlabeled.data().y());
    new IdxFile(IdxFile.UBYTE, new int[] {2}, new byte[] {1, 2}).write(dir.resolve("lab2"));
    IOException e = assertThrows(IOException.class, () -> LabeledImages.readIdx(dir.resolve("img"), dir.resolve("lab2")));
    assertTrue(e.getMessage().contains("must hold 3 unsigned-byte labels [3]"), e.getMessage());
  }

  @Test
  void preprocessingValidatesAndParsesSizes() {
    assertArrayEquals(new int[] {28, 32}, ImagePreprocessing.parseSize("28x32"));
    IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> ImagePreprocessing.parseSize("28"));
    assertTrue(s.getMessage().contains("Got '28' instead"), s.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> ImagePreprocessing.of(4, 4, 2).withScale(1));
    assertTrue(c.getMessage().contains("must be 1 (grey) or 3 (RGB). Got 2 instead."), c.getMessage());
    IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
        () -> ImagePreprocessing.of(4, 4, 1).withScale(Double.NaN));
    assertTrue(k.getMessage().contains("Got NaN instead"), k.getMessage());
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = f[i];
    return d;
  }

  static float sum(float[] f) {
    float s = 0;
    for (float v : f) s += v;
    return s;
  }
}
