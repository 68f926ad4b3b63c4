package org.mlmp.nn.engine;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostDoubles;
import org.mlmp.backend.HostFloats;
import org.mlmp.backend.Threads;
import org.mlmp.backend.VectorApi;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Internal (not API): one optimiser step ({@link UpdateRule}) on the whole flat parameter vector of a
 * {@link Program} (one pass of ops per step, whatever the number of layers), and the optimiser's state
 * (Adam's moments, the momentum velocity, the step count) for checkpoints. The learning rate is a
 * parameter of {@link #step(double)}: a schedule changes it from step to step while the state lives on
 * in this one object.
 *
 * <p>Adam on the CPU is fused: one pass over the flat vectors, θ, g, m, v each read once and θ, m, v written once; from
 * {@value #PARALLEL_MIN} parameters on up to {@code Threads.cap()} threads, which take blocks ({@link #block}) in turn
 * ({@link Threads#inTurn}). Taken in turn, not split in equal parts: right after back-propagation libgomp's worker
 * thread spins on a core for a while (its default wait policy), and a thread sharing that core held up a pass split in
 * halves. AlexNet's pass after back-propagation took 40.2–48.7 ms in halves and 36.8–37.9 ms in blocks, and
 * 32.7–33.5 ms run again at once (docs/nn-measurements.md, "Adam's blocks and libgomp's spinning worker"). In float,
 * when the JVM has the Vector API ({@link VectorApi}: {@code ./mlmp}, the benchmarks and the tests start it so), the
 * pass works on the off-heap arrays themselves ({@code VectorAdam}) from {@value #OFF_HEAP_MIN} parameters (or with
 * moments too large for the heap), and from {@value #PARALLEL_MIN} when it runs on more than one thread: AlexNet's
 * 61.1 M parameters in 16–19 ms on two threads of an AVX-512 EPYC (about 33 ms on the AVX2 one) against 38–41 ms for
 * the copying path below, interleaved in one JVM (docs/nn-measurements.md); with the two-thread pass the MLP's training
 * step (535 818 parameters) took 0.85–1.01 (median 0.90) of its time with the one-thread pass on heap tiles, LeNet's
 * (431 080) 0.93–0.99, on the AVX-512 EPYC (docs/nn-measurements.md, "Adam on two threads for LeNet and the MLP"). A
 * pass on one thread below {@value #OFF_HEAP_MIN} parameters takes the copying path with the Vector API on its Java
 * arrays, which JDK 17 runs faster than on byte buffers: the MLP's 535 818 parameters in 0.39–0.41 ms against 0.57–0.68
 * ms on one thread of the AVX2 EPYC, LeNet's 431 080 in 0.32 against 0.46 ms (docs/nn-measurements.md, "Adam on Java
 * arrays for small networks"). The
 * copying path (also without the Vector API, and in double) runs in tiles of {@value #TILE} elements, each tile of θ
 * and g copied into Java arrays (L1/L2-resident), updated there with its tile of m and v (on the Vector API, or by a
 * loop the JIT vectorises), and θ copied back: a copy between off-heap memory and a Java array streams at about 20 GB/s
 * per core here. Float m and v then live on the Java heap as tiles when they take at most
 * 1/{@value #HEAP_MOMENTS_SHARE} of the maximum heap ({@link #heapMomentsMax}), which saves their copies: the MLP's
 * 535 818-parameter pass took 250–435 µs against 350–640 µs with all four copied in and three out; AlexNet's 37–38 ms
 * against 46–48 ms. Heap-held m and v have no off-heap copy ({@link #state()} builds one); with a smaller heap, and in
 * double, m and v are off-heap and copied like θ. All float paths give bitwise the same results.
 * libnd4j's {@code adam_updater} followed by θ −= u (the previous path, still used on other backends) reads and writes
 * an extra update vector and ran 2–3× slower on AlexNet's 61 M parameters (docs/nn-measurements.md).
 * Per element, in the working precision, with t the 1-based step:
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α_t·(m/(√v + ε)), α_t = α·√(1−β₂ᵗ)/(1−β₁ᵗ)
 * (Kingma and Ba 2015, Algorithm 1 with the efficient ordering of their section 2; libnd4j and DL4J use the same
 * formula and round α_t·m first; the quotient first, as PyTorch's {@code addcdiv_} does, keeps the intermediate of a
 * small m normal, see below).
 * Each element's result does not depend on the blocks or threads, so runs are reproducible across thread counts.
 *
 * <p>A new m or v below the working precision's smallest normal number is stored as 0 ({@link #flush}). Without that,
 * the first moment of a parameter whose gradient stays 0 (a dead ReLU unit's weights, an input pixel that is always 0)
 * decays by β₁ per step into the subnormal numbers and then stays at the smallest one for good, since β₁·2⁻¹⁴⁹ rounds
 * back to 2⁻¹⁴⁹ in float; on an Intel Xeon each subnormal operand costs a microcode assist, and LeNet's training step
 * on one fixed batch went from 6.9 to 9.5–10.6 ms once 145 000 of its 431 080 first moments were stuck there (about
 * 750 steps; docs/nn-measurements.md, "LeNet on an Intel Xeon"). θ cannot tell: such an m moves it by at most
 * α_t·2⁻¹²⁶/ε, and a v that small is lost against ε in √v + ε. For the same reason the update divides before it
 * multiplies: α_t·m is subnormal for m below about 2⁻¹²⁶/α_t (while m decays there, 144 000 of LeNet's moments
 * were), m/(√v + ε) ≥ m whenever √v + ε ≤ 1.
 */
public final class Updater {
  /** Elements per tile: 4 arrays × 4096 floats = 64 KiB of scratch per thread. */
  static final int TILE = 4096;
  /** Below this many parameters one thread does the Adam pass (a hand-off costs more than it saves). */
  static final int PARALLEL_MIN = 1 << 18;
  /**
   * From this many parameters the float pass on the Vector API works on the off-heap arrays whatever the thread count;
   * from {@link #PARALLEL_MIN} only when it runs on more than one thread ({@link #threads} when the updater is built; on
   * one thread the heap tiles are faster).
   */
  static final int OFF_HEAP_MIN = 1 << 20;
  /** The most elements per block of the parallel pass: {@value} (64 tiles, 1 MiB of each float array). */
  static final int BLOCK = 64 * TILE;
  /**
   * The float Adam pass keeps m and v on the Java heap, as tiles of {@value #TILE} floats ({@code 2 × 4 × n}
   * bytes), when they take at most this fraction (1/{@value}) of the maximum heap: the pass then copies only θ and g
   * in and θ out per tile instead of all four in and three out. Beyond it m and v stay in off-heap ND4J arrays only.
   */
  static final int HEAP_MOMENTS_SHARE = 8;

  /** The float pass ({@code VectorAdam}), implemented with the Vector API. */
  interface FloatAdamPass {
    /** Elements [from, to) of the flat float arrays (byte buffers in native order), per the class's formula. */
    void run(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int from, int to, float b1, float b2, float at,
        float eps);

    /** Elements [0, len) of Java arrays in place, per the class's formula: the copying path's tile. */
    void tile(float[] p, float[] g, float[] m, float[] v, int len, float b1, float b2, float at, float eps);
  }

  /** {@code VectorAdam}, or null when the Vector API is off or failed its self-check (see {@link VectorApi}). */
  private static final FloatAdamPass VECTOR_PASS = loadVectorPass();

  private final UpdateRule rule;
  private final INDArray params, grads;
  private final INDArray s1, s2, update;
  private final int n;
  private final boolean fused, isFloat;
  private final FloatBuffer pf, gf, mf, vf;
  /** The Vector API pass and the flat float θ, g, m, v as bytes, or all null: the copying path. */
  private final FloatAdamPass vectorPass;
  /** The copying path's tile update on the Vector API, or null: {@link #adamTile}. */
  private final FloatAdamPass tilePass;
  private final ByteBuffer pb, gb, mb, vb;
  /** Float m and v as heap tiles (tile k holds elements [k·TILE, k·TILE + its length)), or null: in mf, vf. */
  private final float[][] mTiles, vTiles;
  private final DoubleBuffer pd, gd, md, vd;
  private long step;

  public Updater(UpdateRule rule, Program p) {
    this(rule, p, HostBlas.hostMemory(), heapMomentsMax(Runtime.getRuntime().maxMemory()), VECTOR_PASS);
  }

  /**
   * The most float parameters whose Adam moments (8 bytes each) take at most 1/{@value #HEAP_MOMENTS_SHARE} of a
   * heap of {@code maxHeapBytes}: 16 M for a 1 GiB heap, 64 M for 4 GiB (AlexNet's 61.1 M parameters fit).
   */
  static int heapMomentsMax(long maxHeapBytes) {
    return (int) Math.min(Integer.MAX_VALUE, maxHeapBytes / HEAP_MOMENTS_SHARE / 8);
  }

  /**
   * With the paths chosen (tests): {@code vector} false takes the copying path, and there {@code heapMomentsMax} 0
   * keeps float m and v off-heap at any size.
   */
  Updater(UpdateRule rule, Program p, int heapMomentsMax, boolean vector) {
    this(rule, p, HostBlas.hostMemory(), heapMomentsMax, vector ? VECTOR_PASS : null);
  }

  /** Whether this JVM has the Vector API pass (tests). */
  static boolean vectorPassLoaded() {
    return VECTOR_PASS != null;
  }

  /**
   * {@code fused} false: libnd4j {@code adam_updater} + subtraction (other backends; the tests reach it
   * through {@link HostBlas#forceGeneric()}).
   */
  private Updater(UpdateRule rule, Program p, boolean fused, int heapMomentsMax, FloatAdamPass vectorPass) {
    this.rule = rule;
    n = p.size();
    params = p.params.get(NDArrayIndex.interval(0, n));
    grads = p.grads.get(NDArrayIndex.interval(0, n));
    isFloat = p.dtype == DataType.FLOAT;
    boolean adam = rule instanceof UpdateRule.AdaptiveMoments;
    this.fused = fused && adam && (isFloat || p.dtype == DataType.DOUBLE);
    boolean kernel = this.fused && isFloat && vectorPass != null;
    boolean vector = kernel && (n >= OFF_HEAP_MIN || n >= PARALLEL_MIN && threads(n) > 1 || n > heapMomentsMax)
        && p.params.data().length() <= MAX_BYTE_BUFFER_FLOATS && p.grads.data().length() <= MAX_BYTE_BUFFER_FLOATS;
    this.vectorPass = vector ? vectorPass : null;
    tilePass = kernel && !vector ? vectorPass : null;
    // Heap-held moments have no off-heap twin: state() and restore() convert.
    boolean heap = this.fused && isFloat && !vector && n <= heapMomentsMax;
    s1 = rule instanceof UpdateRule.Descent || heap ? null : Nd4j.zeros(p.dtype, n);
    s2 = adam && !heap ? Nd4j.zeros(p.dtype, n) : null;
    update = adam && !this.fused ? Nd4j.zeros(p.dtype, n) : null;
    if (this.fused && isFloat) {
      pf = floats(p.params);
      gf = floats(p.grads);
      mf = heap ? null : floats(s1);
      vf = heap ? null : floats(s2);
      pd = gd = md = vd = null;
      mTiles = heap ? tiles(n) : null;
      vTiles = heap ? tiles(n) : null;
      pb = vector ? HostFloats.bytes(p.params) : null;
      gb = vector ? HostFloats.bytes(p.grads) : null;
      mb = vector ? HostFloats.bytes(s1) : null;
      vb = vector ? HostFloats.bytes(s2) : null;
    } else if (this.fused) {
      pd = doubles(p.params);
      gd = doubles(p.grads);
      md = doubles(s1);
      vd = doubles(s2);
      pf = gf = mf = vf = null;
      mTiles = vTiles = null;
      pb = gb = mb = vb = null;
    } else {
      pf = gf = mf = vf = null;
      pd = gd = md = vd = null;
      mTiles = vTiles = null;
      pb = gb = mb = vb = null;
    }
  }

  /** The most floats a byte buffer (int byte offsets) covers. */
  private static final long MAX_BYTE_BUFFER_FLOATS = Integer.MAX_VALUE / Float.BYTES;

  /**
   * {@code VectorAdam} when {@link VectorApi#enabled()}, checked bitwise against the Java loop on 67 elements (whole
   * vectors and a tail) by {@link VectorKernels#load}; null otherwise, and the copying path runs.
   */
  private static FloatAdamPass loadVectorPass() {
    return VectorKernels.load(FloatAdamPass.class, "VectorAdam", Updater::selfCheck);
  }

  /**
   * Null when {@code k} gives bitwise the Java loop's θ, m and v over two steps on 67 elements, on byte buffers and on
   * Java arrays, else what differs.
   */
  static String selfCheck(FloatAdamPass k) {
    int len = 67;
    float[][] java = new float[4][len], heap = new float[4][];
    ByteBuffer[] direct = new ByteBuffer[4];
    for (int a = 0; a < 4; a++) direct[a] = VectorKernels.direct(new float[len]);
    for (int step = 0; step < 2; step++) {
      for (int i = 0; i < len; i++) {
        // every 11th gradient subnormal (m and v flushed to 0), every 7th about 1e-19 (v flushed): on both sides
        float scale = i % 11 == 0 ? 1e-39f : i % 7 == 0 ? 1e-19f : i % 5 == 0 ? 1e-4f : 1f;
        float gi = (float) Math.sin(0.37 * i + step) * scale;
        java[1][i] = gi;
        direct[1].putFloat(i * Float.BYTES, gi);
        if (step == 0) {
          java[0][i] = 0.01f * (i - 30);
          direct[0].putFloat(i * Float.BYTES, java[0][i]);
        }
      }
      float at = 1e-3f * (step + 1);
      for (int a = step == 0 ? 0 : 1; a < (step == 0 ? 4 : 2); a++) heap[a] = java[a].clone();
      adamTile(java[0], java[1], java[2], java[3], len, 0.9f, 0.999f, at, 1e-8f);
      k.run(direct[0], direct[1], direct[2], direct[3], 0, len, 0.9f, 0.999f, at, 1e-8f);
      k.tile(heap[0], heap[1], heap[2], heap[3], len, 0.9f, 0.999f, at, 1e-8f);
    }
    String[] names = {"θ", "g", "m", "v"};
    for (int a = 0; a < 4; a++) {
      String wrong = VectorKernels.firstDifference(names[a], java[a], direct[a], false);
      if (wrong == null) {
        wrong = VectorKernels.firstDifference(names[a] + " (tile)", java[a], VectorKernels.direct(heap[a]), false);
      }
      if (wrong != null) return wrong;
    }
    return null;
  }

  /** Zeroed heap tiles for n elements: ⌈n / TILE⌉ arrays of TILE floats, the last one shorter. */
  private static float[][] tiles(int n) {
    float[][] t = new float[(n + TILE - 1) / TILE][];
    for (int k = 0; k < t.length; k++) t[k] = new float[Math.min(TILE, n - k * TILE)];
    return t;
  }

  /** Copies the heap tiles into (toArray) or out of the flat array {@code a}. */
  private static void copyTiles(float[][] tiles, INDArray a, boolean toArray) {
    FloatBuffer b = HostFloats.buffer(a);
    for (int k = 0; k < tiles.length; k++) {
      if (toArray) b.put(k * TILE, tiles[k], 0, tiles[k].length);
      else b.get(k * TILE, tiles[k], 0, tiles[k].length);
    }
  }

  /** The host memory of a contiguous, offset-0 array (the flat vectors here are). */
  private static FloatBuffer floats(INDArray a) {
    return HostFloats.buffer(a);
  }

  private static DoubleBuffer doubles(INDArray a) {
    return HostDoubles.buffer(a);
  }

  /** Number of steps taken. */
  public long steps() {
    return step;
  }

  /** Applies one update with learning rate {@code lr} from the current gradients. */
  public void step(double lr) {
    var l1 = Nd4j.getBlasWrapper().level1();
    if (rule instanceof UpdateRule.Descent) {
      l1.axpy(n, -lr, grads, params);
    } else if (rule instanceof UpdateRule.HeavyBall m) {
      s1.muli(m.momentum());
      l1.axpy(n, -lr, grads, s1);
      if (m.nesterov()) {
        l1.axpy(n, m.momentum(), s1, params);
        l1.axpy(n, -lr, grads, params);
      } else {
        l1.axpy(n, 1.0, s1, params);
      }
    } else if (rule instanceof UpdateRule.AdaptiveMoments a && fused) {
      fusedAdam(a, lr);
    } else if (rule instanceof UpdateRule.AdaptiveMoments a) {
      // libnd4j adam_updater: v (stateU) and m (stateM) updated in place; 'iteration' is 0-based.
      Nd4j.exec(new AdamUpdater(grads, s2, s1, update, s2, s1, lr, a.beta1(), a.beta2(), a.epsilon(), (int) step));
      params.subi(update);
    }
    step++;
  }

  private void fusedAdam(UpdateRule.AdaptiveMoments a, double rate) {
    double t = step + 1;
    double at;
    if (isFloat) {
      // As libnd4j's float adam_updater evaluates it: β's, α and the powers rounded to float.
      float b1 = (float) a.beta1(), b2 = (float) a.beta2(), lr = (float) rate;
      at = (float) (lr * (float) Math.sqrt((float) (1.0 - (float) Math.pow(b2, t))) / (1.0 - (float) Math.pow(b1, t)));
    } else {
      at = rate * Math.sqrt(1 - Math.pow(a.beta2(), t)) / (1 - Math.pow(a.beta1(), t));
    }
    int threads = threads(n);
    if (threads == 1) {
      adamChunk(a, at, 0, n);
      return;
    }
    int block = block(n, threads), blocks = (int) ((n + (long) block - 1) / block);
    try {
      Threads.inTurn(blocks, threads - 1, b -> adamChunk(a, at, b * block, (int) Math.min(n, (long) (b + 1) * block)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during the Adam update.", e);
    }
  }

  /** The threads of the pass over n parameters: one below {@link #PARALLEL_MIN}, else {@link Threads#cap()} (≤ 8). */
  static int threads(int n) {
    return n < PARALLEL_MIN ? 1 : Math.max(1, Math.min(Threads.cap(), 8));
  }

  /**
   * Elements per block of the parallel pass over n parameters on {@code threads} threads: a quarter of a thread's
   * share in whole tiles (so that the blocks taken in turn even out a thread that starts late), at least one tile and at
   * most {@link #BLOCK}. The MLP's 535 818 parameters on two threads: blocks of 16 tiles; AlexNet's: of 64.
   */
  static int block(int n, int threads) {
    long quarter = (long) n / (4L * threads) / TILE * TILE;
    return (int) Math.max(TILE, Math.min(BLOCK, quarter));
  }

  private void adamChunk(UpdateRule.AdaptiveMoments a, double at, int from, int to) {
    if (vectorPass != null) {
      vectorPass.run(pb, gb, mb, vb, from, to, (float) a.beta1(), (float) a.beta2(), (float) at, (float) a.epsilon());
    } else if (isFloat) {
      adamFloat(from, to, (float) a.beta1(), (float) a.beta2(), (float) at, (float) a.epsilon());
    } else {
      adamDouble(from, to, a.beta1(), a.beta2(), at, a.epsilon());
    }
  }

  private void adamFloat(int from, int to, float b1, float b2, float at, float eps) {
    int cap = Math.min(TILE, to - from);
    float[] p = new float[cap], g = new float[cap];
    float[] mScratch = mTiles == null ? new float[cap] : null, vScratch = mTiles == null ? new float[cap] : null;
    for (int s = from; s < to; s += cap) {
      int len = Math.min(cap, to - s);
      pf.get(s, p, 0, len);
      gf.get(s, g, 0, len);
      // Chunks start on tile multiples, so with heap tiles s is tile s / TILE's first element and len its length.
      float[] m = mTiles == null ? mScratch : mTiles[s / TILE], v = mTiles == null ? vScratch : vTiles[s / TILE];
      if (mTiles == null) {
        mf.get(s, m, 0, len);
        vf.get(s, v, 0, len);
      }
      if (tilePass != null) tilePass.tile(p, g, m, v, len, b1, b2, at, eps);
      else adamTile(p, g, m, v, len, b1, b2, at, eps);
      pf.put(s, p, 0, len);
      if (mTiles == null) {
        mf.put(s, m, 0, len);
        vf.put(s, v, 0, len);
      }
    }
  }

  /** {@code x}, or 0 when it is subnormal: a moment is not kept below the smallest normal float (class comment). */
  static float flush(float x) {
    return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
  }

  /** {@code x}, or 0 when it is subnormal (the double precision of {@link #flush(float)}). */
  static double flush(double x) {
    return Math.abs(x) < Double.MIN_NORMAL ? 0.0 : x;
  }

  /** The float update of elements [0, len) of Java arrays, in place (the loop the JIT vectorises). */
  private static void adamTile(float[] p, float[] g, float[] m, float[] v, int len, float b1, float b2, float at,
      float eps) {
    adamTile(p, g, m, v, 0, len, b1, b2, at, eps);
  }

  /** {@link #adamTile} on elements [from, len) only (also {@code VectorAdam}'s tail after its last whole vector). */
  static void adamTile(float[] p, float[] g, float[] m, float[] v, int from, int len, float b1, float b2, float at,
      float eps) {
    float c1 = 1 - b1, c2 = 1 - b2;
    for (int i = from; i < len; i++) {
      float gi = g[i];
      float mi = flush(b1 * m[i] + c1 * gi);
      float vi = flush(b2 * v[i] + c2 * gi * gi);
      m[i] = mi;
      v[i] = vi;
      p[i] -= at * (mi / ((float) Math.sqrt(vi) + eps));
    }
  }

  private void adamDouble(int from, int to, double b1, double b2, double at, double eps) {
    int cap = Math.min(TILE, to - from);
    double[] p = new double[cap], g = new double[cap], m = new double[cap], v = new double[cap];
    double c1 = 1 - b1, c2 = 1 - b2;
    for (int s = from; s < to; s += cap) {
      int len = Math.min(cap, to - s);
      pd.get(s, p, 0, len);
      gd.get(s, g, 0, len);
      md.get(s, m, 0, len);
      vd.get(s, v, 0, len);
      for (int i = 0; i < len; i++) {
        double gi = g[i];
        double mi = flush(b1 * m[i] + c1 * gi);
        double vi = flush(b2 * v[i] + c2 * gi * gi);
        m[i] = mi;
        v[i] = vi;
        p[i] -= at * (mi / (Math.sqrt(vi) + eps));
      }
      pd.put(s, p, 0, len);
      md.put(s, m, 0, len);
      vd.put(s, v, 0, len);
    }
  }

  /** The optimiser state as named copies ("step" as a one-element array). */
  public Map<String, INDArray> state() {
    Map<String, INDArray> m = new LinkedHashMap<>();
    m.put("optimizer.step", Nd4j.createFromArray(new long[] {step}));
    if (mTiles != null) {
      m.put("optimizer.s1", fromTiles(mTiles));
      m.put("optimizer.s2", fromTiles(vTiles));
    }
    if (s1 != null) m.put("optimizer.s1", s1.dup());
    if (s2 != null) m.put("optimizer.s2", s2.dup());
    return m;
  }

  /** A new flat float array of n elements holding the heap tiles. */
  private INDArray fromTiles(float[][] tiles) {
    INDArray a = Nd4j.create(DataType.FLOAT, n);
    copyTiles(tiles, a, true);
    return a;
  }

  /** Restores {@link #state()}. */
  public void restore(Map<String, INDArray> m) {
    step = m.get("optimizer.step").getLong(0);
    if (s1 != null) s1.assign(m.get("optimizer.s1").reshape(n).castTo(s1.dataType()));
    if (s2 != null) s2.assign(m.get("optimizer.s2").reshape(n).castTo(s2.dataType()));
    if (mTiles != null) {
      copyTiles(mTiles, Nd4j.create(DataType.FLOAT, n).assign(m.get("optimizer.s1").reshape(n)), false);
      copyTiles(vTiles, Nd4j.create(DataType.FLOAT, n).assign(m.get("optimizer.s2").reshape(n)), false);
    }
  }
}
