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

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.mlmp.nn.engine.GradientCheckTest#cases")
  void convolutionBackwardPathsAgree(GradientCheckTest.Case c) {
    // im2col + GEMM and libnd4j's conv2d_bp give the same gradients (double precision, to rounding).
    INDArray[] g = new INDArray[3];
    Program.ConvBackward[] modes = Program.ConvBackward.values();
    for (int m = 0; m < modes.length; m++) {
      Program p = new Program(c.net(), DataType.DOUBLE, modes[m]);
      p.initialize(3);
      Plan plan = p.plan(4);
      GradientCheckTest.fill(plan, c.net(), 9);
      plan.forward(true, 1);
      plan.backward();
      g[m] = p.grads().dup();
    }
    assertTrue(relMax(g[1], g[0]) <= 1e-12, c + ": GEMM vs AUTO " + relMax(g[1], g[0]));
    assertTrue(relMax(g[2], g[0]) <= 1e-12, c + ": libnd4j vs AUTO " + relMax(g[2], g[0]));
  }
}
