package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Each optimiser's flat update against its formula written out in plain Java, over three steps. */
class UpdaterTest {
  static Stream<Optimizer> optimizers() {
    return Stream.of(Optimizer.Sgd.of(0.1), Optimizer.Momentum.of(0.1, 0.9),
        Optimizer.Momentum.of(0.1, 0.9).withNesterov(true), Optimizer.Adam.of(0.01));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void updateFollowsTheFormula(Optimizer opt) {
    Network net = Network.of(Shape.vector(2), Loss.SQUARED_ERROR, Dense.of(2, Activation.IDENTITY));
    Program p = new Program(org.mlmp.nn.EngineAccess.blueprint(net), DataType.DOUBLE);
    double[] w = {0.5, -1, 2, 0.25, 0.1, -0.3};
    p.setParameters(w);
    Updater u = new Updater(org.mlmp.nn.EngineAccess.rule(opt), p);
    double[][] g = {{1, -2, 0.5, 3, -1, 0.2}, {0.3, 0.1, -0.5, 1, 2, -3}, {-1, 1, -1, 1, -1, 1}};
    double[] m = new double[6], v = new double[6], expected = w.clone();
    for (int t = 1; t <= 3; t++) {
      p.grads().assign(Nd4j.createFromArray(g[t - 1]));
      u.step(opt.learningRate());
      for (int i = 0; i < 6; i++) {
        double gi = g[t - 1][i];
        if (opt instanceof Optimizer.Sgd gd) {
          expected[i] -= gd.learningRate() * gi;
        } else if (opt instanceof Optimizer.Momentum mo) {
          m[i] = mo.momentum() * m[i] - mo.learningRate() * gi;
          expected[i] += mo.nesterov() ? mo.momentum() * m[i] - mo.learningRate() * gi : m[i];
        } else if (opt instanceof Optimizer.Adam a) {
          m[i] = a.beta1() * m[i] + (1 - a.beta1()) * gi;
          v[i] = a.beta2() * v[i] + (1 - a.beta2()) * gi * gi;
          double at = a.learningRate() * Math.sqrt(1 - Math.pow(a.beta2(), t)) / (1 - Math.pow(a.beta1(), t));
          expected[i] -= at * m[i] / (Math.sqrt(v[i]) + a.epsilon());
        }
      }
      assertArrayEquals(expected, p.params().data().asDouble(), 1e-12, "after step " + t);
    }
  }

  /**
   * The fused float Adam pass (Java tiles, parallel blocks from {@link Updater#PARALLEL_MIN}) against
   * libnd4j's {@code adam_updater} + subtraction, the previous path: same parameters and moments to float
   * rounding after five steps. 7 units of 3 inputs (28 parameters, one partial tile) and 1 100 units of
   * 1 000 inputs (1 101 100 parameters: parallel blocks ({@link Updater#block}), ragged last tile).
   */
  @ParameterizedTest(name = "{0} inputs")
  @ValueSource(ints = {3, 1000})
  void fusedFloatAdamMatchesLibnd4j(int inputs) {
    int units = inputs == 3 ? 7 : 1100;
    Network net = Network.of(Shape.vector(inputs), Loss.SQUARED_ERROR, Dense.of(units, Activation.IDENTITY));
    Program fast = org.mlmp.nn.EngineAccess.program(net, DataType.FLOAT, 3);
    Program ref = org.mlmp.nn.EngineAccess.program(net, DataType.FLOAT, 3);
    Optimizer.Adam adam = Optimizer.Adam.of(0.01);
    UpdateRule rule = org.mlmp.nn.EngineAccess.rule(adam);
    Updater uf = new Updater(rule, fast), ur;
    try (var forced = org.mlmp.backend.HostBlas.forceGeneric()) {
      ur = new Updater(rule, ref); // libnd4j adam_updater, what other backends run
    }
    Nd4j.getRandom().setSeed(5);
    for (int t = 0; t < 5; t++) {
      var g = Nd4j.randn(DataType.FLOAT, fast.size()).muli(t == 2 ? 1e-6 : 1.0);
      fast.grads().assign(g);
      ref.grads().assign(g);
      uf.step(adam.learningRate());
      ur.step(adam.learningRate());
    }
    assertClose(ref.params().data().asFloat(), fast.params().data().asFloat(), "parameters");
    var sf = uf.state();
    var sr = ur.state();
    for (String k : List.of("optimizer.s1", "optimizer.s2")) {
      assertClose(sr.get(k).data().asFloat(), sf.get(k).data().asFloat(), k);
    }
  }

  /**
   * One thread below {@link Updater#PARALLEL_MIN} parameters; the parallel pass's blocks are a quarter of a thread's
   * share in whole tiles, from one tile to {@link Updater#BLOCK}. Parameter counts: the MLP 784-512-256-10 (535 818),
   * LeNet (431 080), torchvision's AlexNet (61 100 840).
   */
  @Test
  void theParallelPassTakesBlocksOfAQuarterOfAThreadsShareInWholeTiles() {
    assertEquals(1, Updater.threads(Updater.PARALLEL_MIN - 1));
    assertEquals(Math.min(org.mlmp.backend.Threads.cap(), 8), Updater.threads(Updater.PARALLEL_MIN));
    assertEquals(16 * Updater.TILE, Updater.block(535_818, 2)); // 66 977 → 16 tiles
    assertEquals(13 * Updater.TILE, Updater.block(431_080, 2)); // 53 885 → 13 tiles
    assertEquals(Updater.BLOCK, Updater.block(61_100_840, 2));
    assertEquals(2 * Updater.TILE, Updater.block(Updater.PARALLEL_MIN, 8)); // 8 192
    assertEquals(Updater.TILE, Updater.block(20_000, 2)); // 2 500: less than a tile
  }

  /** The heap-held moments' bound is an eighth of the heap at 8 bytes per parameter, capped at the int range. */
  @Test
  void heapMomentsTakeAtMostAnEighthOfTheHeap() {
    assertEquals(1 << 24, Updater.heapMomentsMax(1L << 30));
    assertEquals(1 << 26, Updater.heapMomentsMax(4L << 30));
    assertEquals(0, Updater.heapMomentsMax(63));
    assertEquals(Integer.MAX_VALUE, Updater.heapMomentsMax(Long.MAX_VALUE));
  }

  /**
   * The three float Adam paths give bitwise the same parameters and moments over four steps: the Vector API pass (the
   * default when the JVM has the module, as the tests' JVM does: with 28 parameters on the copying path's heap tiles,
   * with 1 101 100 on the off-heap arrays), the copying pass with m and v on the heap (the default without it, when
   * they take at most an eighth of the heap, {@link Updater#heapMomentsMax}) and the copying pass with m and v off-heap
   * (bound 0). 28 parameters: one partial tile, one 16-float vector and a tail;
   * 1 101 100: parallel blocks ({@link Updater#block}), ragged last tile; 301 000 (between {@link
   * Updater#PARALLEL_MIN} and {@link Updater#OFF_HEAP_MIN}, as LeNet and the MLP): on two or more threads the Vector
   * API pass on the off-heap arrays and the copying passes in parallel blocks of whole tiles, on one thread the heap
   * tiles. state() then restore() into a fresh updater of each path continues bitwise the same.
   */
  @ParameterizedTest(name = "{0} inputs")
  @ValueSource(ints = {3, 300, 1000})
  void floatAdamPathsAreBitwiseTheSameAndSurviveStateRestore(int inputs) {
    assertTrue(Updater.vectorPassLoaded(), "the tests' JVM has --add-modules=jdk.incubator.vector (mlmp.test.jvm): "
        + org.mlmp.backend.VectorApi.status());
    int units = inputs == 3 ? 7 : inputs == 300 ? 1000 : 1100;
    Network net = Network.of(Shape.vector(inputs), Loss.SQUARED_ERROR, Dense.of(units, Activation.IDENTITY));
    Optimizer.Adam adam = Optimizer.Adam.of(0.01);
    UpdateRule rule = org.mlmp.nn.EngineAccess.rule(adam);
    int heapAll = Integer.MAX_VALUE;
    Program vec = org.mlmp.nn.EngineAccess.program(net, DataType.FLOAT, 3);
    Program heap = org.mlmp.nn.EngineAccess.program(net, DataType.FLOAT, 3);
    Program off = org.mlmp.nn.EngineAccess.program(net, DataType.FLOAT, 3);
    List<Program> programs = List.of(vec, heap, off);
    List<Updater> updaters = List.of(new Updater(rule, vec, heapAll, true), new Updater(rule, heap, heapAll, false),
        new Updater(rule, off, 0, false));
    float[] before = off.params().data().asFloat();
    Nd4j.getRandom().setSeed(9);
    for (int t = 0; t < 4; t++) {
      var g = Nd4j.randn(DataType.FLOAT, vec.size()).muli(t == 2 ? 1e-6 : 1.0);
      for (int k = 0; k < 3; k++) {
        programs.get(k).grads().assign(g);
        updaters.get(k).step(adam.learningRate());
      }
    }
    List<String> names = List.of("vector", "heap", "off-heap");
    float[] expected = off.params().data().asFloat();
    assertFalse(java.util.Arrays.equals(before, expected), "four steps changed the parameters");
    for (int k = 0; k < 2; k++) {
      assertArrayEquals(expected, programs.get(k).params().data().asFloat(), 0f, names.get(k) + ": parameters");
      var sk = updaters.get(k).state();
      var so = updaters.get(2).state();
      for (String key : List.of("optimizer.s1", "optimizer.s2")) {
        assertArrayEquals(so.get(key).data().asFloat(), sk.get(key).data().asFloat(), 0f, names.get(k) + ": " + key);
      }
    }
    var g = Nd4j.randn(DataType.FLOAT, vec.size());
    List<Updater> again = List.of(new Updater(rule, vec, heapAll, true), new Updater(rule, heap, heapAll, false),
        new Updater(rule, off, 0, false));
    for (int k = 0; k < 3; k++) {
      again.get(k).restore(updaters.get(k).state());
      programs.get(k).grads().assign(g);
      again.get(k).step(adam.learningRate());
    }
    for (int k = 0; k < 2; k++) {
      assertArrayEquals(off.params().data().asFloat(), programs.get(k).params().data().asFloat(), 0f,
          names.get(k) + ": after restore");
    }
  }

  /**
   * A moment that decays below the smallest normal number becomes 0 instead of stopping at the smallest subnormal
   * (β₁·4·2⁻¹⁴⁹ = 3.6·2⁻¹⁴⁹ rounds back to 4·2⁻¹⁴⁹), on every path: one step with gradient 1, then gradients 0, so
   * m = (1 − β₁)·β₁ᵏ after k zero steps, each product rounded. Counted with NumPy's float32 and Python's float (the
   * same roundings): the first subnormal m is at k = 808 in float and k = 6 702 in double. Adam without the flush,
   * written out here, is still 4·2⁻¹⁴⁹ after 1 300 steps.
   */
  @Test
  void subnormalMomentsBecomeZero() {
    Network net = Network.of(Shape.vector(3), Loss.SQUARED_ERROR, Dense.of(7, Activation.IDENTITY));
    UpdateRule rule = org.mlmp.nn.EngineAccess.rule(Optimizer.Adam.of(0.01));
    List<String> names = List.of("vector", "heap", "off-heap", "double");
    List<Program> programs = List.of(org.mlmp.nn.EngineAccess.program(net, DataType.FLOAT, 3),
        org.mlmp.nn.EngineAccess.program(net, DataType.FLOAT, 3),
        org.mlmp.nn.EngineAccess.program(net, DataType.FLOAT, 3),
        org.mlmp.nn.EngineAccess.program(net, DataType.DOUBLE, 3));
    List<Updater> updaters = List.of(new Updater(rule, programs.get(0), Integer.MAX_VALUE, true),
        new Updater(rule, programs.get(1), Integer.MAX_VALUE, false), new Updater(rule, programs.get(2), 0, false),
        new Updater(rule, programs.get(3)));
    for (int k = 0; k < 4; k++) {
      Program p = programs.get(k);
      Updater u = updaters.get(k);
      p.grads().assign(1);
      u.step(0.01);
      p.grads().assign(0);
      boolean dbl = k == 3;
      int normalUntil = dbl ? 6701 : 807, zeroFrom = dbl ? 6702 : 808;
      for (int step = 1; step <= zeroFrom; step++) {
        u.step(0.01);
        if (step == normalUntil || step == zeroFrom) {
          double m = u.state().get("optimizer.s1").getDouble(0);
          if (step == normalUntil) {
            assertTrue(m >= (dbl ? Double.MIN_NORMAL : Float.MIN_NORMAL), names.get(k) + ": m " + m + " at " + step);
          } else {
            assertEquals(0.0, m, 0.0, names.get(k) + ": m at " + step);
          }
        }
      }
    }
    float m = 1 - 0.9f;
    for (int step = 1; step <= 1300; step++) m = 0.9f * m + (1 - 0.9f) * 0f;
    assertEquals(4 * Float.MIN_VALUE, m, 0f, "without the flush m stops at 4·2⁻¹⁴⁹");
  }

  /**
   * The self-check that guards the Vector API pass finds a kernel that differs in one element's last bit, on byte
   * buffers and on the copying path's Java arrays.
   */
  @Test
  void selfCheckNamesTheFirstElementThatDiffers() {
    String wrong = Updater.selfCheck(writtenOut(40, false));
    assertTrue(wrong != null && wrong.startsWith("gave θ[40] = ") && wrong.contains("where the Java loop gives"),
        wrong);
    wrong = Updater.selfCheck(writtenOut(40, true));
    assertTrue(wrong != null && wrong.startsWith("gave θ (tile)[40] = "), wrong);
    assertEquals(null, Updater.selfCheck(writtenOut(-1, false)));
  }

  /** Adam's formula written out, θ[nudged] one ulp up (−1: none) on byte buffers, or with {@code inTile} on arrays. */
  private static Updater.FloatAdamPass writtenOut(int nudged, boolean inTile) {
    return new Updater.FloatAdamPass() {
      @Override
      public void run(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int from, int to, float b1, float b2,
          float at, float eps) {
        for (int i = from; i < to; i++) {
          int o = i * Float.BYTES;
          float gi = g.getFloat(o);
          float mi = Updater.flush(b1 * m.getFloat(o) + (1 - b1) * gi);
          float vi = Updater.flush(b2 * v.getFloat(o) + (1 - b2) * gi * gi);
          m.putFloat(o, mi);
          v.putFloat(o, vi);
          float pi = p.getFloat(o) - at * (mi / ((float) Math.sqrt(vi) + eps));
          p.putFloat(o, i == nudged && !inTile ? Math.nextUp(pi) : pi);
        }
      }

      @Override
      public void tile(float[] p, float[] g, float[] m, float[] v, int len, float b1, float b2, float at, float eps) {
        for (int i = 0; i < len; i++) {
          m[i] = Updater.flush(b1 * m[i] + (1 - b1) * g[i]);
          v[i] = Updater.flush(b2 * v[i] + (1 - b2) * g[i] * g[i]);
          float pi = p[i] - at * (m[i] / ((float) Math.sqrt(v[i]) + eps));
          p[i] = i == nudged && inTile ? Math.nextUp(pi) : pi;
        }
      }
    };
  }

  /**
   * Elementwise |a − b| ≤ 4 float ulps of the element + 1e-7 × the array's largest magnitude (≈ 2 ulps of
   * it): values that cancel towards 0 over the steps keep the absolute rounding error of their larger
   * summands, and the native op may contract a·b + c into one FMA where Java rounds twice.
   */
  private static void assertClose(float[] expected, float[] actual, String what) {
    assertTrue(expected.length == actual.length, what + ": lengths differ");
    float scale = 0;
    for (float e : expected) scale = Math.max(scale, Math.abs(e));
    for (int i = 0; i < expected.length; i++) {
      float tol = 4 * Math.ulp(Math.max(Math.abs(expected[i]), Math.abs(actual[i]))) + 1e-7f * scale;
      if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
        throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
      }
    }
  }
}
