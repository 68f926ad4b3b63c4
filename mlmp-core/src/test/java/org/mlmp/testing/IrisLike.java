package org.mlmp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * An iris-like table made in the test: four measurements and a {@code species} column of names, drawn from three
 * Gaussian clusters near the per-species means of Fisher's iris data (setosa, versicolor, virginica), so the tests
 * of text class labels need no file from outside. {@link #SKLEARN_IRIS} is Debian's copy of the real table, used
 * only by tests that skip when it is absent.
 */
public final class IrisLike {
  private IrisLike() {}

  /** scikit-learn's iris.csv as Debian's {@code python3-sklearn} installs it (may be absent). */
  public static final Path SKLEARN_IRIS = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv");

  /** The header of the table. */
  public static final String HEADER = "sepal_length,sepal_width,petal_length,petal_width,species";

  /** The species, in the order of the clusters (which is their sorted order too). */
  public static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");

  private static final double[][] MEANS = {{5.0, 3.4, 1.5, 0.25}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.6, 2.0}};

  /**
   * The lines of the table (without the header): {@code perSpecies} rows of each species, interleaved.
   *
   * @param perSpecies rows per species
   * @param seed the random seed
   * @return one CSV line per row
   */
  public static List<String> rows(int perSpecies, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < perSpecies; i++) {
      for (int s = 0; s < 3; s++) {
        StringBuilder b = new StringBuilder();
        for (double m : MEANS[s]) b.append(String.format(Locale.ROOT, "%.1f,", Math.max(0.1, m + 0.25 * r.nextGaussian())));
        out.add(b.append(SPECIES.get(s)).toString());
      }
    }
    return out;
  }

  /**
   * Writes the table with a header.
   *
   * @param file where to write
   * @param perSpecies rows per species
   * @param seed the random seed
   * @return {@code file}
   * @throws IOException if it cannot be written
   */
  public static Path write(Path file, int perSpecies, long seed) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    lines.addAll(rows(perSpecies, seed));
    return Files.write(file, lines);
  }

  /**
   * scikit-learn's iris.csv rewritten with a header and the species names (its first line, {@code 150,4,setosa,...},
   * names the classes its last column numbers 0, 1, 2).
   *
   * @param file where to write
   * @return {@code file}
   * @throws IOException if {@link #SKLEARN_IRIS} cannot be read
   */
  public static Path writeSklearnIris(Path file) throws IOException {
    List<String> in = Files.readAllLines(SKLEARN_IRIS);
    String[] names = in.get(0).split(",");
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (String line : in.subList(1, in.size())) {
      if (line.isBlank()) continue;
      int cut = line.lastIndexOf(',');
      lines.add(line.substring(0, cut + 1) + names[2 + Integer.parseInt(line.substring(cut + 1).trim())]);
    }
    return Files.write(file, lines);
  }
}
