package org.mlmp.api;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.mlmp.backend.HostBlas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Features, optional targets and names: the input of every {@link org.mlmp.api.Trainer}.
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]}; {@code y: [nSamples]} or {@code [nSamples, nTargets]},
 * or null for unsupervised data. The arrays are copied on the way in and on the way out, so a Dataset
 * never changes and nothing outside can change it.
 *
 * <p>Class labels that came as text (iris' species) are carried as their values 0 … K − 1 in y and the names in
 * {@code classLabels} ({@link #ofLabels}, {@link org.mlmp.data.CsvTable#toDataset(String)}); a classifier fitted on
 * such data has those labels ({@link Classifier#classLabels()}) and predicts them
 * ({@link Classifier#predictLabels(INDArray)}). Subsets ({@link #rows}, {@link #withX}) keep the labels, so every
 * fold of a data set encodes a class by the same value.
 *
 * @param x features
 * @param y targets or class labels, or null
 * @param featureNames one name per column of x
 * @param targetName the target's name ("y" when not given)
 * @param classLabels the class names of a target that came as text, with y holding their values; null for
 *     numeric targets
 */
public record Dataset(INDArray x, INDArray y, List<String> featureNames, String targetName, ClassLabels classLabels) {
  /**
   * Validates the shapes (and that y holds only class values when {@code classLabels} is given) and copies the
   * arrays.
   *
   * @param x features {@code [nSamples, nFeatures]}
   * @param y targets {@code [nSamples]} or {@code [nSamples, nTargets]}, or null
   * @param featureNames one name per column of x, or null for {@code x0, x1, ...}
   * @param targetName the target's name, or null for "y"
   * @param classLabels the class labels of y when they came as text, or null
   * @throws IllegalArgumentException for shapes that do not match, or class labels without a matching y (both named)
   */
  public Dataset {
    Checks.matrix(x, "x");
    if (y != null) {
      if (y.rank() < 1 || y.rank() > 2 || y.size(0) != x.rows()) {
        throw new IllegalArgumentException("y must have shape [" + x.rows() + "] or [" + x.rows()
            + ", nTargets] to match x " + Arrays.toString(x.shape()) + ". Got " + Arrays.toString(y.shape())
            + " instead.");
      }
      y = y.dup();
    }
    x = x.dup();
    if (featureNames == null) {
      featureNames = IntStream.range(0, (int) x.columns()).mapToObj(i -> "x" + i).toList();
    } else if (featureNames.size() != x.columns()) {
      throw new IllegalArgumentException("featureNames has " + featureNames.size() + " names but x has "
          + x.columns() + " columns.");
    }
    featureNames = List.copyOf(featureNames);
    if (targetName == null) targetName = "y";
    if (classLabels != null) checkClassValues(y, classLabels, targetName);
  }

  /**
   * Features and targets with names; numeric targets (no class labels).
   *
   * @param x features {@code [nSamples, nFeatures]}
   * @param y targets, or null
   * @param featureNames one name per column of x, or null
   * @param targetName the target's name, or null
   */
  public Dataset(INDArray x, INDArray y, List<String> featureNames, String targetName) {
    this(x, y, featureNames, targetName, null);
  }

  private static void checkClassValues(INDArray y, ClassLabels labels, String targetName) {
    if (y == null || !(y.rank() == 1 || (y.rank() == 2 && y.size(1) == 1))) {
      throw new IllegalArgumentException("Class labels " + labels + " need y to hold one class value per row, shape"
          + " [nSamples]. Got " + (y == null ? "no y" : "y of shape " + Arrays.toString(y.shape())) + " instead.");
    }
    double[] v = y.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(y.length()).toDoubleVector();
    double[] classes = labels.values();
    for (int i = 0; i < v.length; i++) {
      if (Arrays.binarySearch(classes, v[i]) < 0) {
        throw new IllegalArgumentException("y (" + targetName + ") holds " + v[i] + " at row " + i + " (0-based), which"
            + " is not the value of one of its class labels " + labels.names() + " (values " + Arrays.toString(classes)
            + "). Make the data set with Dataset.ofLabels, which assigns the values.");
      }
    }
  }

  /**
   * Features and class labels that came as text, e.g. iris' species: the classes are the distinct labels sorted as
   * strings, y holds their values 0 … K − 1.
   *
   * @param x features {@code [nSamples][nFeatures]}, every row of the same length
   * @param labels one class label per row, none null or blank
   * @return the data set, named {@code x0, x1, ...} and {@code y}, with its {@link #classLabels()}
   * @throws IllegalArgumentException for a ragged x, a length mismatch, or a missing label (row and value named)
   */
  public static Dataset ofLabels(double[][] x, List<String> labels) {
    if (labels == null || x == null || labels.size() != x.length) {
      throw new IllegalArgumentException("labels must have one class label per row of x: x has "
          + (x == null ? "no rows (null)" : x.length + " rows") + ", labels has "
          + (labels == null ? "none (null)" : labels.size() + " values") + ".");
    }
    ClassLabels classes = ClassLabels.fromLabels(labels, "labels");
    Dataset d = of(x, classes.encode(labels, "labels"));
    return new Dataset(d.x, d.y, null, null, classes);
  }

  /**
   * Features and targets with default names.
   *
   * @param x features {@code [nSamples, nFeatures]} (copied)
   * @param y targets {@code [nSamples]} or {@code [nSamples, nTargets]} (copied), or null
   * @return the data set, named {@code x0, x1, ...} and {@code y}
   * @throws IllegalArgumentException when the shapes do not fit
   */
  public static Dataset of(INDArray x, INDArray y) {
    return new Dataset(x, y, null, null);
  }

  /**
   * Features only (unsupervised).
   *
   * @param x features {@code [nSamples, nFeatures]} (copied)
   * @return the data set without targets
   * @throws IllegalArgumentException when x is not a non-empty matrix
   */
  public static Dataset unlabeled(INDArray x) {
    return new Dataset(x, null, null, null);
  }

  /**
   * From plain Java arrays, in double precision (copied).
   *
   * @param x features {@code [nSamples][nFeatures]}, every row of the same length
   * @param y targets {@code [nSamples]}, or null for unlabeled data
   * @return the data set, named {@code x0, x1, ...} and {@code y}
   */
  public static Dataset of(double[][] x, double[] y) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException("x must hold at least one row [nSamples][nFeatures]. Got "
          + (x == null ? "null" : "0 rows") + " instead.");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null || x[i].length != x[0].length || x[0].length == 0) {
        throw new IllegalArgumentException("x must be a rectangular [nSamples][nFeatures] array with nFeatures >= 1;"
            + " row 0 has " + x[0].length + " values but row " + i + " has "
            + (x[i] == null ? "none (null)" : x[i].length) + ".");
      }
    }
    if (y != null && y.length != x.length) {
      throw new IllegalArgumentException("y must have one value per row of x: x has " + x.length + " rows, y has "
          + y.length + " values.");
    }
    return of(Nd4j.createFromArray(x), y == null ? null : Nd4j.createFromArray(y));
  }

  /**
   * Features only (unsupervised), from a plain Java array (copied).
   *
   * @param x features {@code [nSamples][nFeatures]}
   * @return the data set without targets
   */
  public static Dataset of(double[][] x) {
    return of(x, null);
  }

  /**
   * The features.
   *
   * @return a copy, {@code [nSamples, nFeatures]}
   */
  @Override
  public INDArray x() {
    return x.dup();
  }

  /**
   * The targets.
   *
   * @return a copy, {@code [nSamples]} or {@code [nSamples, nTargets]}; null for unlabeled data
   */
  @Override
  public INDArray y() {
    return y == null ? null : y.dup();
  }

  /**
   * The targets as plain doubles, element by element in c order, without an ND4J copy on the way ({@link #y()}
   * copies first): for a fit that reads y once.
   *
   * @return a new array of nSamples × nTargets doubles; null for unlabeled data
   */
  public double[] targetValues() {
    return y == null ? null : Matrices.flat(y);
  }

  /**
   * Whether the data set has targets.
   *
   * @return true when {@link #y()} is not null
   */
  public boolean hasTargets() {
    return y != null;
  }

  /**
   * The number of rows.
   *
   * @return nSamples
   */
  public int nSamples() {
    return (int) x.rows();
  }

  /**
   * The number of feature columns.
   *
   * @return nFeatures
   */
  public int nFeatures() {
    return (int) x.columns();
  }

  /**
   * The rows at {@code indices}, in that order.
   *
   * @param indices 0-based row indices (repeats allowed)
   * @return a new data set with the same names
   * @throws IndexOutOfBoundsException when an index is outside [0, nSamples)
   */
  public Dataset rows(int[] indices) {
    for (int i : indices) {
      if (i < 0 || i >= nSamples()) {
        throw new IndexOutOfBoundsException("row " + i + " is outside [0, " + nSamples() + ").");
      }
    }
    long[] idx = Arrays.stream(indices).asLongStream().toArray();
    INDArray xi = x.getRows(indices);
    INDArray yi = y == null ? null
        : y.rank() == 1 ? y.reshape(y.length(), 1).getRows(indices).reshape(idx.length)
        : y.getRows(indices);
    return new Dataset(xi, yi, featureNames, targetName, classLabels);
  }

  /**
   * Copies rows [{@code from}, {@code from} + m) of x into {@code dest}, a caller-owned array of shape
   * [m, nFeatures] (converted to its data type): reads a large data set block by block without copying
   * x whole, as {@link #x()} does.
   *
   * @param from the first row to copy, 0-based
   * @param dest the destination {@code [m, nFeatures]}, overwritten
   * @throws IllegalArgumentException when dest's shape or the row range does not fit x (both shapes named)
   */
  public void copyRows(long from, INDArray dest) {
    if (dest.rank() != 2 || dest.columns() != x.columns() || from < 0 || from + dest.rows() > x.rows()) {
      throw new IllegalArgumentException("copyRows: rows [" + from + ", " + (from + (dest.rank() == 2 ? dest.rows() : 0))
          + ") into an array of shape " + Arrays.toString(dest.shape()) + " do not fit x of shape "
          + Arrays.toString(x.shape()) + "; the destination must be [m, " + x.columns() + "] with from + m <= "
          + x.rows() + ".");
    }
    long m = dest.rows(), d = x.columns();
    if (m == 0) return;
    if (dest.dataType() == x.dataType() && x.ordering() == 'c' && dest.ordering() == 'c' && !x.isView()
        && !dest.isView() && HostBlas.hostMemory()) {
      // one plain memcpy of the contiguous rows: no element-wise op, so no second thread to wait for
      Nd4j.getMemoryManager().memcpy(dest.data(), Nd4j.createBuffer(x.data(), from * d, m * d));
    } else {
      dest.assign(x.get(NDArrayIndex.interval(from, from + m), NDArrayIndex.all()));
    }
  }

  /**
   * Throws, naming the row and column, if x or y holds NaN or ±∞.
   *
   * @return this data set, when every value is finite
   * @throws IllegalArgumentException at the first NaN or ±∞
   */
  public Dataset requireFinite() {
    Checks.finite(x, "x");
    Checks.finite(y, "y");
    return this;
  }

  /**
   * The same data with other features (e.g. after scaling); targets and names kept.
   *
   * @param newX features {@code [nSamples, nFeatures']}; the feature names are kept when the column count is
   *     unchanged, else they become {@code x0, x1, ...}
   * @return the new data set
   * @throws IllegalArgumentException when newX is not a matrix with nSamples rows
   */
  public Dataset withX(INDArray newX) {
    return new Dataset(newX, y, newX.columns() == x.columns() ? featureNames : null, targetName, classLabels);
  }
}
