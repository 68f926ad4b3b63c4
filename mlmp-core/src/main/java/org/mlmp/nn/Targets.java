package org.mlmp.nn;

import java.util.Arrays;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How targets y map to the output layer: class labels → one-hot rows (softmax) or 0/1 (one sigmoid
 * unit); regression targets → themselves.
 *
 * @param classes the class labels in output-unit order (null for regression)
 * @param singleTarget regression with y of shape [n] (predictions then have shape [n])
 */
record Targets(double[] classes, boolean singleTarget) {
  /** Works out the classes (or checks the regression width) for {@code net} from the training y. */
  static Targets of(Network net, INDArray y) {
    int units = net.outputLayer().units();
    if (!net.classifies()) {
      int k = y.rank() == 1 ? 1 : (int) y.size(1);
      if (k != units) {
        throw new IllegalArgumentException("y has " + k + " target column(s), but the output layer ("
            + net.outputLayer().describe() + ") has " + units + " units. Make them equal.");
      }
      return new Targets(null, y.rank() == 1);
    }
    if (y.rank() != 1 && !(y.rank() == 2 && y.size(1) == 1)) {
      throw new IllegalArgumentException("With CROSS_ENTROPY, y must hold one class label per row, shape [n]. Got "
          + Arrays.toString(y.shape()) + " instead.");
    }
    double[] v = y.castTo(DataType.DOUBLE).reshape(y.length()).toDoubleVector();
    TreeSet<Double> distinct = new TreeSet<>();
    for (double d : v) distinct.add(d);
    int k = units == 1 ? 2 : units;
    boolean indices = distinct.stream().allMatch(d -> d == Math.rint(d) && d >= 0 && d < k);
    double[] classes;
    if (indices) {
      classes = new double[k];
      for (int i = 0; i < k; i++) classes[i] = i;
    } else if (distinct.size() == k) {
      classes = distinct.stream().mapToDouble(Double::doubleValue).toArray();
    } else {
      throw new IllegalArgumentException("y has " + distinct.size() + " distinct labels " + abbreviate(distinct)
          + ", but the output layer (" + net.outputLayer().describe() + ") distinguishes " + k
          + " classes. Use labels 0.." + (k - 1) + " or exactly " + k + " distinct values.");
    }
    return new Targets(classes, true);
  }

  private static String abbreviate(TreeSet<Double> s) {
    String t = s.toString();
    return t.length() > 60 ? t.substring(0, 57) + "...]" : t;
  }

  boolean classification() {
    return classes != null;
  }

  /** The target matrix [n, units] in float. */
  INDArray encode(INDArray y, int units) {
    int n = (int) y.size(0);
    if (!classification()) return y.castTo(DataType.FLOAT).reshape('c', n, units).dup('c');
    double[] v = y.castTo(DataType.DOUBLE).reshape(y.length()).toDoubleVector();
    float[] t = new float[n * units];
    for (int i = 0; i < n; i++) {
      int c = index(v[i]);
      if (c < 0) {
        throw new IllegalArgumentException("Row " + i + " has label " + v[i] + ", which is not one of the classes "
            + Arrays.toString(classes) + " seen in training.");
      }
      if (units == 1) t[i] = c;
      else t[i * units + c] = 1;
    }
    return Nd4j.create(t, new long[] {n, units}, 'c');
  }

  int index(double label) {
    for (int i = 0; i < classes.length; i++) if (classes[i] == label) return i;
    return -1;
  }
}
