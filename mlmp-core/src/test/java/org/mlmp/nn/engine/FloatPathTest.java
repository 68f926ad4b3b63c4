package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    // With oneDNN's natives on the float host path, its own primitives take every layer.
    boolean onednn = org.mlmp.backend.HostBlas.hostMemory() && org.mlmp.backend.HostConvolution.available();
    if (onednn) {
      assertEquals(java.util.Collections.nCopies(4, Program.ConvBackward.ONEDNN), kinds(c.net(), DataType.FLOAT),
          "float");
    }
    assertEquals(List.of(Program.ConvBackward.CONV, Program.ConvBackward.CONV, Program.ConvBackward.LIBND4J,
        Program.ConvBackward.CONV), kinds(c.net(), DataType.DOUBLE), "double");
    // Without oneDNN's own primitives: the 1x1 layer has 4 input channels, CONV with the flipped kernel on the float
    // host path, conv2d_bp elsewhere.
    Program.ConvBackward third = org.mlmp.backend.HostBlas.hostMemory() ? Program.ConvBackward.CONV
        : Program.ConvBackward.LIBND4J;
    assertEquals(List.of(Program.ConvBackward.CONV, Program.ConvBackward.CONV, third, Program.ConvBackward.CONV),
        withoutOneDnn(c.net()), "float without oneDNN");
    // Stride-1 layers with an input gradient: 20 input channels (LeNet's conv2) CONV on the float host path; 16 input
    // channels, or padding above k - 1 (no flipped-kernel convolution), conv2d_bp.
    var net = org.mlmp.nn.Network.of(org.mlmp.nn.Shape.image(1, 12, 12), org.mlmp.nn.Loss.SQUARED_ERROR,
        org.mlmp.nn.Conv2d.of(20, 3, org.mlmp.nn.Activation.IDENTITY),
        org.mlmp.nn.Conv2d.of(16, 3, org.mlmp.nn.Activation.RELU),
        org.mlmp.nn.Conv2d.of(4, 3, org.mlmp.nn.Activation.RELU), org.mlmp.nn.Conv2d.of(3, 1,
            org.mlmp.nn.Activation.TANH).withPadding(1), org.mlmp.nn.Flatten.of(),
        org.mlmp.nn.Dense.of(2, org.mlmp.nn.Activation.IDENTITY));
    Program.ConvBackward second = org.mlmp.backend.HostBlas.hostMemory() ? Program.ConvBackward.CONV
        : Program.ConvBackward.LIBND4J;
    if (onednn) {
      assertEquals(java.util.Collections.nCopies(4, Program.ConvBackward.ONEDNN), kinds(net, DataType.FLOAT),
          "float");
    }
    assertEquals(List.of(Program.ConvBackward.CONV, second, Program.ConvBackward.LIBND4J,
        Program.ConvBackward.LIBND4J), withoutOneDnn(net), "float without oneDNN");
  }

  /** AUTO's choices per convolution layer of {@code net} in float where oneDNN's own primitives cannot run. */
  private static List<Program.ConvBackward> withoutOneDnn(org.mlmp.nn.Network net) {
    Program p = org.mlmp.nn.EngineAccess.program(net, DataType.FLOAT, Program.ConvBackward.AUTO, 3);
    List<Program.ConvBackward> r = new java.util.ArrayList<>();
    var stages = p.blueprint.stages();
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).op() instanceof Op.Convolution conv) {
        r.add(p.withoutOneDnn(conv, stages.get(i).input().channels(), i > 0));
      }
    }
    return r;
  }

  /**
   * oneDNN's own primitives (the ONEDNN path: forward, backward-weights, backward-data) give in float the gradients
   * the double-precision engine gives, on every network of the gradient checks, NCHW or channels-last, strided and
   * padded layers alike: the double path's gradients are checked against central differences there
   * (GradientCheckTest), so this ties the float oneDNN path to those references. Float rounding over sums of a few
   * hundred terms stays far below 1e-4 relative.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("org.mlmp.nn.engine.GradientCheckTest#cases")
  void onednnPrimitivesMatchTheDoubleEngine(GradientCheckTest.Case c) {
    org.junit.jupiter.api.Assumptions.assumeTrue(org.mlmp.backend.HostBlas.hostMemory()
        && org.mlmp.backend.HostConvolution.available(), "oneDNN on host memory only");
    Program d = org.mlmp.nn.EngineAccess.program(c.net(), DataType.DOUBLE, Program.ConvBackward.AUTO, 3);
    Program f = org.mlmp.nn.EngineAccess.program(c.net(), DataType.FLOAT, Program.ConvBackward.ONEDNN, 3);
    Plan pd = d.plan(4), pf = f.plan(4);
    GradientCheckTest.fill(pd, c.net(), 9);
    GradientCheckTest.fill(pf, c.net(), 9);
    pd.forward(true, 1);
    pd.backward();
    pf.forward(true, 1);
    pf.backward();
    boolean convs = Arrays.stream(pf.nodes).anyMatch(n -> n instanceof Node.ConvNode);
    Arrays.stream(pf.nodes).filter(n -> n instanceof Node.ConvNode)
        .forEach(n -> assertEquals(Program.ConvBackward.ONEDNN, ((Node.ConvNode) n).kind, c + ": path"));
    // strided layers with an input gradient take it on space-to-depth blocks ("strided convs": 3x3 stride 2, 5x5
    // stride 4)
    long onBlocks = Arrays.stream(pf.nodes).filter(n -> n instanceof Node.ConvNode cn && cn.onednnData != null).count();
    if (c.toString().startsWith("strided convs")) assertEquals(2, onBlocks, c + ": input gradients on blocks");
    // every pool on oneDNN's pooling primitives (NCHW ones on its blocked layout), but channels-last max pools that
    // the Java pool takes (HostMaxPool)
    for (int i = 0; i < pf.nodes.length; i++) {
      if (pf.nodes[i] instanceof Node.PoolNode pool) {
        assertEquals(i < pf.channelsLast && pool.java != null, pool.onednn == null, c + ": pool " + i + " on oneDNN");
        assertTrue(pool.onednn != null || pool.java != null, c + ": pool " + i + " on oneDNN or in Java");
      }
    }
    double r = relMax(f.grads(), d.grads());
    assertTrue(r <= 1e-4, c + ": float oneDNN vs double, relative " + r + (convs ? "" : " (no convolution)"));
    assertTrue(relMax(pf.activation(pf.nodes.length - 1).dup('c'), pd.activation(pd.nodes.length - 1)) <= 1e-4,
        c + ": outputs");
  }

  /** The blocks of a strided layer's input gradient for oneDNN take FLOAT host arrays only, and say so. */
  @Test
  void inputGradientBlocksNameWhatTheyNeed() {
    INDArray x = Nd4j.create(DataType.DOUBLE, 2, 3, 9, 9), w = Nd4j.create(DataType.DOUBLE, 4, 3, 3, 3);
    INDArray dz = Nd4j.create(DataType.DOUBLE, 2, 4, 4, 4), dx = Nd4j.create(DataType.DOUBLE, 2, 3, 9, 9);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> SpaceToDepthBlocks.forOneDnn(DataType.DOUBLE, 3, 2, 0, x, w, dz, dx));
    assertTrue(e.getMessage().startsWith("A strided layer's input gradient on space-to-depth blocks through oneDNN"
        + " needs FLOAT arrays in host memory, dx in row order from element 0. Got DOUBLE, "), e.getMessage());
    org.junit.jupiter.api.Assumptions.assumeTrue(org.mlmp.backend.HostBlas.hostMemory(), "host memory only");
    INDArray f = Nd4j.create(DataType.FLOAT, 2, 3, 9, 9);
    var v = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> SpaceToDepthBlocks.forOneDnn(DataType.FLOAT, 3, 2, 0, f, w.castTo(DataType.FLOAT),
            dz.castTo(DataType.FLOAT), Nd4j.create(DataType.FLOAT, new long[] {2, 3, 9, 9}, 'f')));
    assertTrue(v.getMessage().endsWith("Got FLOAT, host memory, dx ordering f offset 0; use"
        + " -Dmlmp.nn.convBackward=auto."), v.getMessage());
    // by hand: k₂ = ⌈3/2⌉ = 2, blocks of 4 + 2 − 1 = 5 rows and columns, rows read min(9, 2·5 − 0) = 9
    SpaceToDepthBlocks blocks = SpaceToDepthBlocks.forOneDnn(DataType.FLOAT, 3, 2, 0, f, w.castTo(DataType.FLOAT),
        dz.castTo(DataType.FLOAT), f);
    assertEquals(new SpaceToDepthBlocks.BlockGrid(3, 2, 2, 0, 2, 3, 9, 9, 4, 5, 5, 9, 9), blocks.grid);
    assertTrue(blocks.host);
  }

  /** The ONEDNN path asked for where it cannot run stops with the reason and the fix. */
  @Test
  void onednnOnDoublesIsRefusedWithTheFix() {
    GradientCheckTest.Case c = GradientCheckTest.cases().filter(k -> k.toString().startsWith("LeNet-like"))
        .findFirst().orElseThrow();
    Program p = org.mlmp.nn.EngineAccess.program(c.net(), DataType.DOUBLE, Program.ConvBackward.ONEDNN, 3);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> p.plan(4));
    String natives = org.mlmp.backend.HostConvolution.unavailableReason().map(r -> "not loaded (" + r + ")")
        .orElse("loaded");
    String memory = org.mlmp.backend.HostBlas.hostMemory() ? "host memory"
        : "no host memory (a GPU backend, or HostBlas.forceGeneric())";
    assertEquals("The ONEDNN convolution path (-Dmlmp.nn.convBackward=onednn) needs FLOAT arrays in host memory and"
        + " oneDNN's natives. Got DOUBLE arrays, " + memory + ", natives " + natives + ". Use"
        + " -Dmlmp.nn.convBackward=auto, which takes it where it can run.", e.getMessage());
  }

  /**
   * The float host path runs LeNet-like networks channels-last up to their Flatten (one input channel, stride-1
   * convolutions, pooling), and nothing else; the plan still shows NCHW activations.
   */
  @Test
  void channelsLastRunsLeNetLikeNetworksOnly() {
    org.junit.jupiter.api.Assumptions.assumeTrue(org.mlmp.backend.HostBlas.hostMemory(), "host memory only");
    java.util.Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    expected.put("LeNet-like", 3);
    expected.put("channels-last run", 4);
    expected.put("conv stride 2", -1); // two input channels, a strided convolution
    expected.put("strided convs", -1);
    expected.put("batch norm first", -1);
    expected.put("hidden", -1); // no image
    for (var e : expected.entrySet()) {
      GradientCheckTest.Case c = GradientCheckTest.cases().filter(k -> k.toString().startsWith(e.getKey()))
          .findFirst().orElseThrow();
      Plan f = org.mlmp.nn.EngineAccess.program(c.net(), DataType.FLOAT, Program.ConvBackward.AUTO, 3).plan(4);
      assertEquals(e.getValue(), f.channelsLast, c + ": float host");
      Plan d = org.mlmp.nn.EngineAccess.program(c.net(), DataType.DOUBLE, Program.ConvBackward.AUTO, 3).plan(4);
      assertEquals(-1, d.channelsLast, c + ": double");
      try (var scope = org.mlmp.backend.HostBlas.forceGeneric()) {
        Plan g = org.mlmp.nn.EngineAccess.program(c.net(), DataType.FLOAT, Program.ConvBackward.AUTO, 3).plan(4);
        assertEquals(-1, g.channelsLast, c + ": backend-generic");
      }
      Plan gemm = org.mlmp.nn.EngineAccess.program(c.net(), DataType.FLOAT, Program.ConvBackward.GEMM, 3).plan(4);
      assertEquals(-1, gemm.channelsLast, c + ": GEMM backward (im2col on NCHW)");
    }
    // An image flattened straight away (an MLP on images) has nothing to run channels-last.
    var flatFirst = org.mlmp.nn.Network.of(org.mlmp.nn.Shape.image(1, 4, 4), org.mlmp.nn.Loss.SQUARED_ERROR,
        org.mlmp.nn.Flatten.of(), org.mlmp.nn.Dense.of(2, org.mlmp.nn.Activation.IDENTITY));
    assertEquals(-1, org.mlmp.nn.EngineAccess.program(flatFirst, DataType.FLOAT, Program.ConvBackward.AUTO, 3).plan(4)
        .channelsLast, "Flatten first");
    GradientCheckTest.Case c = GradientCheckTest.cases().filter(k -> k.toString().startsWith("LeNet-like"))
        .findFirst().orElseThrow();
    assertEquals(-1, PropertyScope.with("mlmp.nn.channelsLast", "false", () -> org.mlmp.nn.EngineAccess.program(c.net(),
        DataType.FLOAT, Program.ConvBackward.AUTO, 3).plan(4)).channelsLast);
    Program p = org.mlmp.nn.EngineAccess.program(c.net(), DataType.FLOAT, Program.ConvBackward.AUTO, 3);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> PropertyScope.with("mlmp.nn.channelsLast", "yes", () -> p.plan(4)));
    assertEquals("-Dmlmp.nn.channelsLast must be true or false. Got 'yes' instead.", e.getMessage());
    // conv2d_bp (forced) runs channels-last too: the same steps as channels-first.
    for (String name : new String[] {"LeNet-like", "channels-last run"}) {
      GradientCheckTest.Case k = GradientCheckTest.cases().filter(q -> q.toString().startsWith(name)).findFirst()
          .orElseThrow();
      HostAndGeneric lib = HostAndGeneric.of(k, Program.ConvBackward.LIBND4J);
      assertTrue(lib.ph().channelsLast > 0 && lib.pg().channelsLast == -1, k + ": conv2d_bp channels-last");
      lib.assertSameSteps(k);
    }
    // The plan shows the first convolution's output as [B, C, H, W], as on the channels-first path.
    HostAndGeneric hg = HostAndGeneric.of(c, Program.ConvBackward.AUTO);
    hg.assertSameSteps(c);
    assertEquals(3, hg.ph().channelsLast);
    assertTrue(Arrays.equals(new long[] {4, 3, 8, 8}, hg.ph().activation(0).shape()), "activation(0) shape");
    assertEquals(0.0, relMax(hg.ph().activation(0).dup('c'), hg.pg().activation(0)), 1e-6, "activation(0) values");
  }

  /** Flatten's channels-last passes name lengths that do not fit. */
  @Test
  void channelsLastPassRejectsMismatchedLengths() {
    INDArray src = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 2, 6, 3);
    INDArray dst = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 2, 3, 5);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> HostChannelsLast.of(HostChannelsLast.Pass.TO_CHANNELS_FIRST, src, dst, 2, 3));
    assertEquals("HostChannelsLast TO_CHANNELS_FIRST: source of 36 values, target of 30, for B = 2 and C = 3; the source"
        + " must be divisible by B·C and the target as long as the source.", e.getMessage());
    INDArray odd = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 2, 7, 2);
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> HostChannelsLast.of(HostChannelsLast.Pass.FROM_CHANNELS_FIRST, odd, odd, 2, 3));
    assertTrue(e.getMessage().startsWith("HostChannelsLast FROM_CHANNELS_FIRST: source of 28 values, target of 28, for"
        + " B = 2 and C = 3;"), e.getMessage());
  }

  private static List<Program.ConvBackward> kinds(org.mlmp.nn.Network net, DataType t) {
    Plan plan = org.mlmp.nn.EngineAccess.program(net, t, Program.ConvBackward.AUTO, 3).plan(4);
    return Arrays.stream(plan.nodes).filter(n -> n instanceof Node.ConvNode).map(n -> ((Node.ConvNode) n).kind)
        .toList();
  }

  /** One network as two float programs with the same parameters: on the host path and backend-generic. */
  private record HostAndGeneric(Program host, Program generic, Plan ph, Plan pg) {
    static HostAndGeneric of(GradientCheckTest.Case c, Program.ConvBackward mode) {
      org.junit.jupiter.api.Assumptions.assumeTrue(org.mlmp.backend.HostBlas.hostMemory(), "host memory only");
      Program host = org.mlmp.nn.EngineAccess.program(c.net(), DataType.FLOAT, mode, 3);
      Program generic;
      Plan pg;
      try (var scope = org.mlmp.backend.HostBlas.forceGeneric()) {
        generic = org.mlmp.nn.EngineAccess.program(c.net(), DataType.FLOAT, mode, 3);
        pg = generic.plan(4);
      }
      generic.setParameters(host.params());
      return new HostAndGeneric(host, generic, host.plan(4), pg);
    }

    /**
     * Two training steps' forward and backward passes on the same batch: outputs and gradients equal to float
     * rounding (twice: the dense output-gradient pass's bias flag is reset after each use).
     */
    void assertSameSteps(GradientCheckTest.Case c) {
      GradientCheckTest.fill(pg, c.net(), 9);
      ph.input().assign(pg.input());
      ph.target().assign(pg.target());
      for (int step = 0; step < 2; step++) {
        ph.forward(true, 1);
        pg.forward(true, 1);
        ph.backward();
        pg.backward();
        double out = relMax(ph.output(), pg.output()), grad = relMax(host.grads(), generic.grads());
        assertTrue(out <= 1e-5, c + ": output relative difference " + out);
        assertTrue(grad <= 1e-5, c + ": gradient relative difference " + grad);
      }
    }
  }

  /**
   * The CONV path's Java copies and flipped kernel (float host path) give the gradients of its ND4J ops and
   * {@code deconv2d} (the same path with {@link org.mlmp.backend.HostBlas#forceGeneric()}) to float rounding, and
   * are taken where they apply.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("org.mlmp.nn.engine.GradientCheckTest#cases")
  void convJavaCopiesMatchTheNd4jOps(GradientCheckTest.Case c) {
    HostAndGeneric hg = HostAndGeneric.of(c, Program.ConvBackward.CONV);
    Plan ph = hg.ph(), pg = hg.pg();
    for (int i = 0; i < ph.nodes.length; i++) {
      if (ph.nodes[i] instanceof Node.ConvNode h && h.strided == null) {
        Node.ConvNode g = (Node.ConvNode) pg.nodes[i];
        // channels-first: dz swapped by HostChannelSwap; channels-last (LeNet-like networks): dz read as a permuted
        // view, the bias gradient a GEMV over its rows
        assertTrue((h.swapDz != null) != (h.dzRows != null) && g.swapDz == null && g.dzRows == null,
            c + ": layer " + i + " dz swap host/generic");
        assertEquals(h.nhwc, h.dzRows != null, c + ": layer " + i + " channels-last bias GEMV");
        assertEquals(h.dx != null, h.flip != null, c + ": layer " + i + " flipped kernel where dx is needed");
        assertEquals(null, g.flip, c + ": generic layer " + i);
      } else if (ph.nodes[i] instanceof Node.ConvNode h) {
        // strided: the space-to-depth blocks copied in Java on the host path only; conv2d_bp on the blocks where
        // the input gradient is wanted (it writes the bias gradient too), else the weight gradient's convolution
        SpaceToDepthBackward g = ((Node.ConvNode) pg.nodes[i]).strided;
        assertTrue(h.strided.host && !g.host, c + ": layer " + i + " strided host/generic");
        assertEquals(h.dx != null, h.strided.blocks != null, c + ": layer " + i + " blocks where dx is wanted");
        assertTrue(h.strided.blocks == null || h.strided.blocks.host && !g.blocks.host, c + ": layer " + i);
        assertEquals(h.dx != null, h.strided.bp != null && h.strided.wconv == null, c + ": layer " + i);
        assertEquals(h.dx != null, h.gradB == null, c + ": layer " + i + " bias gradient from conv2d_bp");
      }
    }
    hg.assertSameSteps(c);
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
    HostAndGeneric hg = HostAndGeneric.of(c, Program.ConvBackward.AUTO);
    Plan ph = hg.ph(), pg = hg.pg();
    for (int i = 0; i < ph.nodes.length; i++) {
      if (ph.nodes[i] instanceof Node.DenseNode d) {
        Nonlinearity f = d.act.function();
        boolean applies = f == Nonlinearity.IDENTITY || f == Nonlinearity.RELU || f == Nonlinearity.SOFTMAX;
        assertEquals(applies, d.host != null, c + ": layer " + i + " (" + f + ")");
        assertEquals(null, ((Node.DenseNode) pg.nodes[i]).host, c + ": generic layer " + i);
        boolean wide = d.dx != null && d.a.size(1) >= (long) Node.DenseNode.TRANSPOSED_DX_MIN * d.a.size(0);
        assertEquals(wide, d.transposesDx(), c + ": layer " + i + " ∂C/∂x as (W·dzᵀ)ᵀ");
        assertFalse(((Node.DenseNode) pg.nodes[i]).transposesDx(), c + ": generic layer " + i);
      }
    }
    hg.assertSameSteps(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.mlmp.nn.engine.GradientCheckTest#cases")
  void convolutionBackwardPathsAgree(GradientCheckTest.Case c) {
    // im2col + GEMM, libnd4j's conv2d_bp and the CONV path give the same gradients (double precision, to rounding).
    // ONEDNN is float only: onednnPrimitivesMatchTheDoubleEngine.
    Program.ConvBackward[] modes = Arrays.stream(Program.ConvBackward.values())
        .filter(m -> m != Program.ConvBackward.ONEDNN).toArray(Program.ConvBackward[]::new);
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
