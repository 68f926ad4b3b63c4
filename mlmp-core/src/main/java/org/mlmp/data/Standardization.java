package org.mlmp.data;

import org.mlmp.api.Matrices;
import java.util.Arrays;
import org.mlmp.api.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feature standardisation z = (x − mean) / scale, fitted on training data only and saved with any
 * model that uses it. {@code scale} is the 1/N (population) standard deviation, as scikit-learn's
 * {@code StandardScaler}; a constant column gets scale 1 so it maps to 0 instead of NaN.
 *
 * @param mean per-feature mean, length nFeatures
 * @param scale per-feature scale, length nFeatures
 */
public record Standardization(double[] mean, double[] scale) {
  /**
   * Checks the lengths and copies the arrays.
   *
   * @param mean per-feature mean, length nFeatures
   * @param scale per-feature scale, length nFeatures
   * @throws IllegalArgumentException when mean and scale have different lengths
   */
  public Standardization {
    if (mean.length != scale.length) {
      throw new IllegalArgumentException("mean has " + mean.length + " entries, scale " + scale.length + ".");
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  /**
   * Fits mean and 1/N standard deviation per column of {@code x: [nSamples, nFeatures]}.
   *
   * @throws IllegalArgumentException if x is not a non-empty matrix or holds a NaN or ±∞ (the message names
   *     its row and column, as the trainers' do)
   * @param x the training rows
   * @return the fitted scaling (a constant column gets scale 1)
   */
  public static Standardization fit(INDArray x) {
    Checks.matrix(x, "x");
    Checks.finite(x, "x");
    int n = (int) x.rows(), d = (int) x.columns();
    // one flat row-major copy in double: element-wise getDouble/toDoubleMatrix is seconds on 100 000 x 200
    double[] v = Matrices.flat(x);
    double[] mean = new double[d], scale = new double[d];
    for (int i = 0; i < n; i++) for (int j = 0, o = i * d; j < d; j++) mean[j] += v[o + j];
    for (int j = 0; j < d; j++) mean[j] /= n;
    for (int i = 0; i < n; i++) {
      for (int j = 0, o = i * d; j < d; j++) {
        double c = v[o + j] - mean[j];
        scale[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      scale[j] = Math.sqrt(scale[j] / n);
      if (scale[j] == 0 || !Double.isFinite(scale[j])) scale[j] = 1;
    }
    return new Standardization(mean, scale);
  }

  /**
   * The identity scaling for d features.
   *
   * @param d the number of features
   * @return mean 0 and scale 1 for every feature
   */
  public static Standardization identity(int d) {
    double[] one = new double[d];
    Arrays.fill(one, 1);
    return new Standardization(new double[d], one);
  }

  /**
   * The per-feature means.
   *
   * @return a copy, length nFeatures
   */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /**
   * The per-feature scales.
   *
   * @return a copy, length nFeatures
   */
  @Override
  public double[] scale() {
    return scale.clone();
  }

  /**
   * The number of features.
   *
   * @return the length of {@link #mean()}
   */
  public int nFeatures() {
    return mean.length;
  }

  /**
   * Scales x: (x − mean) / scale, a new array of x's data type.
   *
   * @param x rows {@code [nSamples, nFeatures]}
   * @return the scaled rows
   * @throws IllegalArgumentException when x is not a matrix with nFeatures columns
   */
  public INDArray transform(INDArray x) {
    Checks.featureCount(x, mean.length, "Standardization");
    INDArray m = Nd4j.createFromArray(mean).castTo(x.dataType()).reshape(1, mean.length);
    INDArray s = Nd4j.createFromArray(scale).castTo(x.dataType()).reshape(1, scale.length);
    return x.subRowVector(m).diviRowVector(s);
  }

  /**
   * Undoes {@link #transform}: z · scale + mean.
   *
   * @param z scaled rows {@code [nSamples, nFeatures]}
   * @return the rows in the original units
   * @throws IllegalArgumentException when z is not a matrix with nFeatures columns
   */
  public INDArray inverseTransform(INDArray z) {
    Checks.featureCount(z, mean.length, "Standardization");
    INDArray m = Nd4j.createFromArray(mean).castTo(z.dataType()).reshape(1, mean.length);
    INDArray s = Nd4j.createFromArray(scale).castTo(z.dataType()).reshape(1, scale.length);
    return z.mulRowVector(s).addiRowVector(m);
  }

  /** The values, e.g. {@code Standardization[mean=[1.0, 2.0], scale=[0.5, 1.0]]}. */
  @Override
  public String toString() {
    return "Standardization[mean=" + Arrays.toString(mean) + ", scale=" + Arrays.toString(scale) + "]";
  }

  /**
   * As arrays named {@code prefix + "mean"} / {@code prefix + "scale"} for a {@link org.mlmp.api.ModelState}.
   *
   * @param prefix e.g. "input."
   * @return the two arrays by name
   */
  public java.util.Map<String, INDArray> toArrays(String prefix) {
    return java.util.Map.of(prefix + "mean", Nd4j.createFromArray(mean), prefix + "scale", Nd4j.createFromArray(scale));
  }

  /**
   * Reads what {@link #toArrays} wrote.
   *
   * @param s the model state holding the arrays
   * @param prefix the prefix they were written with
   * @return the scaling
   * @throws IllegalStateException when an array is missing
   */
  public static Standardization fromArrays(org.mlmp.api.ModelState s, String prefix) {
    return new Standardization(s.array(prefix + "mean").toDoubleVector(), s.array(prefix + "scale").toDoubleVector());
  }
}
