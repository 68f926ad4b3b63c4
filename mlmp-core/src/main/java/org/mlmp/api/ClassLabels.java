package org.mlmp.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The classes of a classifier, as the labels came: numbers (e.g. 0…9 or ±1) or names (e.g. iris'
 * {@code setosa}, {@code versicolor}, {@code virginica}). scikit-learn: a fitted classifier's {@code classes_}.
 *
 * <p>Every class has a number, its <em>value</em>: what {@link Classifier#predict(INDArray)} returns and
 * {@link Classifier#classes()} lists, ascending. Numeric labels are their own values. Text labels have the
 * values 0, 1, …, K − 1 in the order of their names (sorted as strings, as scikit-learn's {@code np.unique}
 * sorts them, when made by {@link #fromLabels}), and {@link #names()} holds the names.
 * {@link Classifier#predictLabels(INDArray)} gives the predictions as the labels themselves.
 *
 * <p>In a model file (format version 2 on) the values are the array {@code "classes"} and, for text labels,
 * the configuration entry {@code "classNames"} holds the names in the same order; a file without
 * {@code "classNames"} (every file of format version 1 but networks trained on image folders) has numeric labels.
 *
 * <p>The class also holds the rule every classifier trainer applies to numeric labels before fitting
 * ({@link #distinct}): class labels are integers and there are at most {@value #MAX_CLASSES} distinct ones,
 * unless the trainer's {@code allowManyClasses} is true.
 *
 * <p>Immutable.
 */
public final class ClassLabels {
  /** The largest number of distinct labels accepted without {@code allowManyClasses}. */
  public static final int MAX_CLASSES = 50;

  /** The configuration entry of a model file that holds the class names of text labels. */
  public static final String NAMES_ENTRY = "classNames";

  /** The array of a model file that holds the class values. */
  public static final String VALUES_ARRAY = "classes";

  private final double[] values;
  private final List<String> names; // null: numeric labels
  private final Map<String, Integer> index; // name → position, null for numeric labels

  private ClassLabels(double[] values, List<String> names) {
    this.values = values;
    this.names = names;
    if (names == null) {
      this.index = null;
    } else {
      Map<String, Integer> m = new HashMap<>();
      for (int k = 0; k < names.size(); k++) m.put(names.get(k), k);
      this.index = m;
    }
  }

  /**
   * Numeric labels: each class is its number.
   *
   * @param values the class labels, finite, distinct and ascending (as {@link #distinct} returns them)
   * @return the labels
   * @throws IllegalArgumentException for a non-finite value or values that are not strictly ascending (the
   *     values named)
   */
  public static ClassLabels ofNumbers(double[] values) {
    checkValues(values);
    return new ClassLabels(values.clone(), null);
  }

  /**
   * Text labels with the values 0, 1, …, K − 1 in the order given (e.g. image folders in their order).
   *
   * @param names one name per class, distinct and non-blank
   * @return the labels
   * @throws IllegalArgumentException for an empty list, a null or blank name, or a name given twice (named)
   */
  public static ClassLabels ofNames(List<String> names) {
    double[] v = new double[names == null ? 0 : names.size()];
    for (int k = 0; k < v.length; k++) v[k] = k;
    return of(v, names);
  }

  /**
   * Text labels with given values (the values of a model's classes and the name of each).
   *
   * @param values the class values, finite, distinct and ascending
   * @param names the name of each value, in the same order, distinct and non-blank
   * @return the labels
   * @throws IllegalArgumentException for values as {@link #ofNumbers} refuses them, a length mismatch,
   *     an empty list, a null or blank name, or a name given twice (named)
   */
  public static ClassLabels of(double[] values, List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException("Class names must name at least one class. Got "
          + (names == null ? "null" : "an empty list") + " instead.");
    }
    checkValues(values);
    if (values.length != names.size()) {
      throw new IllegalArgumentException("There must be one class name per class value: got " + names.size()
          + " names " + names + " for the " + values.length + " values " + Arrays.toString(values) + ".");
    }
    HashSet<String> seen = new HashSet<>();
    for (int k = 0; k < names.size(); k++) {
      String n = names.get(k);
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException("Class name " + k + " of " + names + " is " + (n == null ? "null" : "blank")
            + "; every class needs a name.");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("The class name '" + n + "' is given twice in " + names
            + "; class names must be distinct.");
      }
    }
    return new ClassLabels(values.clone(), List.copyOf(names));
  }

  /**
   * The classes of a column of text labels: its distinct cells, sorted as strings, with the values 0 … K − 1.
   *
   * @param labels one label per row
   * @param what what the labels are, for messages (e.g. "column 'species' of iris.csv")
   * @return the labels
   * @throws IllegalArgumentException for a null or blank label, naming the row (0-based), the value and the fix
   */
  public static ClassLabels fromLabels(List<String> labels, String what) {
    TreeSet<String> distinct = new TreeSet<>();
    for (int i = 0; i < labels.size(); i++) {
      String l = labels.get(i);
      if (l == null || l.isBlank()) {
        throw new IllegalArgumentException(what + " has no class label at row " + i + " (0-based): got "
            + (l == null ? "null" : "'" + l + "'") + ". Every row needs its class: fill in the label or remove the row.");
      }
      distinct.add(l);
    }
    if (distinct.isEmpty()) throw new IllegalArgumentException(what + " holds no class labels (no rows).");
    return ofNames(new ArrayList<>(distinct));
  }

  /**
   * The value of each label: for text labels the value of its name, for numeric labels the number it spells.
   *
   * @param labels one label per row
   * @param what what the labels are, for messages (e.g. "column 'species' of test.csv")
   * @return the values {@code [labels.size()]}
   * @throws IllegalArgumentException for a label that is not one of these classes (a name not seen in training,
   *     a blank cell), naming the row (0-based), the value, the classes and the fix
   */
  public double[] encode(List<String> labels, String what) {
    double[] out = new double[labels.size()];
    for (int i = 0; i < out.length; i++) {
      String l = labels.get(i);
      int k = position(l);
      if (k < 0) throw unseen(what, l == null ? "null" : "'" + l + "'", i);
      out[i] = values[k];
    }
    return out;
  }

  /**
   * Checks numeric labels against these classes (numbers as labels, e.g. a numeric target column of a test file).
   *
   * @param labels one class value per row
   * @param what what the labels are, for messages (e.g. "column 'label' of test.csv")
   * @return a copy of {@code labels}
   * @throws IllegalArgumentException for a value that is not one of these classes, naming the row (0-based), the value,
   *     the classes and the fix
   */
  public double[] encode(double[] labels, String what) {
    for (int i = 0; i < labels.length; i++) {
      if (Arrays.binarySearch(values, labels[i]) < 0) throw unseen(what, numberText(labels[i]), i);
    }
    return labels.clone();
  }

  private IllegalArgumentException unseen(String what, String label, int row) {
    return new IllegalArgumentException(what + " has the class label " + label + " at row " + row + " (0-based), which"
        + " is not one of the classes " + names() + (isText() ? "" : " (numbers)") + " the model was trained on."
        + " Correct the label, or drop the row; a classifier predicts only classes it has seen.");
  }

  private int position(String label) {
    if (label == null) return -1;
    if (names != null) {
      Integer k = index.get(label);
      return k == null ? -1 : k;
    }
    double v;
    try {
      v = Double.parseDouble(label.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
    int k = Arrays.binarySearch(values, v);
    return k < 0 ? -1 : k;
  }

  private static void checkValues(double[] values) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("Class values must hold at least one class. Got "
          + (values == null ? "null" : "none") + " instead.");
    }
    for (int k = 0; k < values.length; k++) {
      if (!Double.isFinite(values[k]) || (k > 0 && !(values[k] > values[k - 1]))) {
        throw new IllegalArgumentException("Class values must be finite, distinct and ascending. Got "
            + Arrays.toString(values) + " (position " + k + ") instead.");
      }
    }
  }

  /**
   * The number of classes K.
   *
   * @return K
   */
  public int size() {
    return values.length;
  }

  /**
   * Whether the labels are names rather than numbers.
   *
   * @return true for text labels
   */
  public boolean isText() {
    return names != null;
  }

  /**
   * The class values, ascending (a copy): what the numeric predictions hold.
   *
   * @return {@code [K]}
   */
  public double[] values() {
    return values.clone();
  }

  /**
   * The labels as text, in the order of {@link #values()}: the names of text labels; numeric labels written
   * as in a CSV ({@code 1}, {@code -1}, {@code 2.5}).
   *
   * @return an unmodifiable list of K labels
   */
  public List<String> names() {
    if (names != null) return names;
    List<String> out = new ArrayList<>(values.length);
    for (double v : values) out.add(numberText(v));
    return List.copyOf(out);
  }

  /**
   * The label of one class value.
   *
   * @param value a class value, one of {@link #values()}
   * @return its label as text
   * @throws IllegalArgumentException for a value that is not a class, naming it and the classes
   */
  public String name(double value) {
    int k = Arrays.binarySearch(values, value);
    if (k < 0) {
      throw new IllegalArgumentException(numberText(value) + " is not one of the class values " + Arrays.toString(values)
          + " (labels " + names() + ").");
    }
    return names == null ? numberText(value) : names.get(k);
  }

  /**
   * The labels of predicted class values.
   *
   * @param predicted class values {@code [n]}, each one of {@link #values()}
   * @return the label of each, {@code [n]}
   * @throws IllegalArgumentException for a value that is not a class
   */
  public String[] decode(double[] predicted) {
    String[] out = new String[predicted.length];
    for (int i = 0; i < out.length; i++) out[i] = name(predicted[i]);
    return out;
  }

  /**
   * The labels of the classes with these values, for a model fitted on some of a data set's classes (e.g. one fold).
   *
   * @param classValues values of these labels, ascending
   * @return the labels of those classes
   * @throws IllegalArgumentException for a value that is not one of these classes (named with the classes)
   */
  public ClassLabels select(double[] classValues) {
    checkValues(classValues);
    if (names == null) return ofNumbers(classValues);
    List<String> picked = new ArrayList<>(classValues.length);
    for (double v : classValues) picked.add(name(v));
    return of(classValues, picked);
  }

  /**
   * The labels of a model fitted on {@code data} whose classes are {@code classValues}: the data's text labels
   * of those values, or numeric labels if the data has none.
   *
   * @param classValues the class values the trainer found in y, ascending
   * @param data the training data
   * @return the model's labels
   * @throws IllegalArgumentException if a value has no name in the data's labels
   */
  public static ClassLabels forClasses(double[] classValues, Dataset data) {
    return data.classLabels() == null ? ofNumbers(classValues) : data.classLabels().select(classValues);
  }

  /**
   * Writes the labels into a model's state: the values as the array {@value #VALUES_ARRAY}, the names of text labels
   * as the configuration entry {@value #NAMES_ENTRY}.
   *
   * @param arrays the state's arrays
   * @param config the state's configuration
   */
  public void write(Map<String, INDArray> arrays, ObjectNode config) {
    arrays.put(VALUES_ARRAY, Nd4j.createFromArray(values.clone()));
    if (names != null) {
      ArrayNode a = config.putArray(NAMES_ENTRY);
      names.forEach(a::add);
    }
  }

  /**
   * The labels a model state holds (see {@link #write}); a state without names (format version 1) has numeric labels.
   *
   * @param state a classifier's state
   * @return its labels
   * @throws IllegalStateException if the state has no {@value #VALUES_ARRAY} array
   * @throws IllegalArgumentException if the names do not match the values
   */
  public static ClassLabels read(ModelState state) {
    double[] v = state.array(VALUES_ARRAY).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
    JsonNode n = state.config().path(NAMES_ENTRY);
    if (!n.isArray()) return ofNumbers(v);
    List<String> names = new ArrayList<>();
    n.forEach(e -> names.add(e.asText()));
    return of(v, names);
  }

  /**
   * A numeric label as a CSV writes it: {@code 1}, {@code -1}, {@code 2.5}.
   *
   * @param v the label
   * @return its text
   */
  public static String numberText(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassLabels c && Arrays.equals(values, c.values) && java.util.Objects.equals(names, c.names);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + java.util.Objects.hashCode(names);
  }

  @Override
  public String toString() {
    return "ClassLabels" + names() + (isText() ? "" : " (numbers)");
  }

  /**
   * The sorted distinct labels of y, after checking the rule above.
   *
   * @param y the labels {@code [n]}, finite
   * @param owner the trainer's name, for the message
   * @param allowManyClasses true: accept any finite labels, however many
   * @return the distinct labels, ascending
   * @throws IllegalArgumentException for a non-integer label or more than {@value #MAX_CLASSES} distinct
   *     ones (the message names the row and value, or the count, and the fix)
   */
  public static double[] distinct(double[] y, String owner, boolean allowManyClasses) {
    TreeSet<Double> set = new TreeSet<>();
    for (int i = 0; i < y.length; i++) {
      if (!allowManyClasses && y[i] != Math.rint(y[i])) {
        throw new IllegalArgumentException(owner + " is a classifier, but y holds the non-integer label " + y[i]
            + " at row " + i + " (0-based); class labels are integers such as 0, 1, 2 or ±1. For a real-valued "
            + "target use a regressor; to treat these values as classes anyway, set allowManyClasses = true.");
      }
      set.add(y[i]);
    }
    if (!allowManyClasses && set.size() > MAX_CLASSES) {
      throw new IllegalArgumentException(owner + " is a classifier, but y has " + set.size()
          + " distinct labels (more than " + MAX_CLASSES + "; smallest " + set.first() + ", largest " + set.last()
          + "), which looks like a real-valued target. For a regression target use a regressor; for that many "
          + "classes, set allowManyClasses = true.");
    }
    return set.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
