package org.mlmp.data;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exactly what turns one image into one row of a data set, so that a fitted network can store it and
 * apply it to new images at predict time.
 *
 * <p>Steps, in order: (1) decode (PNG, JPEG, BMP through {@code javax.imageio}); pixels as 8-bit sRGB,
 * a single-band grey image by its raw samples scaled to 0..255 (no colour-space conversion), alpha
 * ignored; (2) if the size is not {@code height × width}: with {@link Resize#BILINEAR}, scale to it by
 * java.awt {@code Graphics2D.drawImage} on a {@code TYPE_INT_RGB} image with the rendering hints
 * {@code KEY_INTERPOLATION = VALUE_INTERPOLATION_BILINEAR}, {@code KEY_RENDERING = VALUE_RENDER_QUALITY},
 * {@code KEY_ANTIALIASING = VALUE_ANTIALIAS_OFF} and the {@code Src} composite (bilinear from the 4
 * nearest source pixels: no area averaging, so strong down-scaling aliases); with {@link Resize#NONE},
 * an error; (3) channels: 1 takes the grey value, converting a colour pixel by ITU-R BT.601 luma
 * {@code round(0.299 R + 0.587 G + 0.114 B)}; 3 takes R, G, B (a grey pixel gives three equal values);
 * (4) each value 0..255 times {@code scale}.
 *
 * <p>Shape of a row: {@code [channels · height · width]} in CHW order, i.e. index
 * {@code (c · height + y) · width + x}; many rows form the NCHW-flattened {@code [n, C·H·W]}.
 *
 * @param height rows of the image after step (2), ≥ 1
 * @param width columns of the image after step (2), ≥ 1
 * @param channels 1 (grey) or 3 (RGB)
 * @param scale the factor applied to every 0..255 value, finite and &gt; 0 (1/255 maps to [0, 1])
 * @param resize what to do with an image of another size
 */
public record ImagePreprocessing(int height, int width, int channels, double scale, Resize resize) {
  /** The pixel scaling used by the image readers: 0..255 to [0, 1]. */
  public static final double UNIT_SCALE = 1.0 / 255.0;

  /** How an image of another size than height × width is treated. */
  public enum Resize {
    /** Refused with an error naming the file, its size and the expected size. */
    NONE,
    /** Scaled bilinearly with java.awt (hints listed in {@link ImagePreprocessing}). */
    BILINEAR
  }

  /**
   * Validates the components.
   *
   * @param height image rows, ≥ 1
   * @param width image columns, ≥ 1
   * @param channels 1 or 3
   * @param scale factor on 0..255, finite, &gt; 0
   * @param resize NONE or BILINEAR
   */
  public ImagePreprocessing {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("The image size of ImagePreprocessing must be at least 1x1 (HxW). Got "
          + height + "x" + width + " instead.");
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("The 'channels' parameter of ImagePreprocessing must be 1 (grey) or 3 (RGB)."
          + " Got " + channels + " instead.");
    }
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("The 'scale' parameter of ImagePreprocessing must be finite and > 0. Got "
          + scale + " instead.");
    }
    if (resize == null) throw new IllegalArgumentException("The 'resize' parameter of ImagePreprocessing must not be null.");
  }

  /**
   * Values per image.
   *
   * @return channels · height · width
   */
  public int rowLength() {
    return channels * height * width;
  }

  /**
   * The shape of one image as a network input.
   *
   * @return {@code [channels, height, width]}
   */
  public int[] shape() {
    return new int[] {channels, height, width};
  }

  /**
   * Parses a size written {@code HxW} (e.g. {@code 28x28}), as {@code --image-size} takes it.
   *
   * @param hxw the size as text
   * @return {height, width}
   */
  public static int[] parseSize(String hxw) {
    String[] p = hxw == null ? new String[0] : hxw.trim().toLowerCase(java.util.Locale.ROOT).split("x", -1);
    try {
      if (p.length == 2) {
        int h = Integer.parseInt(p[0].trim()), w = Integer.parseInt(p[1].trim());
        if (h >= 1 && w >= 1) return new int[] {h, w};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("An image size must be HxW with positive integers, e.g. 28x28. Got '" + hxw
        + "' instead.");
  }

  /**
   * Reads and preprocesses one image file.
   *
   * @param file a PNG, JPEG or BMP file
   * @return a row {@code [channels · height · width]}, CHW order
   * @throws IOException if the file cannot be decoded, or has another size and {@code resize} is NONE
   */
  public float[] apply(Path file) throws IOException {
    return apply(read(file), file.toString());
  }

  /**
   * Preprocesses one decoded image.
   *
   * @param image the decoded image
   * @param name how errors name the image (e.g. its file)
   * @return {@code [channels · height · width]}, CHW order
   * @throws IOException if the image has another size and {@code resize} is NONE
   */
  public float[] apply(BufferedImage image, String name) throws IOException {
    return toChannels(canonical(image, name));
  }

  /**
   * Reads and preprocesses image files, e.g. new images to predict.
   *
   * @param files PNG, JPEG or BMP files
   * @return {@code [n, channels · height · width]} float, one row per file
   * @throws IOException naming the first file that cannot be decoded or has the wrong size
   */
  public INDArray rows(List<Path> files) throws IOException {
    float[] all = new float[files.size() * rowLength()];
    for (int i = 0; i < files.size(); i++) System.arraycopy(apply(files.get(i)), 0, all, i * rowLength(), rowLength());
    return Nd4j.create(all, new long[] {files.size(), rowLength()}, DataType.FLOAT);
  }

  /** Decodes an image file, naming the file and the fix when it cannot. */
  static BufferedImage read(Path file) throws IOException {
    org.mlmp.api.InputFiles.requireFile("Image", file);
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new IOException("Image file " + file + " is corrupt or unreadable (" + e.getMessage() + "); replace or"
          + " remove it.", e);
    }
    if (img == null) {
      throw new IOException("Image file " + file + " is not an image javax.imageio can decode (PNG, JPEG or BMP);"
          + " convert it to PNG or remove it.");
    }
    return img;
  }

  /** The image as packed 0xRRGGBB, scaled to height × width when asked (steps 1 and 2). */
  int[] canonical(BufferedImage image, String name) throws IOException {
    int h = image.getHeight(), w = image.getWidth();
    int[] rgb = packed(image);
    if (h == height && w == width) return rgb;
    if (resize == Resize.NONE) {
      throw new IOException("Image " + name + " is " + h + "x" + w + " (HxW) but the images must be " + height + "x"
          + width + "; give a target size (--image-size HxW, or LabeledImages.readFolder(dir, height, width)) to resize"
          + " every image, or resize the file.");
    }
    BufferedImage src = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    src.setRGB(0, 0, w, h, rgb, 0, w);
    BufferedImage dst = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = dst.createGraphics();
    try {
      g.setComposite(AlphaComposite.Src);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.drawImage(src, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return dst.getRGB(0, 0, width, height, null, 0, width);
  }

  /** Packed 0xRRGGBB: a single-band grey image by its samples (no colour-space conversion), else sRGB. */
  static int[] packed(BufferedImage image) {
    int h = image.getHeight(), w = image.getWidth();
    int[] out = new int[h * w];
    Raster r = image.getRaster();
    if (r.getNumBands() == 1 && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
      int max = (1 << image.getColorModel().getComponentSize(0)) - 1;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int v = (int) Math.round(r.getSample(x, y, 0) * 255.0 / max);
          out[y * w + x] = v << 16 | v << 8 | v;
        }
      }
    } else {
      image.getRGB(0, 0, w, h, out, 0, w);
      for (int i = 0; i < out.length; i++) out[i] &= 0xFFFFFF;
    }
    return out;
  }

  /** True if every pixel has R = G = B. */
  static boolean isGrey(int[] rgb) {
    for (int p : rgb) {
      int r = p >>> 16 & 0xff, g = p >>> 8 & 0xff, b = p & 0xff;
      if (r != g || g != b) return false;
    }
    return true;
  }

  /** Steps 3 and 4 on packed pixels of height × width. */
  float[] toChannels(int[] rgb) {
    int hw = height * width;
    float[] out = new float[channels * hw];
    for (int i = 0; i < hw; i++) {
      int p = rgb[i], r = p >>> 16 & 0xff, g = p >>> 8 & 0xff, b = p & 0xff;
      if (channels == 1) {
        int v = r == g && g == b ? r : (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        out[i] = (float) (v * scale);
      } else {
        out[i] = (float) (r * scale);
        out[hw + i] = (float) (g * scale);
        out[2 * hw + i] = (float) (b * scale);
      }
    }
    return out;
  }

  /**
   * Images of exactly this size, scaled to [0, 1] ({@link #UNIT_SCALE}), other sizes refused.
   *
   * @param height image rows, ≥ 1
   * @param width image columns, ≥ 1
   * @param channels 1 (grey) or 3 (RGB)
   * @return the preprocessing
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public static ImagePreprocessing of(int height, int width, int channels) {
    return new ImagePreprocessing(height, width, channels, UNIT_SCALE, Resize.NONE);
  }

  /**
   * This preprocessing with another pixel scale.
   *
   * @param s factor on 0..255, finite, &gt; 0
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public ImagePreprocessing withScale(double s) {
    return new ImagePreprocessing(height, width, channels, s, resize);
  }

  /**
   * This preprocessing with another treatment of other sizes.
   *
   * @param r NONE or BILINEAR
   * @return a copy with the new value
   * @throws IllegalArgumentException if a value breaks the constraint documented on the component
   */
  public ImagePreprocessing withResize(Resize r) {
    return new ImagePreprocessing(height, width, channels, scale, r);
  }
}
