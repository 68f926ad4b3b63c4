package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The float fast path (oneDNN convolutions and SGEMM) gives the same outputs and gradients as the
 * double reference path on the same parameters and inputs, to a relative error ≤ 1e-4 in the max
 * norm: max|f − d| / max|d|.
 */
class FloatPathTest {
  static double relMax(INDArray f, INDArray d) {
    double[] a = f.castTo(DataType.DOUBLE).data().asDouble(), b = d.data().asDouble();
    double num = 0, den = 0;
    for (int i = 0; i < b.length; i++) {
      num = Math.max(num, Math.abs(a[i] - b[i]));
      den = Math.max(den, Math.abs(b[i]));
    }
    return num / den;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.mlmp.nn.engine.GradientCheckTest#cases")
  void floatMatchesDouble(GradientCheckTest.Case c) {
    Program d = new Program(c.net(), DataType.DOUBLE), f = new Program(c.net(), DataType.FLOAT);
    d.initialize(3);
    f.initialize(3);
    // Same parameters exactly: the double path gets the float values.
    d.setParameters(f.params().castTo(DataType.DOUBLE));
    Plan pd = d.plan(4), pf = f.plan(4);
    GradientCheckTest.fill(pd, c.net(), 9);
    pf.input().assign(pd.input().castTo(DataType.FLOAT).castTo(DataType.DOUBLE).castTo(DataType.FLOAT));
    pd.input().assign(pf.input().castTo(DataType.DOUBLE));
    pf.target().assign(pd.target().castTo(DataType.FLOAT));
    pd.forward(true, 1);
    pf.forward(true, 1);
    pd.backward();
    pf.backward();
    double out = relMax(pf.output(), pd.output()), grad = relMax(f.grads(), d.grads());
    assertTrue(out <= 1e-4, c + ": output relative error " + out);
    assertTrue(grad <= 1e-4, c + ": gradient relative error " + grad);
  }
}
