package org.mlmp.cli.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Layer;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pictures of what a network sees and does (the course's figures), written as PNG with java.awt:
 * a grid of misclassified images with their true and predicted labels, the first layer's filters, and the
 * feature maps of every image-shaped layer for one input (from {@link NeuralNetModel#layerOutputs}).
 *
 * <p>Every tile is shown in grey levels scaled to its own range: its minimum is black, its maximum white
 * (a constant tile is mid-grey), each value drawn as a {@code scale × scale} block. Tiles sit {@value #PAD}
 * pixels apart, the first one's top-left pixel at ({@value #PAD}, {@value #PAD} + header height).
 */
public final class Representations {
  /** Gap between tiles, in pixels. */
  public static final int PAD = 2;
  private static final int CAPTION = 14;
  private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private Representations() {}

  /** A titled grid of equally sized tiles ({@code [rows][cols]} values each). */
  private record Section(String title, List<float[][]> tiles, List<String> captions, int columns, int scale) {
    int tileW() {
      return tiles.get(0)[0].length * scale;
    }

    int tileH() {
      return tiles.get(0).length * scale + (captions == null ? 0 : CAPTION);
    }

    int width() {
      return PAD + columns * (tileW() + PAD);
    }

    int height() {
      int rows = (tiles.size() + columns - 1) / columns;
      return (title == null ? 0 : CAPTION) + PAD + rows * (tileH() + PAD);
    }
  }

  /**
   * Writes up to {@code max} misclassified images in a grid, each captioned "true t, pred p".
   *
   * @param images {@code [n, height·width]}, one grey image per row (e.g. {@code ImageSet.toDataset().x()})
   * @param truth true labels {@code [n]}
   * @param predicted predicted labels {@code [n]}
   * @return the number of misclassified images found (all of them, not only those drawn)
   */
  public static int writeMisclassified(INDArray images, int height, int width, double[] truth, double[] predicted,
      int max, Path file) throws IOException {
    if (images.columns() != (long) height * width) {
      throw new IllegalArgumentException("writeMisclassified: images have " + images.columns()
          + " columns but height·width = " + height + "·" + width + " = " + height * width + ".");
    }
    if (truth.length != images.rows() || predicted.length != images.rows()) {
      throw new IllegalArgumentException("writeMisclassified needs one true and one predicted label per image; got "
          + images.rows() + " images, " + truth.length + " true and " + predicted.length + " predicted labels.");
    }
    List<float[][]> tiles = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    int wrong = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] == predicted[i]) continue;
      wrong++;
      if (tiles.size() >= max) continue;
      float[] row = images.getRow(i).toFloatVector();
      tiles.add(reshape(row, 0, height, width));
      captions.add(label(truth[i]) + " \u2192 " + label(predicted[i]));
    }
    String title = String.format(Locale.ROOT, "%d misclassified (true \u2192 predicted)%s", wrong,
        wrong > tiles.size() ? ", first " + tiles.size() + " shown" : "");
    if (tiles.isEmpty()) tiles.add(new float[height][width]);
    int scale = Math.max(1, 56 / Math.max(height, width));
    write(List.of(new Section(title, tiles, tiles.size() == captions.size() ? captions : null,
        Math.min(10, tiles.size()), scale)), file);
    return wrong;
  }

  /**
   * Writes the first layer's filters: for a {@link Conv2d} first layer one tile per (input channel, output
   * channel), input channel by input channel, 10 to a row; for a {@link Dense} first layer on an image input, each unit's weights
   * reshaped to the image (leading Flatten layers skipped; up to 100 units; a vector input of square size, e.g. 784, is shown as a square image).
   *
   * @throws IllegalArgumentException if the first layer is neither
   */
  public static void writeFirstLayerFilters(NeuralNetModel model, Path file) throws IOException {
    Network net = model.network();
    int li = 0;
    while (li < net.layers().size() - 1 && net.layers().get(li) instanceof Flatten) li++; // no parameters
    Layer first = net.layers().get(li);
    Shape in = net.shapes().get(li);
    float[] p = model.parameters();
    List<float[][]> tiles = new ArrayList<>();
    String title;
    int columns;
    if (first instanceof Conv2d c) {
      int k = c.kernel(), cin = in.channels();
      for (int ci = 0; ci < cin; ci++) {
        for (int co = 0; co < c.channels(); co++) tiles.add(reshape(p, ((co * cin) + ci) * k * k, k, k));
      }
      columns = Math.min(10, c.channels());
      title = "layer " + li + " " + c.describe() + ": " + c.channels() + " filters";
    } else if (first instanceof Dense d && (in.height() * in.width() > 1 || isSquare(in.size()))) {
      int units = Math.min(d.units(), 100), n = in.size();
      int h = in.image() ? in.height() * in.channels() : (int) Math.round(Math.sqrt(n)), w = n / h;
      for (int u = 0; u < units; u++) {
        float[] wu = new float[n];
        for (int i = 0; i < n; i++) wu[i] = p[i * d.units() + u];  // weights [inputs, units] row-major
        tiles.add(reshape(wu, 0, h, w));
      }
      columns = Math.min(10, units);
      title = "layer " + li + " " + d.describe() + ": weights of the first " + units + " units";
    } else {
      throw new IllegalArgumentException("writeFirstLayerFilters needs a Conv2d first layer, or a Dense first layer on"
          + " an image input; got " + first.describe() + " on " + in + ".");
    }
    int side = tiles.get(0).length;
    write(List.of(new Section(title, tiles, null, columns, Math.max(1, 48 / side))), file);
  }

  /**
   * Writes the input and the feature maps of every image-shaped layer for one input row {@code x [1, C·H·W]}
   * (a section per layer, up to 50 channels each), i.e. the layer-wise representations of the course.
   */
  public static void writeFeatureMaps(NeuralNetModel model, INDArray x, Path file) throws IOException {
    if (x.rows() != 1) throw new IllegalArgumentException("writeFeatureMaps takes one input row; got " + x.rows() + ".");
    Network net = model.network();
    List<INDArray> outs = model.layerOutputs(x);
    List<Section> sections = new ArrayList<>();
    Shape in = net.input();
    if (in.image()) {
      float[] v = x.reshape(-1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
      List<float[][]> t = new ArrayList<>();
      for (int c = 0; c < in.channels(); c++) t.add(reshape(v, c * in.height() * in.width(), in.height(), in.width()));
      sections.add(new Section("input " + in, t, null, t.size(), Math.max(1, 56 / in.height())));
    }
    for (int l = 0; l < outs.size(); l++) {
      Shape s = net.shapes().get(l + 1);
      if (!s.image()) continue;
      float[] v = outs.get(l).dup().reshape(-1).toFloatVector();
      List<float[][]> t = new ArrayList<>();
      int shown = Math.min(50, s.channels());
      for (int c = 0; c < shown; c++) t.add(reshape(v, c * s.height() * s.width(), s.height(), s.width()));
      sections.add(new Section("layer " + l + " " + net.layers().get(l).describe() + " \u2192 " + s
          + (shown < s.channels() ? ", first " + shown + " channels" : ""), t, null, Math.min(10, shown),
          Math.max(1, 48 / s.height())));
    }
    if (sections.isEmpty()) {
      throw new IllegalArgumentException("writeFeatureMaps: this network has no image-shaped input or layer.");
    }
    write(sections, file);
  }

  private static boolean isSquare(int n) {
    int r = (int) Math.round(Math.sqrt(n));
    return r > 1 && r * r == n;
  }

  private static float[][] reshape(float[] v, int offset, int h, int w) {
    float[][] t = new float[h][w];
    for (int r = 0; r < h; r++) System.arraycopy(v, offset + r * w, t[r], 0, w);
    return t;
  }

  private static String label(double c) {
    return c == Math.rint(c) ? Long.toString((long) c) : Double.toString(c);
  }

  private static void write(List<Section> sections, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int width = 240, height = 0;
    for (Section s : sections) {
      width = Math.max(width, s.width());
      height += s.height();
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(0x3060c0));
    g.fillRect(0, 0, width, height);
    g.setFont(FONT);
    int y = 0;
    for (Section s : sections) {
      if (s.title() != null) {
        g.setColor(Color.WHITE);
        g.drawString(s.title(), PAD, y + CAPTION - 3);
        y += CAPTION;
      }
      for (int t = 0; t < s.tiles().size(); t++) {
        int x0 = PAD + (t % s.columns()) * (s.tileW() + PAD), y0 = y + PAD + (t / s.columns()) * (s.tileH() + PAD);
        drawTile(img, s.tiles().get(t), x0, y0, s.scale());
        if (s.captions() != null) {
          g.setColor(Color.WHITE);
          g.drawString(s.captions().get(t), x0, y0 + s.tileH() - 3);
        }
      }
      y += s.height() - (s.title() == null ? 0 : CAPTION);
    }
    g.dispose();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("No PNG writer available for " + file + ".");
  }

  private static void drawTile(BufferedImage img, float[][] t, int x0, int y0, int scale) {
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (float[] r : t) {
      for (float v : r) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    for (int r = 0; r < t.length; r++) {
      for (int c = 0; c < t[r].length; c++) {
        int gray = hi > lo ? Math.round(255 * (t[r][c] - lo) / (hi - lo)) : 128;
        int rgb = (gray << 16) | (gray << 8) | gray;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) img.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, rgb);
        }
      }
    }
  }
}
