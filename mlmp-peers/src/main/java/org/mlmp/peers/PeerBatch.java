package org.mlmp.peers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.mlmp.io.NpyHeader;

/**
 * The training batch a peer run gets from {@code mlmp compare} ({@code --x IMAGES.npy --y LABELS.npy}): the same images
 * and labels mlmp trains on, so every side of a row computes on the same numbers. The files are NumPy {@code .npy}
 * (version 1.0, C order) as {@code org.mlmp.io.Npy} writes them: images float32 ({@code <f4}) of shape batch × C × H × W,
 * labels int32 ({@code <i4}) class indices of shape batch. Read with mlmp-core's {@link NpyHeader} and without ND4J, whose
 * natives must not load beside a peer's engine (a second OpenBLAS and OpenMP runtime in the process).
 *
 * @param images the pixels, C order
 * @param shape the images' shape {batch, C, H, W}
 * @param labels the class of each image
 */
public record PeerBatch(float[] images, long[] shape, int[] labels) {
  /**
   * Reads and checks a batch for {@code p}'s workload ({@link PeerArgs#image()}, {@link PeerArgs#classes()}) and batch
   * size.
   *
   * @param p the run's arguments, with {@code x} and {@code y}
   * @return the batch
   * @throws IOException if a file is missing, not a float32 / int32 {@code .npy} file, or of the wrong shape, or a
   *     label is out of range (the message names the file, what it holds and what was expected)
   */
  public static PeerBatch read(PeerArgs p) throws IOException {
    long[] image = p.image();
    int classes = p.classes();
    long[] want = {p.batch(), image[0], image[1], image[2]};
    Array x = array(p.x(), "<f4", "images");
    if (!Arrays.equals(x.shape, want)) {
      throw new IOException("The images " + p.x() + " have shape " + Arrays.toString(x.shape) + "; the " + p.workload()
          + " run with --batch " + p.batch() + " needs " + Arrays.toString(want) + ". Write the batch's images as"
          + " float32 batch x C x H x W.");
    }
    Array y = array(p.y(), "<i4", "labels");
    if (!Arrays.equals(y.shape, new long[] {p.batch()})) {
      throw new IOException("The labels " + p.y() + " have shape " + Arrays.toString(y.shape) + "; --batch " + p.batch()
          + " needs [" + p.batch() + "]. Write one int32 class index per image.");
    }
    float[] pixels = new float[(int) (x.data.remaining() / 4)];
    x.data.asFloatBuffer().get(pixels);
    int[] labels = new int[p.batch()];
    y.data.asIntBuffer().get(labels);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IOException("Label " + i + " of " + p.y() + " is " + labels[i] + "; the " + p.workload() + " run has "
            + classes + " classes (0.." + (classes - 1) + ").");
      }
    }
    return new PeerBatch(pixels, want, labels);
  }

  /** A C-order array's shape and its data (little-endian, positioned at the first element). */
  private record Array(long[] shape, ByteBuffer data) {}

  private static Array array(Path file, String descr, String what) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("The " + what + " file " + file + " does not exist (--" + (what.equals("images") ? "x" : "y")
          + " of a peer run).", e);
    }
    String named = "The " + what + " file " + file;
    NpyHeader h = NpyHeader.parse(bytes, named);
    if (!h.descr().equals(descr) || h.fortranOrder()) {
      throw new IOException(named + " holds dtype '" + h.descr() + "'" + (h.fortranOrder() ? " in Fortran order" : "")
          + "; a peer run reads '" + descr + "' in C order.");
    }
    h.requireData(bytes.length, 4, named);
    return new Array(h.shape(), ByteBuffer.wrap(bytes).position(h.dataStart()).slice().order(ByteOrder.LITTLE_ENDIAN));
  }
}
