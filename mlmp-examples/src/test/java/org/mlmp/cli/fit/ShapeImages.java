package org.mlmp.cli.fit;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Small grey images of three shapes a CNN tells apart, drawn with java.awt for the tests: a circle outline, a
 * square outline and a plus sign, white on black, of random size (5..8 px) and position within {@code size × size}.
 */
final class ShapeImages {
  static final String[] KINDS = {"circle", "plus", "square"};

  private ShapeImages() {}

  /** Image {@code i} of shape {@code kind} (0, 1, 2 = circle, plus, square), drawn from {@code seed}. */
  static BufferedImage draw(int kind, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int s = 5 + r.nextInt(4), x = r.nextInt(size - s), y = r.nextInt(size - s);
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, size, size);
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(1));
    switch (kind) {
      case 0 -> g.drawOval(x, y, s, s);
      case 1 -> {
        g.drawLine(x + s / 2, y, x + s / 2, y + s);
        g.drawLine(x, y + s / 2, x + s, y + s / 2);
      }
      default -> g.drawRect(x, y, s, s);
    }
    g.dispose();
    return img;
  }

  /** The image as one CSV row of grey values 0..255, row-major. */
  static String csvRow(BufferedImage img) {
    StringBuilder sb = new StringBuilder();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        sb.append(sb.length() == 0 ? "" : ",").append(img.getRaster().getSample(x, y, 0));
      }
    }
    return sb.toString();
  }
}
