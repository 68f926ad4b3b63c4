package org.mlmp.nn;

import java.util.Arrays;
import java.util.Map;
import org.mlmp.data.Standardization;
import org.mlmp.api.Matrices;
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
    // μ = Σx/N, then σ = √(Σ(x − μ)²/N), both summed in double in row order, a block of 65 536 values at a time, from
    // the array itself: no copy (a double copy of 60 000 MNIST rows is 376 MB; allocating it cost ≈ 1 s here)
    long count = x.length();
    double mu = sum(x, 0, false) / count;
    double sd = Math.sqrt(sum(x, mu, true) / count);
    if (!(sd > 0) || !Double.isFinite(sd)) sd = 1;
    double[] m = new double[d], s = new double[d];
    Arrays.fill(m, mu);
    Arrays.fill(s, sd);
    return new Scaler(kind, m, s);
  }

  private static final int BLOCK = 1 << 16;

  /**
   * Σ x (or Σ (x − centre)² when {@code squares}) over every entry, in double, each block of {@link #BLOCK} values
   * summed on its own and the block sums added in order (a rounding error growing with the block length and the
   * number of blocks, not with N).
   */
  private static double sum(INDArray x, double centre, boolean squares) {
    INDArray a = Matrices.contiguous(x) && (x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE) ? x
        : x.castTo(DataType.DOUBLE).dup('c');
    long n = a.length();
    boolean single = a.dataType() == DataType.FLOAT;
    java.nio.FloatBuffer floats = single ? a.data().asNioFloat() : null;
    java.nio.DoubleBuffer doubles = single ? null : a.data().asNioDouble();
    double[] block = new double[(int) Math.min(n, BLOCK)];
    float[] read = single ? new float[block.length] : null;
    double total = 0;
    for (long done = 0; done < n; done += block.length) {
      int len = (int) Math.min(block.length, n - done);
      if (single) {
        floats.get(read, 0, len);
        for (int i = 0; i < len; i++) block[i] = read[i];
      } else {
        doubles.get(block, 0, len);
      }
      double s = 0;
      for (int i = 0; i < len; i++) {
        double v = block[i] - centre;
        s += squares ? v * v : block[i];
      }
      total += s;
    }
    return total;
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
    return x.dataType() == DataType.FLOAT && Matrices.contiguous(x) ? scale(x) : apply(x);
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
