package org.mlmp.nn;

import java.util.Arrays;
import java.util.Map;
import org.mlmp.data.Standardization;
import org.mlmp.api.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A fitted {@link InputScaling}: per-feature mean and scale (equal entries for GLOBAL). */
record Scaler(InputScaling kind, double[] mean, double[] scale) {
  static Scaler fit(InputScaling kind, INDArray x) {
    int d = (int) x.columns();
    if (kind == InputScaling.NONE) return new Scaler(kind, null, null);
    if (kind == InputScaling.PER_FEATURE) {
      Standardization s = Standardization.fit(x);
      return new Scaler(kind, s.mean(), s.scale());
    }
    // one double copy, centred and squared in place: the same values as (x − μ)·(x − μ) from two temporaries
    INDArray xd = x.dataType() == DataType.DOUBLE ? x.dup() : x.castTo(DataType.DOUBLE);
    double mu = xd.meanNumber().doubleValue();
    xd.subi(mu);
    double sd = Math.sqrt(xd.muli(xd).meanNumber().doubleValue());
    if (!(sd > 0) || !Double.isFinite(sd)) sd = 1;
    double[] m = new double[d], s = new double[d];
    Arrays.fill(m, mu);
    Arrays.fill(s, sd);
    return new Scaler(kind, m, s);
  }

  /** The scaled inputs as a new float array. */
  INDArray apply(INDArray x) {
    return scale(x.castTo(DataType.FLOAT).dup('c'));
  }

  /**
   * The scaled inputs, scaling {@code x} itself when it is a dense float matrix in row order (the caller owns it and
   * no longer needs it unscaled), else as {@link #apply}: the same values either way, without a copy of the rows.
   */
  INDArray applyInPlace(INDArray x) {
    boolean owned = x.dataType() == DataType.FLOAT && x.ordering() == 'c' && !x.isView();
    return owned ? scale(x) : apply(x);
  }

  private INDArray scale(INDArray f) {
    return switch (kind) {
      case NONE -> f;
      case GLOBAL -> f.subi(mean[0]).divi(scale[0]);
      case PER_FEATURE -> new Standardization(mean, scale).transform(f);
    };
  }

  void putArrays(Map<String, INDArray> arrays) {
    if (kind != InputScaling.NONE) {
      arrays.put("input.mean", Nd4j.createFromArray(mean));
      arrays.put("input.scale", Nd4j.createFromArray(scale));
    }
  }

  static Scaler read(InputScaling kind, ModelState s) {
    if (kind == InputScaling.NONE) return new Scaler(kind, null, null);
    return new Scaler(kind, s.array("input.mean").toDoubleVector(), s.array("input.scale").toDoubleVector());
  }
}
