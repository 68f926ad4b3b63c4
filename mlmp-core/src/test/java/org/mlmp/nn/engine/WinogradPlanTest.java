package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostConvolution;
import org.mlmp.backend.HostPooling;
import org.mlmp.nn.EngineAccess;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code -Dmlmp.nn.winograd}: the ONEDNN path's 3 × 3 stride-1 layers on oneDNN's Winograd kernels where they are
 * asked for and oneDNN has them (AVX-512), the direct kernels elsewhere, and the same gradients as the double engine
 * (whose gradients GradientCheckTest checks against central differences) to float rounding.
 */
class WinogradPlanTest {
  private static final String PROPERTY = "mlmp.nn.winograd";

  @BeforeEach
  void needsOneDnn() {
    Assumptions.assumeTrue(HostBlas.hostMemory() && HostConvolution.available(), "oneDNN on host memory only");
  }

  private static Plan plan(String winograd) {
    return PropertyScope.with(PROPERTY, winograd,
        () -> EngineAccess.program(BlockedPlanTest.net(), DataType.FLOAT, 3).plan(4));
  }

  /** The algorithm each convolution of {@code p} runs, in layer order. */
  private static HostConvolution.Algorithm[] algorithms(Plan p) {
    return Arrays.stream(p.nodes).filter(n -> n instanceof Node.ConvNode)
        .map(n -> ((Node.ConvNode) n).onednn.algorithm()).toArray(HostConvolution.Algorithm[]::new);
  }

  @Test
  void winogradWhereAskedAndAvailableWithTheDoubleEnginesGradients() {
    Plan on = plan("true"), off = plan("false"), auto = plan("auto");
    var direct = HostConvolution.Algorithm.DIRECT;
    // the strided 5 x 5 first layer has no Winograd kernel; the two 3 x 3 stride-1 layers do, on AVX-512
    var winograd = HostPooling.avx512() ? HostConvolution.Algorithm.WINOGRAD : direct;
    assertEquals(Arrays.asList(direct, winograd, winograd), Arrays.asList(algorithms(on)), "asked for");
    assertEquals(Arrays.asList(direct, direct, direct), Arrays.asList(algorithms(off)), "turned off");
    // 4 images of 16 channels at 4 x 4: far below where Winograd pays (Geometry.winogradPays)
    assertEquals(Arrays.asList(direct, direct, direct), Arrays.asList(algorithms(auto)), "auto on a small layer");
    Plan d = EngineAccess.program(BlockedPlanTest.net(), DataType.DOUBLE, 3).plan(4);
    for (Plan p : new Plan[] {on, off, d}) {
      GradientCheckTest.fill(p, BlockedPlanTest.net(), 9);
      p.forward(true, 1);
      p.backward();
    }
    double r = FloatPathTest.relMax(on.program.grads(), d.program.grads());
    assertTrue(r <= 1e-4, "Winograd float vs double, relative " + r);
    double out = FloatPathTest.relMax(on.output(), d.output());
    assertTrue(out <= 1e-4, "Winograd float vs double outputs, relative " + out);
    if (HostPooling.avx512()) {
      assertTrue(FloatPathTest.relMax(on.program.grads(), off.program.grads()) > 0, "Winograd rounds otherwise");
    }
  }

  @Test
  void aValueOtherThanAutoTrueOrFalseIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> plan("yes"));
    assertEquals("-Dmlmp.nn.winograd must be auto, true or false. Got 'yes' instead.", e.getMessage());
  }
}
