package org.mlmp.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MNIST and Fashion-MNIST from their IDX files.
 *
 * <p>Looked for, in order, in {@code DATA_DIR/mnist} (resp. {@code DATA_DIR/fashion-mnist}) and, for
 * Fashion-MNIST, in {@code /usr/share/datasets/fashion-mnist} where Debian's {@code dataset-fashion-mnist}
 * installs it; each file raw or {@code .gz}. {@code DATA_DIR} is {@code --data-dir}, else
 * {@code MLMP_DATA}, else {@code ~/.mlmp/data} (see {@link DataDirectory}). {@link DataSets#fetch(Kind)}
 * (or {@code ./mlmp data fetch}) puts the files there.
 */
public final class MnistData {
  private MnistData() {}

  /** The two data sets. */
  public enum Kind {
    /** LeCun et al.'s handwritten digits 0–9, 28 × 28 pixels. */
    MNIST("mnist", "MNIST"),
    /** Zalando's Fashion-MNIST: ten kinds of clothing, 28 × 28 pixels, the same file layout as MNIST. */
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST");

    final String dir;
    final String title;

    Kind(String dir, String title) {
      this.dir = dir;
      this.title = title;
    }

    /**
     * The folder of the data directory that holds the files.
     *
     * @return "mnist" or "fashion-mnist"
     */
    public String directoryName() {
      return dir;
    }

    /**
     * The name for messages.
     *
     * @return "MNIST" or "Fashion-MNIST"
     */
    public String title() {
      return title;
    }
  }

  /**
   * Train (60 000) and test (10 000) images.
   *
   * @param train the 60 000 training images
   * @param test the 10 000 test images
   */
  public record TrainAndTest(ImageSet train, ImageSet test) {}

  /** Where Debian's {@code dataset-fashion-mnist} package installs Fashion-MNIST. */
  public static final Path DEBIAN_FASHION = Path.of("/usr/share/datasets/fashion-mnist");
  static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

  /**
   * Where the files of {@code kind} would be looked for.
   *
   * @param kind MNIST or Fashion-MNIST
   * @param dataDir the data directory
   * @return the folders, in search order
   */
  public static List<Path> searchPath(Kind kind, Path dataDir) {
    List<Path> dirs = new ArrayList<>(List.of(dataDir.resolve(kind.dir)));
    if (kind == Kind.FASHION_MNIST) dirs.add(DEBIAN_FASHION);
    return dirs;
  }

  /**
   * The directory holding all four files, or null.
   *
   * @param kind MNIST or Fashion-MNIST
   * @param dataDir the data directory
   * @return the first folder of {@link #searchPath} holding all four files (raw or .gz), or null
   */
  public static Path locate(Kind kind, Path dataDir) {
    for (Path d : searchPath(kind, dataDir)) {
      boolean all = true;
      for (String f : FILES) all &= find(d, f) != null;
      if (all) return d;
    }
    return null;
  }

  /**
   * Loads the train and test images.
   *
   * @param kind MNIST or Fashion-MNIST
   * @param dataDir the data directory
   * @return the two image sets
   * @throws IOException when the files are not found (the message says where it looked and how to fetch
   *     them) or cannot be read
   * @throws IllegalArgumentException when the files do not fit together
   */
  public static TrainAndTest load(Kind kind, Path dataDir) throws IOException {
    Path dir = locate(kind, dataDir);
    if (dir == null) {
      throw new IOException(kind.title + " was not found (looked in " + searchPath(kind, dataDir)
          + " for " + String.join(", ", FILES) + ", raw or .gz). " + DataSets.howToFetch(kind)
          + (dataDir.equals(DataDirectory.defaultDirectory()) ? "" : " --data-dir " + dataDir)
          + (dataDir.equals(DataDirectory.resolve(null)) ? "" : " (Java: DataSets.fetch(MnistData.Kind." + kind.name()
              + ", Path.of(\"" + dataDir + "\")))") + ".");
    }
    ImageSet train = ImageSet.of(IdxFile.read(find(dir, FILES[0])), IdxFile.read(find(dir, FILES[1])), kind.title + " train");
    ImageSet test = ImageSet.of(IdxFile.read(find(dir, FILES[2])), IdxFile.read(find(dir, FILES[3])), kind.title + " test");
    return new TrainAndTest(train, test);
  }

  static Path find(Path dir, String base) {
    for (String name : new String[] {base, base + ".gz"}) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) return p;
    }
    return null;
  }
}
