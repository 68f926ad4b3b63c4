package org.mlmp.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** GLOBAL scaling's mean and standard deviation against exact decimal arithmetic. */
class ScalerTest {
  /**
   * μ = Σx/N and σ = √(Σ(x − μ)²/N) over every entry, checked against the same formulas in BigDecimal (34 digits) on
   * the array's own float/double values: to 1e-13 relative, for a FLOAT and a DOUBLE matrix of 301 × 400 = 120 400
   * entries (two blocks of 65 536 values and a part), and for a FLOAT view (every second row), which is read through a
   * copy.
   */
  @Test
  void globalMomentsMatchExactArithmetic() {
    Nd4j.getRandom().setSeed(5);
    INDArray d = Nd4j.rand(DataType.DOUBLE, 301, 400).muli(40).addi(7);
    INDArray f = d.castTo(DataType.FLOAT);
    INDArray view = f.get(NDArrayIndex.interval(0, 2, 301), NDArrayIndex.all());
    for (INDArray x : new INDArray[] {d, f, view}) {
      double[] values = x.dup('c').castTo(DataType.DOUBLE).data().asDouble();
      BigDecimal sum = BigDecimal.ZERO;
      for (double v : values) sum = sum.add(new BigDecimal(v));
      BigDecimal mean = sum.divide(BigDecimal.valueOf(values.length), MathContext.DECIMAL128);
      BigDecimal squares = BigDecimal.ZERO;
      for (double v : values) {
        BigDecimal c = new BigDecimal(v).subtract(mean);
        squares = squares.add(c.multiply(c));
      }
      double sd = Math.sqrt(squares.divide(BigDecimal.valueOf(values.length), MathContext.DECIMAL128).doubleValue());
      Scaler s = Scaler.fit(InputScaling.GLOBAL, x);
      assertEquals(mean.doubleValue(), s.mean()[0], 1e-13 * mean.doubleValue(), x.dataType() + " " + x.isView());
      assertEquals(sd, s.scale()[0], 1e-13 * sd, x.dataType() + " " + x.isView());
      assertEquals(x.columns(), s.mean().length);
      assertEquals(s.mean()[0], s.mean()[(int) x.columns() - 1]);
    }
  }

  /** A constant input has σ = 0, which GLOBAL scaling replaces by 1 (the inputs are then only centred). */
  @Test
  void constantInputKeepsUnitScale() {
    Scaler s = Scaler.fit(InputScaling.GLOBAL, Nd4j.valueArrayOf(new long[] {5, 3}, 2.5f));
    assertEquals(2.5, s.mean()[0]);
    assertEquals(1.0, s.scale()[0]);
  }
}
