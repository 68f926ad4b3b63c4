package org.mlmp.cli.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Shape;
import org.nd4j.linalg.factory.Nd4j;

class RepresentationsTest {
  private static final int WHITE = 0xffffff, BLACK = 0;

  /** conv 3×3 with 2 channels on a 5×5 image: filter 0 = 0..8 row-major, filter 1 = 8..0. */
  private static NeuralNetModel twoFilters() {
    Network net = Network.of(Shape.image(1, 5, 5), Loss.SQUARED_ERROR, Conv2d.of(2, 3, Activation.IDENTITY), Flatten.of(), Dense.of(1, Activation.IDENTITY));
    double[] p = new double[(int) net.parameterCount()];
    for (int i = 0; i < 9; i++) {
      p[i] = i;
      p[9 + i] = 8 - i;
    }
    return NeuralNetModel.withParameters(net, p);
  }

  private static int rgb(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xffffff;
  }

  @Test
  void filtersAreDrawnMinimumBlackMaximumWhite(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("filters.png");
    Representations.writeFirstLayerFilters(twoFilters(), f);
    BufferedImage img = ImageIO.read(f.toFile());
    int scale = 48 / 3, top = 14 + Representations.PAD, left0 = Representations.PAD, left1 = left0 + 3 * scale + 2;
    assertEquals(BLACK, rgb(img, left0, top));                              // filter 0, w[0][0] = 0
    assertEquals(WHITE, rgb(img, left0 + 2 * scale, top + 2 * scale));      // filter 0, w[2][2] = 8
    assertEquals(WHITE, rgb(img, left1, top));                              // filter 1, w[0][0] = 8
    assertEquals(BLACK, rgb(img, left1 + 2 * scale + scale - 1, top + 3 * scale - 1));
  }

  @Test
  void featureMapOfAnImpulseIsTheFlippedFilter(@TempDir Path dir) throws Exception {
    // Cross-correlation of a centred impulse gives out(i, j) = w[2-i][2-j]: filter 0's map has its
    // maximum (8) at the top left and its minimum (0) at the bottom right.
    double[] x = new double[25];
    x[12] = 1;
    Path f = dir.resolve("maps.png");
    Representations.writeFeatureMaps(twoFilters(), Nd4j.createFromArray(new double[][] {x}), f);
    BufferedImage img = ImageIO.read(f.toFile());
    int inputSection = 14 + 2 + (5 * (56 / 5) + 2), scale = 48 / 3, top = inputSection + 14 + 2;
    assertEquals(WHITE, rgb(img, 2, top));
    assertEquals(BLACK, rgb(img, 2 + 2 * scale, top + 2 * scale));
    assertEquals(WHITE, rgb(img, 2 + 5 * (56 / 5) / 2, 16 + 5 * (56 / 5) / 2)); // the input's centre pixel
  }

  @Test
  void misclassifiedAreCountedAndBadShapesNamed(@TempDir Path dir) throws Exception {
    var images = Nd4j.createFromArray(new double[][] {{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 1, 1, 1}});
    Path f = dir.resolve("wrong.png");
    assertEquals(1, Representations.writeMisclassified(images, 2, 2, new double[] {1, 2, 3}, new double[] {1, 0, 3}, 10, f));
    assertEquals(true, ImageIO.read(f.toFile()).getWidth() > 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Representations.writeMisclassified(images, 3, 2, new double[3], new double[3], 10, f));
    assertEquals("writeMisclassified: images have 4 columns but height·width = 3·2 = 6.", e.getMessage());
  }
}
