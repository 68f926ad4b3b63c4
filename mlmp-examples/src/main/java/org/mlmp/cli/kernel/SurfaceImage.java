package org.mlmp.cli.kernel;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import javax.imageio.ImageIO;

/**
 * A PNG of a 2D function z = f(x, y): colour map (clamped to [zMin, zMax]), contour lines every
 * {@code contourStep}, optional points, axes with ticks, and a colour bar.
 */
public final class SurfaceImage {
  private SurfaceImage() {}

  /** Plot area in pixels and margins. */
  private static final int W = 480, H = 400, LEFT = 60, TOP = 40, RIGHT = 110, BOTTOM = 50;

  /** As {@link #write(Path, String, Function, double, double, double, double, double, double, double, double[][])}, point by point. */
  public static void write(Path file, String title, ToDoubleBiFunction<Double, Double> f, double x0, double x1, double y0,
      double y1, double zMin, double zMax, double contourStep, double[][] points) throws IOException {
    write(file, title, (Function<double[][], double[]>) q -> {
      double[] z = new double[q.length];
      for (int i = 0; i < q.length; i++) z[i] = f.applyAsDouble(q[i][0], q[i][1]);
      return z;
    }, x0, x1, y0, y1, zMin, zMax, contourStep, points);
  }

  /**
   * @param batch evaluates f at many points at once: rows (x, y) → values
   * @param points training points to mark, or null
   */
  public static void write(Path file, String title, Function<double[][], double[]> batch, double x0, double x1,
      double y0, double y1, double zMin, double zMax, double contourStep, double[][] points) throws IOException {
    write(file, title, batch, x0, x1, y0, y1, zMin, zMax, contourStep, points, false);
  }

  /**
   * @param points rows (x, y) or (x, y, label): labelled points are drawn black (label > 0) or white
   * @param markZero draw the zero level set (a decision boundary) in red
   */
  public static void write(Path file, String title, Function<double[][], double[]> batch, double x0, double x1,
      double y0, double y1, double zMin, double zMax, double contourStep, double[][] points, boolean markZero)
      throws IOException {
    System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    double[][] grid = new double[H * W][];
    for (int j = 0; j < H; j++) {
      double y = y1 - (y1 - y0) * (j + 0.5) / H;
      for (int i = 0; i < W; i++) grid[j * W + i] = new double[] {x0 + (x1 - x0) * (i + 0.5) / W, y};
    }
    double[] flat = batch.apply(grid);
    double[][] z = new double[H][W];
    for (int j = 0; j < H; j++) System.arraycopy(flat, j * W, z[j], 0, W);
    BufferedImage img = new BufferedImage(LEFT + W + RIGHT, TOP + H + BOTTOM, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int j = 0; j < H; j++) {
      for (int i = 0; i < W; i++) {
        double t = (Math.min(zMax, Math.max(zMin, z[j][i])) - zMin) / (zMax - zMin);
        int rgb = colour(t);
        boolean line = false;
        if (contourStep > 0 && z[j][i] < zMax) {
          long c = (long) Math.floor(z[j][i] / contourStep);
          line = (i + 1 < W && (long) Math.floor(z[j][i + 1] / contourStep) != c)
              || (j + 1 < H && (long) Math.floor(z[j + 1][i] / contourStep) != c);
        }
        boolean zero = markZero && ((i + 1 < W && (z[j][i] > 0) != (z[j][i + 1] > 0))
            || (j + 1 < H && (z[j][i] > 0) != (z[j + 1][i] > 0)));
        img.setRGB(LEFT + i, TOP + j, zero ? 0xE00000 : line ? 0x202020 : rgb);
      }
    }
    if (points != null) {
      for (double[] p : points) {
        int px = LEFT + (int) ((p[0] - x0) / (x1 - x0) * W), py = TOP + (int) ((y1 - p[1]) / (y1 - y0) * H);
        if (px < LEFT || px >= LEFT + W || py < TOP || py >= TOP + H) continue;
        if (p.length > 2) { // labelled: class > 0 filled black, else white with a black ring
          g.setColor(p[2] > 0 ? Color.BLACK : Color.WHITE);
          g.fillOval(px - 3, py - 3, 7, 7);
          g.setColor(Color.BLACK);
          g.drawOval(px - 3, py - 3, 7, 7);
        } else {
          g.setColor(Color.WHITE);
          g.fillOval(px - 2, py - 2, 4, 4);
        }
      }
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1));
    g.drawRect(LEFT, TOP, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int k = 0; k <= 5; k++) {
      double xv = x0 + (x1 - x0) * k / 5, yv = y0 + (y1 - y0) * k / 5;
      int px = LEFT + W * k / 5, py = TOP + H - H * k / 5;
      g.drawLine(px, TOP + H, px, TOP + H + 5);
      g.drawString(String.format(Locale.ROOT, "%.2f", xv), px - 14, TOP + H + 20);
      g.drawLine(LEFT - 5, py, LEFT, py);
      g.drawString(String.format(Locale.ROOT, "%.2f", yv), LEFT - 45, py + 4);
    }
    g.drawString("x", LEFT + W / 2, TOP + H + 40);
    g.drawString("y", 10, TOP + H / 2);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, TOP - 15);
    // colour bar
    int bx = LEFT + W + 30;
    for (int j = 0; j < H; j++) {
      g.setColor(new Color(colour(1 - (double) j / H)));
      g.drawLine(bx, TOP + j, bx + 20, TOP + j);
    }
    g.setColor(Color.BLACK);
    g.drawRect(bx, TOP, 20, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int k = 0; k <= 4; k++) {
      g.drawString(String.format(Locale.ROOT, "%.0f", zMax - (zMax - zMin) * k / 4), bx + 24, TOP + H * k / 4 + 4);
    }
    g.dispose();
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) Files.createDirectories(abs.getParent());
    ImageIO.write(img, "png", abs.toFile());
  }

  /** A perceptually ordered blue → green → yellow map for t in [0, 1]. */
  static int colour(double t) {
    double[][] stops = {{0.27, 0.00, 0.33}, {0.23, 0.32, 0.55}, {0.13, 0.57, 0.55}, {0.37, 0.79, 0.38}, {0.99, 0.91, 0.14}};
    double s = t * (stops.length - 1);
    int k = Math.min(stops.length - 2, (int) Math.floor(s));
    double u = s - k;
    int r = (int) Math.round(255 * (stops[k][0] + u * (stops[k + 1][0] - stops[k][0])));
    int gr = (int) Math.round(255 * (stops[k][1] + u * (stops[k + 1][1] - stops[k][1])));
    int b = (int) Math.round(255 * (stops[k][2] + u * (stops[k + 1][2] - stops[k][2])));
    return (r << 16) | (gr << 8) | b;
  }
}
