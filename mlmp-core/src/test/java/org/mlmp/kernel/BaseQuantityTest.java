package org.mlmp.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The base quantities by hand, and each kernel's scalar and whole-array forms agreeing. */
class BaseQuantityTest {

  @org.junit.jupiter.api.Test
  void baseQuantitiesByHand() {
    double[] a = {1, 2, -1}, b = {3, 0, 1};
    assertEquals(1 * 3 + 0 - 1, BaseQuantity.DOT_PRODUCT.of(a, b), 0.0);
    assertEquals(4 + 4 + 4, BaseQuantity.SQUARED_DISTANCE.of(a, b), 0.0);
    assertEquals(2 + 2 + 2, BaseQuantity.L1_DISTANCE.of(a, b), 0.0);
    assertFalse(BaseQuantity.DOT_PRODUCT.translationInvariant());
    assertTrue(BaseQuantity.SQUARED_DISTANCE.translationInvariant());
    assertTrue(BaseQuantity.L1_DISTANCE.translationInvariant());
    assertEquals(0.0, BaseQuantity.squaredDistance(1.0, 1.0, 1.0 + 1e-17), 0.0, "clamped at 0");
  }

  static Stream<Kernel> kernels() {
    return Stream.of(Linear.of(), Polynomial.of(3, 1.0), Polynomial.of(1, 0.5), Gaussian.of(0.8),
        Laplacian.of(1.5), Radial.of(r2 -> 1 / Math.sqrt(1 + r2), "imq")
            .withDerivative(r2 -> -0.5 / Math.pow(1 + r2, 1.5)));
  }

  /**
   * ofScaled on an array equals ofScaled value by value, for v = s·b with b >= 0 (to 1e-15: ND4J's exp and
   * pow may round differently).
   */
  @ParameterizedTest
  @MethodSource("kernels")
  void wholeArrayFormEqualsTheScalarForm(Kernel k) {
    double[] v = {0, 0.1, 0.3, 1, 1.7, 2.5};
    for (int i = 0; i < v.length; i++) v[i] *= k.baseScale();
    INDArray arr = Nd4j.createFromArray(v.clone()).castTo(DataType.DOUBLE);
    k.ofScaled(arr);
    for (int i = 0; i < v.length; i++) {
      double expected = k.ofScaled(v[i]);
      assertEquals(expected, arr.getDouble(i), 1e-15 * Math.max(1, Math.abs(expected)), k + " at " + v[i]);
    }
  }

  /** derivativeOfScaled(s·b) is dk/db: a central difference of fromBase. */
  @ParameterizedTest
  @MethodSource("kernels")
  void derivativeIsTheSlopeOfFromBase(Kernel k) {
    double h = 1e-6;
    for (double b : new double[] {0.2, 0.9, 2.0}) {
      INDArray d = Nd4j.createFromArray(new double[] {k.baseScale() * b});
      k.derivativeOfScaled(d);
      double fd = (k.fromBase(b + h) - k.fromBase(b - h)) / (2 * h);
      assertEquals(fd, d.getDouble(0), 1e-7 * Math.max(1, Math.abs(fd)), k + " at b = " + b);
    }
  }
}
