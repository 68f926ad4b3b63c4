package org.mlmp.data;

import org.mlmp.api.ClassLabels;
import org.mlmp.api.Dataset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An image data set ready for a network: flat rows, the class names and where each row came from,
 * with the {@link ImagePreprocessing} that made the rows (store it with the fitted network; apply it
 * to new images at predict time).
 *
 * <p>Read from a folder with one sub-folder per class ({@code DIR/cat/1.png}, {@code DIR/dog/7.jpg}:
 * PNG, JPEG or BMP; class names are the sub-folder names sorted; files sorted by name within a class;
 * other files are skipped with a logged notice; folders starting with '.' are ignored), or from IDX
 * files (MNIST's format).
 *
 * <p>Channels: if every pixel of every image has R = G = B the set is grey (1 channel), otherwise RGB
 * (3 channels) and the grey images among them are converted (each grey value repeated in R, G, B) —
 * mixed folders are converted, not refused.
 *
 * <p>Shapes: {@code data.x(): [n, C·H·W]} float, NCHW-flattened (see {@link ImagePreprocessing});
 * {@code data.y(): [n]} the index of each row's class in {@code classes} (null for unlabeled IDX); for a folder,
 * {@code data.classLabels()} holds the folder names, so a classifier fitted on it predicts them.
 *
 * @param data the rows and class indices
 * @param classes the class names; {@code y = k} means {@code classes.get(k)}
 * @param sources the file of each row ({@code file[i]} for image i of an IDX file)
 * @param preprocessing what was done to every image
 */
public record LabeledImages(Dataset data, List<String> classes, List<String> sources, ImagePreprocessing preprocessing) {
  private static final Logger LOG = LoggerFactory.getLogger(LabeledImages.class);
  private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");

  /**
   * Checks that the rows, sources and preprocessing agree; copies the lists.
   *
   * @param data the rows and class indices
   * @param classes the class names
   * @param sources the source of each row
   * @param preprocessing what was done to every image
   */
  public LabeledImages {
    classes = List.copyOf(classes);
    sources = List.copyOf(sources);
    if (sources.size() != data.nSamples() || data.nFeatures() != preprocessing.rowLength()) {
      throw new IllegalArgumentException("LabeledImages: " + data.nSamples() + " rows of " + data.nFeatures()
          + " values need " + data.nSamples() + " sources and rows of " + preprocessing.rowLength() + " values ("
          + preprocessing + "); got " + sources.size() + " sources.");
    }
  }

  /**
   * The number of images.
   *
   * @return the number of rows
   */
  public int size() {
    return data.nSamples();
  }

  /**
   * A folder of class folders whose images all have the size of the first one (no resizing).
   *
   * @param dir the folder holding one sub-folder per class
   * @return the images, classes, sources and preprocessing
   * @throws IOException naming the first image of another size, its size, the expected size and the
   *     fix, or an empty class folder, an unreadable image, a folder without class sub-folders
   */
  public static LabeledImages readFolder(Path dir) throws IOException {
    return readFolder(dir, null, null);
  }

  /**
   * A folder of class folders, every image resized bilinearly to {@code height × width}.
   *
   * @param dir the folder holding one sub-folder per class
   * @param height the target height
   * @param width the target width
   * @return the images, classes, sources and preprocessing
   * @throws IOException naming an empty class folder, an unreadable image or a folder without class
   *     sub-folders
   */
  public static LabeledImages readFolder(Path dir, int height, int width) throws IOException {
    return readFolder(dir, new int[] {height, width}, null);
  }

  /**
   * A folder of class folders preprocessed exactly as {@code p} says (e.g. a fitted network's): its
   * size, channels, scaling and resize method.
   *
   * @param dir the folder holding one sub-folder per class
   * @param p the preprocessing to apply
   * @return the images, classes, sources and {@code p}
   * @throws IOException naming an empty class folder, an unreadable image, a folder without class
   *     sub-folders or (resize NONE) an image of another size
   */
  public static LabeledImages readFolder(Path dir, ImagePreprocessing p) throws IOException {
    return readFolder(dir, null, p);
  }

  private static LabeledImages readFolder(Path dir, int[] size, ImagePreprocessing given) throws IOException {
    if (!Files.isDirectory(dir)) throw new IOException("Image folder " + dir + " does not exist or is not a folder.");
    List<Path> classDirs;
    try (Stream<Path> s = Files.list(dir)) {
      classDirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
    if (classDirs.isEmpty()) {
      List<Path> direct = imageFiles(dir);
      throw new IOException("Image folder " + dir + " has no class sub-folders; expected one sub-folder per class ("
          + dir.resolve("cat").resolve("1.png") + ", " + dir.resolve("dog").resolve("2.png") + ", ...)"
          + (direct.isEmpty() ? "." : ", but found " + direct.size() + " images directly in it (e.g. "
          + direct.get(0).getFileName() + "): move them into a folder named after their class."));
    }
    List<String> classes = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Path c : classDirs) {
      List<Path> images = imageFiles(c);
      if (images.isEmpty()) {
        throw new IOException("Class folder " + c + " holds no images (PNG, JPEG or BMP); add images of class '"
            + c.getFileName() + "' or remove the folder.");
      }
      for (Path f : images) {
        files.add(f);
        labels.add(classes.size());
      }
      classes.add(c.getFileName().toString());
    }
    // decode each image once: packed RGB at the target size, then channels from the whole set
    List<int[]> pixels = new ArrayList<>(files.size());
    ImagePreprocessing p = given;
    Path first = files.get(0);
    boolean grey = true;
    for (Path f : files) {
      BufferedImage img = ImagePreprocessing.read(f);
      if (p == null) {
        p = size == null
            ? ImagePreprocessing.of(img.getHeight(), img.getWidth(), 1)
            : ImagePreprocessing.of(size[0], size[1], 1).withResize(ImagePreprocessing.Resize.BILINEAR);
      }
      int[] rgb;
      try {
        rgb = p.canonical(img, f.toString());
      } catch (IOException e) {
        throw given == null && size == null
            ? new IOException(e.getMessage().replace("but the images must be", "but the first image " + first + " is"), e)
            : e;
      }
      grey &= ImagePreprocessing.isGrey(rgb);
      pixels.add(rgb);
    }
    if (given == null && !grey) {
      p = ImagePreprocessing.of(p.height(), p.width(), 3).withScale(p.scale()).withResize(p.resize());
    }
    float[] x = new float[files.size() * p.rowLength()];
    for (int i = 0; i < files.size(); i++) {
      System.arraycopy(p.toChannels(pixels.get(i)), 0, x, i * p.rowLength(), p.rowLength());
    }
    double[] y = labels.stream().mapToDouble(Integer::doubleValue).toArray();
    Dataset data = new Dataset(Nd4j.create(x, new long[] {files.size(), p.rowLength()}, DataType.FLOAT),
        Nd4j.createFromArray(y), null, "class", classes.isEmpty() ? null : ClassLabels.ofNames(classes));
    return new LabeledImages(data, classes, files.stream().map(Path::toString).toList(), p);
  }

  /**
   * The images (PNG, JPEG, BMP by extension, any case) directly in {@code dir}, sorted by name; other
   * files are skipped with one logged notice. For predicting on a folder of new images with
   * {@link ImagePreprocessing#rows(List)}.
   *
   * @param dir a folder
   * @return the image files in it
   * @throws IOException if the folder cannot be listed
   */
  public static List<Path> imageFiles(Path dir) throws IOException {
    List<Path> images = new ArrayList<>();
    List<Path> other = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
        (EXTENSIONS.contains(ext) ? images : other).add(f);
      }
    }
    if (!other.isEmpty()) {
      LOG.info("Image folder {}: skipped {} file(s) that are not .png, .jpg, .jpeg or .bmp (e.g. {}).", dir,
          other.size(), other.get(0).getFileName());
    }
    return images;
  }

  /**
   * Images and labels from IDX files (unsigned bytes {@code [n, height, width]} and {@code [n]}), grey,
   * scaled by 1/255, without resizing. Classes are the distinct label values, sorted numerically, as
   * text ("0", "1", ...).
   *
   * @param imagesFile an IDX file of unsigned bytes {@code [n, height, width]}, raw or gzip
   * @param labelsFile an IDX file of unsigned bytes {@code [n]}, or null for unlabeled images (then
   *     {@code classes} is empty and y is null)
   * @return the images, classes, sources ({@code file[i]}) and preprocessing
   * @throws IOException if a file is unreadable, not IDX, or the two disagree
   */
  public static LabeledImages readIdx(Path imagesFile, Path labelsFile) throws IOException {
    IdxFile images = IdxFile.read(imagesFile);
    int[] dims = images.dims();
    if (images.type() != IdxFile.UBYTE || dims.length != 3) {
      throw new IOException("IDX file " + imagesFile + " must hold unsigned-byte images [n, height, width]; got type 0x"
          + Integer.toHexString(images.type()) + " dims " + Arrays.toString(dims) + ".");
    }
    int n = dims[0];
    ImagePreprocessing p = ImagePreprocessing.of(dims[1], dims[2], 1);
    byte[] px = images.data();
    float[] x = new float[px.length];
    for (int i = 0; i < px.length; i++) x[i] = (float) ((px[i] & 0xff) * p.scale());
    List<String> sources = new ArrayList<>(n);
    for (int i = 0; i < n; i++) sources.add(imagesFile + "[" + i + "]");
    List<String> classes = List.of();
    double[] y = null;
    if (labelsFile != null) {
      IdxFile labels = IdxFile.read(labelsFile);
      if (labels.type() != IdxFile.UBYTE || labels.dims().length != 1 || labels.dims()[0] != n) {
        throw new IOException("IDX file " + labelsFile + " must hold " + n + " unsigned-byte labels [" + n + "] for the "
            + n + " images of " + imagesFile + "; got type 0x" + Integer.toHexString(labels.type()) + " dims "
            + Arrays.toString(labels.dims()) + ".");
      }
      int[] l = labels.unsignedBytes();
      TreeSet<Integer> distinct = new TreeSet<>();
      for (int v : l) distinct.add(v);
      int[] index = new int[256];
      int k = 0;
      for (int v : distinct) index[v] = k++;
      classes = distinct.stream().map(String::valueOf).toList();
      y = new double[n];
      for (int i = 0; i < n; i++) y[i] = index[l[i]];
    }
    Dataset data = new Dataset(Nd4j.create(x, new long[] {n, p.rowLength()}, DataType.FLOAT),
        y == null ? null : Nd4j.createFromArray(y), null, "class");
    return new LabeledImages(data, classes, sources, p);
  }
}
