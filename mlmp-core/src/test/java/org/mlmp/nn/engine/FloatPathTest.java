package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

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

  @Test
  void autoPicksTheBackwardPathPerLayer() {
    // 3x3 first layer (no input gradient), 3x3 stride 2, 1x1 stride 1, 5x5 stride 4 (the last three return dx)
    GradientCheckTest.Case c = GradientCheckTest.cases().filter(k -> k.toString().startsWith("strided convs"))
        .findFirst().orElseThrow();
    for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      Plan plan = org.mlmp.nn.EngineAccess.program(c.net(), t, Program.ConvBackward.AUTO, 3).plan(4);
      List<Program.ConvBackward> kinds = Arrays.stream(plan.nodes).filter(n -> n instanceof Node.ConvNode)
          .map(n -> ((Node.ConvNode) n).kind).toList();
      assertEquals(List.of(Program.ConvBackward.CONV, Program.ConvBackward.CONV, Program.ConvBackward.LIBND4J,
          Program.ConvBackward.CONV), kinds, t.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.mlmp.nn.engine.GradientCheckTest#cases")
  void floatMatchesDouble(GradientCheckTest.Case c) {
    // AUTO (conv2d_bp for stride-1 layers with an input gradient), and CONV for every convolution (strided ones
    // included: their float path copies blocks in Java)
    for (Program.ConvBackward mode : new Program.ConvBackward[] {Program.ConvBackward.AUTO, Program.ConvBackward.CONV}) {
      floatMatchesDouble(c, mode);
    }
  }

  private static void floatMatchesDouble(GradientCheckTest.Case c, Program.ConvBackward mode) {
    Program d = org.mlmp.nn.EngineAccess.program(c.net(), DataType.DOUBLE, mode, 3);
    Program f = org.mlmp.nn.EngineAccess.program(c.net(), DataType.FLOAT, mode, 3);
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
    assertTrue(out <= 1e-4, c + " (" + mode + "): output relative error " + out);
    assertTrue(grad <= 1e-4, c + " (" + mode + "): gradient relative error " + grad);
  }

  /**
   * Float dense layers on host memory add the bias, apply the activation and write the cross-entropy output
   * gradient in Java ({@link HostDense}); the ND4J ops of the backend-generic path give the same outputs and
   * gradients to float rounding. The Java path is asserted to be taken where it applies (IDENTITY, RELU, SOFTMAX).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("org.mlmp.nn.engine.GradientCheckTest#cases")
  void denseJavaPassesMatchTheNd4jOps(GradientCheckTest.Case c) {
    org.junit.jupiter.api.Assumptions.assumeTrue(org.mlmp.backend.HostBlas.hostMemory(), "host memory only");
    Program host = org.mlmp.nn.EngineAccess.program(c.net(), DataType.FLOAT, Program.ConvBackward.AUTO, 3);
    Program generic;
    Plan pg;
    try (var scope = org.mlmp.backend.HostBlas.forceGeneric()) {
      generic = org.mlmp.nn.EngineAccess.program(c.net(), DataType.FLOAT, Program.ConvBackward.AUTO, 3);
      pg = generic.plan(4);
    }
    generic.setParameters(host.params());
    Plan ph = host.plan(4);
    for (int i = 0; i < ph.nodes.length; i++) {
      if (ph.nodes[i] instanceof Node.DenseNode d) {
        Nonlinearity f = d.act.function();
        boolean applies = f == Nonlinearity.IDENTITY || f == Nonlinearity.RELU || f == Nonlinearity.SOFTMAX;
        assertEquals(applies, d.host != null, c + ": layer " + i + " (" + f + ")");
        assertEquals(null, ((Node.DenseNode) pg.nodes[i]).host, c + ": generic layer " + i);
      }
    }
    GradientCheckTest.fill(pg, c.net(), 9);
    ph.input().assign(pg.input());
    ph.target().assign(pg.target());
    for (int step = 0; step < 2; step++) { // twice: the output-gradient pass's bias flag is reset after each use
      ph.forward(true, 1);
      pg.forward(true, 1);
      ph.backward();
      pg.backward();
      double out = relMax(ph.output(), pg.output()), grad = relMax(host.grads(), generic.grads());
      assertTrue(out <= 1e-5, c + ": output relative difference " + out);
      assertTrue(grad <= 1e-5, c + ": gradient relative difference " + grad);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.mlmp.nn.engine.GradientCheckTest#cases")
  void convolutionBackwardPathsAgree(GradientCheckTest.Case c) {
    // im2col + GEMM, libnd4j's conv2d_bp and the CONV path give the same gradients (double precision, to rounding).
    Program.ConvBackward[] modes = Program.ConvBackward.values();
    INDArray[] g = new INDArray[modes.length];
    for (int m = 0; m < modes.length; m++) {
      Program p = org.mlmp.nn.EngineAccess.program(c.net(), DataType.DOUBLE, modes[m], 3);
      Plan plan = p.plan(4);
      GradientCheckTest.fill(plan, c.net(), 9);
      plan.forward(true, 1);
      plan.backward();
      g[m] = p.grads().dup();
    }
    for (int m = 1; m < modes.length; m++) {
      assertTrue(relMax(g[m], g[0]) <= 1e-12, c + ": " + modes[m] + " vs AUTO " + relMax(g[m], g[0]));
    }
  }

  /**
   * Above a batch of {@code Node.ConvNode.PER_SAMPLE_MAX} the GEMM path computes the input gradient with one
   * GEMM and a transposed copy instead of one GEMM per sample: same gradients as conv2d_bp (double).
   */
  @org.junit.jupiter.api.Test
  void largeBatchGemmInputGradientAgrees() {
    var net = new org.mlmp.nn.Network(org.mlmp.nn.Shape.image(2, 7, 7), java.util.List.of(new org.mlmp.nn.Dropout(0.0),
        new org.mlmp.nn.Conv2d(3, 3, 2, 1, org.mlmp.nn.Activation.TANH), new org.mlmp.nn.Flatten(),
        new org.mlmp.nn.Dense(2, org.mlmp.nn.Activation.IDENTITY)), org.mlmp.nn.Loss.SQUARED_ERROR,
        org.mlmp.nn.WeightInit.XAVIER);
    int batch = Node.ConvNode.PER_SAMPLE_MAX + 3;
    INDArray[] g = new INDArray[2];
    Program.ConvBackward[] modes = {Program.ConvBackward.GEMM, Program.ConvBackward.LIBND4J};
    for (int m = 0; m < 2; m++) {
      Program p = org.mlmp.nn.EngineAccess.program(net, DataType.DOUBLE, modes[m], 3);
      Plan plan = p.plan(batch);
      GradientCheckTest.fill(plan, net, 9);
      plan.forward(true, 1);
      plan.backward();
      g[m] = p.grads().dup();
    }
    assertTrue(relMax(g[0], g[1]) <= 1e-12, "GEMM vs libnd4j at batch " + batch + ": " + relMax(g[0], g[1]));
  }
}
