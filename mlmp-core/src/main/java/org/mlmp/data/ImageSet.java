package org.mlmp.data;

import org.mlmp.api.Dataset;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grey-scale images with integer labels, as in MNIST: {@code pixels} holds {@code n × height × width}
 * bytes (0 = background, 255 = ink), row-major. The arrays are copied in and out, so an ImageSet never
 * changes.
 *
 * @param pixels the images' bytes, {@code n × height × width}, row-major (0 = background, 255 = ink)
 * @param labels one label per image, {@code [n]}
 * @param height image height in pixels
 * @param width image width in pixels
 */
public record ImageSet(byte[] pixels, int[] labels, int height, int width) {
  /**
   * Checks the sizes and copies the arrays.
   *
   * @param pixels the images' bytes, {@code n × height × width}, row-major (0 = background, 255 = ink)
   * @param labels one label per image, {@code [n]}
   * @param height image height in pixels
   * @param width image width in pixels
   * @throws IllegalArgumentException when the pixel count is not labels × height × width
   */
  public ImageSet {
    if ((long) labels.length * height * width != pixels.length) {
      throw new IllegalArgumentException("ImageSet: " + labels.length + " labels of " + height + "x" + width
          + " images need " + (long) labels.length * height * width + " pixels, got " + pixels.length + ".");
    }
    pixels = pixels.clone();
    labels = labels.clone();
  }

  /**
   * A copy of the pixels (read it once, not per pixel).
   *
   * @return a new array
   */
  @Override
  public byte[] pixels() {
    return pixels.clone();
  }

  /**
   * A copy of the labels.
   *
   * @return a new array
   */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /**
   * Combines an images file [n, h, w] and a labels file [n], checking that they agree.
   *
   * @param images an unsigned-byte IDX file of rank 3
   * @param labels an unsigned-byte IDX file of rank 1
   * @param what names the pair in messages, e.g. "MNIST train"
   * @return the image set
   * @throws IllegalArgumentException when a file has the wrong type or rank, or the counts differ
   */
  public static ImageSet of(IdxFile images, IdxFile labels, String what) {
    if (images.type() != IdxFile.UBYTE || images.dims().length != 3) {
      throw new IllegalArgumentException(what + ": the images file must be unsigned bytes [n, height, width];"
          + " got type 0x" + Integer.toHexString(images.type()) + " dims " + Arrays.toString(images.dims()) + ".");
    }
    if (labels.type() != IdxFile.UBYTE || labels.dims().length != 1) {
      throw new IllegalArgumentException(what + ": the labels file must be unsigned bytes [n]; got dims "
          + Arrays.toString(labels.dims()) + ".");
    }
    if (images.dims()[0] != labels.dims()[0]) {
      throw new IllegalArgumentException(what + ": " + images.dims()[0] + " images but " + labels.dims()[0]
          + " labels.");
    }
    return new ImageSet(images.data(), labels.unsignedBytes(), images.dims()[1], images.dims()[2]);
  }

  /**
   * The number of images.
   *
   * @return n
   */
  public int size() {
    return labels.length;
  }

  /**
   * The first {@code n} images (or all if fewer).
   *
   * @param n how many
   * @return the selected images
   */
  public ImageSet head(int n) {
    int m = Math.min(n, size());
    return new ImageSet(Arrays.copyOf(pixels, m * height * width), Arrays.copyOf(labels, m), height, width);
  }

  /**
   * The images as a data set for the models.
   *
   * @return pixels scaled to [0, 1] as float {@code [n, height*width]}, labels as {@code [n]}
   */
  public Dataset toDataset() {
    int d = height * width;
    float[] f = new float[pixels.length];
    for (int i = 0; i < f.length; i++) f[i] = (pixels[i] & 0xff) / 255f;
    INDArray x = Nd4j.create(f, new long[] {size(), d}, DataType.FLOAT);
    INDArray y = Nd4j.createFromArray(Arrays.stream(labels).asDoubleStream().toArray());
    return new Dataset(x, y, null, "label");
  }
}
