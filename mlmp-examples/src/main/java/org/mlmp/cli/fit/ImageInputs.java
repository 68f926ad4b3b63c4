package org.mlmp.cli.fit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mlmp.data.ImagePreprocessing;
import org.mlmp.data.LabeledImages;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code --images DIR|IDX} for fit and predict, on the data API ({@link LabeledImages}, {@link ImagePreprocessing}).
 * A folder holds one sub-folder per class (for predict also: the images directly in it); a file is an IDX images
 * file, whose labels file (for fit) is the same name with "labels" for "images" and "idx1" for "idx3", MNIST's
 * naming ({@code train-images-idx3-ubyte} → {@code train-labels-idx1-ubyte}).
 */
final class ImageInputs {
  private ImageInputs() {}

  /** The training images, resized to {@code --image-size HxW} when given. */
  static LabeledImages readTraining(Path images, String imageSize) throws IOException {
    if (Files.isDirectory(images)) {
      if (imageSize == null) return LabeledImages.readFolder(images);
      int[] hw = ImagePreprocessing.parseSize(imageSize);
      return LabeledImages.readFolder(images, hw[0], hw[1]);
    }
    if (!Files.isRegularFile(images)) {
      throw new IOException("--images " + images + " does not exist; give a folder of class folders or an IDX images file.");
    }
    if (imageSize != null) {
      throw new IllegalArgumentException("--image-size does not apply to the IDX file " + images
          + ": IDX images are used at their own size.");
    }
    Path labels = labelsFile(images);
    if (!Files.isRegularFile(labels)) {
      throw new IOException("The IDX images file " + images + " needs its labels file " + labels
          + " (the same name with 'labels' for 'images' and 'idx1' for 'idx3'), which does not exist.");
    }
    return LabeledImages.readIdx(images, labels);
  }

  private static Path labelsFile(Path images) {
    String n = images.getFileName().toString();
    String l = n.replace("images", "labels").replace("idx3", "idx1");
    return images.resolveSibling(l.equals(n) ? n + ".labels" : l);
  }

  /** Rows to predict and their sources. */
  record ImageRows(INDArray x, List<String> sources) {}

  /**
   * The images of {@code images} prepared as {@code model} was trained: its stored preprocessing, or for a network
   * saved without one (e.g. by mnist) its input shape at scale 1/255 without resizing.
   */
  static ImageRows readForPredict(Path images, NeuralNetModel model, Path modelFile) throws IOException {
    ImagePreprocessing p = model.imagePreprocessing().orElseGet(() -> fromShape(model, modelFile));
    if (Files.isRegularFile(images)) {
      LabeledImages idx = LabeledImages.readIdx(images, null);
      ImagePreprocessing q = idx.preprocessing();
      if (q.height() != p.height() || q.width() != p.width() || p.channels() != 1) {
        throw new IOException("The IDX file " + images + " holds " + q.height() + "x" + q.width() + " grey images, but the"
            + " model " + modelFile + " takes " + p.channels() + " channel(s) of " + p.height() + "x" + p.width()
            + ". Give images of that size.");
      }
      INDArray x = idx.data().x();
      if (p.scale() != q.scale()) x = x.mul(p.scale() / q.scale());
      return new ImageRows(x, idx.sources());
    }
    if (!Files.isDirectory(images)) {
      throw new IOException("--images " + images + " does not exist; give a folder of images or an IDX images file.");
    }
    List<Path> files = new ArrayList<>(LabeledImages.imageFiles(images));
    if (files.isEmpty()) {
      try (Stream<Path> s = Files.list(images)) {
        for (Path d : s.filter(Files::isDirectory).sorted().toList()) files.addAll(LabeledImages.imageFiles(d));
      }
    }
    if (files.isEmpty()) {
      throw new IOException("Image folder " + images + " holds no PNG, JPEG or BMP images (directly or in sub-folders).");
    }
    return new ImageRows(p.rows(files), files.stream().map(Path::toString).toList());
  }

  private static ImagePreprocessing fromShape(NeuralNetModel model, Path modelFile) {
    Shape in = model.network().input();
    if (!in.image() || (in.channels() != 1 && in.channels() != 3)) {
      throw new IllegalArgumentException("The model " + modelFile + " takes " + in + " rows, not images (it was not"
          + " trained on images and its input is no 1- or 3-channel image). Predict it with --data CSV.");
    }
    return ImagePreprocessing.of(in.height(), in.width(), in.channels());
  }
}
