package org.mlmp.nn.engine;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostFloats;
import org.mlmp.backend.HostPooling;
import org.mlmp.backend.Threads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A channels-last max pool on FLOAT host arrays, in Java with the Vector API ({@code VectorMaxPool}), in place of
 * oneDNN's pooling primitives ({@link org.mlmp.backend.HostPooling}) where it applies: windows that do not overlap
 * (stride ≥ size), no padding, at least {@link #MIN_CHANNELS} channels. Each window's maximum is taken per channel
 * over its cells in row order, a later cell winning only when it is greater, so ties go to the first cell, as in
 * oneDNN; a NaN wins over any number and then stays, so a NaN in a window gives NaN (PyTorch's rule). The forward
 * pass records each maximum's cell, and the backward pass writes ∂C/∂y there and 0 in the window's other cells.
 * Images are shared out over {@link Threads#cap()} threads of the common fork-join pool in four ranges per thread,
 * which threads take as they come free: right after a convolution libgomp's worker thread still spins on one of the
 * cores (its default wait policy), and a thread sharing that core held up a pass split in halves (LeNet's first pool
 * at batch 64: 0.32–0.40 ms forward in halves, 0.20–0.34 ms in ranges; docs/nn-measurements.md, "Adam's blocks and
 * libgomp's spinning worker").
 *
 * <p>Why: on an AMD EPYC with AVX2 only (Zen 3), oneDNN 2.5's {@code jit:avx2} NHWC max pool took 3.2 ms forward and
 * 3.0 ms backward on LeNet's first pool at batch 64 ({@code [64, 24, 24, 20]}, 20 channels, not a multiple of 8),
 * half of the training step; this pool takes 0.1–0.2 ms each way there (docs/nn-measurements.md, "LeNet on an AMD
 * EPYC with AVX2 only"). Where oneDNN runs its AVX-512 kernels its pool is the faster one (0.057 / 0.092 ms there
 * against this pool's 0.16 / 0.27 ms on a Zen 5 EPYC), so plans take this pool only below AVX-512 ({@link #chosen}).
 */
final class HostMaxPool {
  /** Fewer channels than one 8-float vector: oneDNN's pool runs. */
  static final int MIN_CHANNELS = 8;

  /**
   * A pool's geometry: NHWC input {@code [B, height, width, channels]}, output {@code [B, outHeight, outWidth,
   * channels]}.
   */
  record PoolShape(int height, int width, int channels, int size, int stride) {
    int outHeight() {
      return (height - size) / stride + 1;
    }

    int outWidth() {
      return (width - size) / stride + 1;
    }

    /** Every input cell lies in a window (else the backward pass zero-fills dx first). */
    boolean covers() {
      return stride == size && height % size == 0 && width % size == 0;
    }
  }

  /** The passes on off-heap memory, over images [from, to); byte buffers of the layer's elements, native order. */
  interface PoolPass {
    /** y ← each window's maximum per channel; cell ← its cell (i·size + j, as a float) per output element. */
    void forward(ByteBuffer x, ByteBuffer y, float[] cell, PoolShape s, int from, int to);

    /** dx ← dy in each window's recorded cell, 0 in its other cells (cells outside every window untouched). */
    void backward(ByteBuffer dy, ByteBuffer dx, float[] cell, PoolShape s, int from, int to);
  }

  /** The system property of {@link #chosen()}. */
  static final String CHOICE = "mlmp.nn.javaMaxPool";

  /**
   * Whether a plan takes this pool where it applies, from {@code -Dmlmp.nn.javaMaxPool}: {@code auto} (the default)
   * only where oneDNN's kernels run below AVX-512 ({@link HostPooling#avx512()}), {@code true} always, {@code false}
   * never.
   *
   * @throws IllegalArgumentException for any other value, naming it
   */
  static boolean chosen() {
    return Plan.switchedOn(CHOICE, () -> !HostPooling.avx512());
  }

  /** {@code VectorMaxPool}, or null when the Vector API is off or the kernel failed its self-check. */
  static final PoolPass VECTOR = VectorKernels.load(PoolPass.class, "VectorMaxPool", HostMaxPool::selfCheck);

  private final PoolPass kernel;
  private final PoolShape shape;
  private final int batch;
  private final ByteBuffer x, y, dy, dx;
  private final FloatBuffer dxFloats;
  /** One image of zeros for dx's cells outside every window (null when the windows cover the input). */
  private final float[] zeros;
  /** The cell of each output element's maximum, written by {@link #forward()}, read by {@link #backward()}. */
  private final float[] cell;

  private HostMaxPool(PoolPass kernel, PoolShape shape, int batch, INDArray x, INDArray y, INDArray dy, INDArray dx) {
    this.kernel = kernel;
    this.shape = shape;
    this.batch = batch;
    this.x = HostFloats.elementBytes(x);
    this.y = HostFloats.elementBytes(y);
    this.dy = dy == null ? null : HostFloats.elementBytes(dy);
    this.dx = dx == null ? null : HostFloats.elementBytes(dx);
    dxFloats = dx == null || shape.covers() ? null : HostFloats.elements(dx);
    zeros = dxFloats == null ? null : new float[shape.height() * shape.width() * shape.channels()];
    cell = new float[(int) y.length()];
  }

  /**
   * The Java pool for these NHWC arrays, or null where it does not apply (average pooling, overlapping windows, fewer
   * than {@link #MIN_CHANNELS} channels, not FLOAT host arrays each one row-major run, the Vector API off).
   *
   * @param x the input {@code [B, H, W, C]}
   * @param y the output {@code [B, H', W', C]}
   * @param dy ∂C/∂y, or null (no backward pass) with dx
   * @param dx ∂C/∂x, or null
   */
  static HostMaxPool of(Op.Pooling pool, INDArray x, INDArray y, INDArray dy, INDArray dx) {
    return of(pool, x, y, dy, dx, VECTOR);
  }

  /** {@link #of} with the given kernel (null: does not apply). */
  static HostMaxPool of(Op.Pooling pool, INDArray x, INDArray y, INDArray dy, INDArray dx, PoolPass kernel) {
    if (kernel == null || !pool.max() || pool.stride() < pool.size() || x.rank() != 4) return null;
    if (x.size(3) < MIN_CHANNELS || !HostBlas.hostMemory() || x.length() > Integer.MAX_VALUE / Float.BYTES) return null;
    for (INDArray a : new INDArray[] {x, y, dy, dx}) {
      if (a != null && (a.dataType() != DataType.FLOAT || !HostBlas.rowMajorRun(a))) return null;
    }
    PoolShape s = new PoolShape((int) x.size(1), (int) x.size(2), (int) x.size(3), pool.size(), pool.stride());
    return new HostMaxPool(kernel, s, (int) x.size(0), x, y, dy, dx);
  }

  /** y ← the window maxima; records their cells for {@link #backward()}. */
  void forward() {
    split((from, to) -> kernel.forward(x, y, cell, shape, from, to));
  }

  /** dx ← ∂C/∂y routed to the last {@link #forward()}'s maxima, 0 elsewhere. */
  void backward() {
    split((from, to) -> {
      if (zeros != null) zero(from, to);
      kernel.backward(dy, dx, cell, shape, from, to);
    });
  }

  /** dx ← 0 for images [from, to), where the windows do not cover every cell. */
  private void zero(int from, int to) {
    for (int n = from; n < to; n++) dxFloats.put(n * zeros.length, zeros, 0, zeros.length);
  }

  private interface Range {
    void run(int from, int to);
  }

  /** Images in up to four ranges per thread ({@link Threads#cap()} threads, the common fork-join pool). */
  private void split(Range r) {
    int parts = Math.min(batch, Threads.cap() == 1 ? 1 : 4 * Threads.cap());
    if (parts <= 1) {
      r.run(0, batch);
      return;
    }
    IntStream.range(0, parts).parallel().forEach(p -> r.run(p * batch / parts, (p + 1) * batch / parts));
  }

  /** Whether v replaces the running maximum m: greater, or a NaN over a number. */
  static boolean wins(float v, float m) {
    return !(v <= m) && m == m;
  }

  /** Where a window's output and its top-left input cell are, as element offsets. */
  private interface Window {
    void at(int out, int corner);
  }

  /** Every window of {@code batch} images, in output order. */
  private static void eachWindow(PoolShape s, int batch, Window w) {
    int c = s.channels(), oh = s.outHeight(), ow = s.outWidth();
    for (int n = 0; n < batch; n++) {
      for (int r = 0; r < oh; r++) {
        for (int q = 0; q < ow; q++) {
          w.at(((n * oh + r) * ow + q) * c, ((n * s.height() + r * s.stride()) * s.width() + q * s.stride()) * c);
        }
      }
    }
  }

  /** The plain loop the kernel's forward pass is checked against, over all images. */
  static void forwardLoop(float[] x, float[] y, float[] cell, PoolShape s, int batch) {
    int c = s.channels(), k = s.size();
    eachWindow(s, batch, (out, corner) -> {
      for (int ch = 0; ch < c; ch++) {
        float m = x[corner + ch];
        int at = 0;
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            float v = x[corner + (i * s.width() + j) * c + ch];
            if (wins(v, m)) {
              m = v;
              at = i * k + j;
            }
          }
        }
        y[out + ch] = m;
        cell[out + ch] = at;
      }
    });
  }

  /** The plain loop of the backward pass (dx zero-filled by the caller where windows do not cover it). */
  static void backwardLoop(float[] dy, float[] dx, float[] cell, PoolShape s, int batch) {
    int c = s.channels(), k = s.size();
    eachWindow(s, batch, (out, corner) -> {
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          for (int ch = 0; ch < c; ch++) {
            dx[corner + (i * s.width() + j) * c + ch] = cell[out + ch] == i * k + j ? dy[out + ch] : 0f;
          }
        }
      }
    });
  }

  /**
   * The kernel against the plain loops, bit for bit, on two images of 5 × 7 × 11 (2 × 2 windows, the last row and
   * column outside every window) with ties, signed zeros, infinities and NaNs.
   */
  static String selfCheck(PoolPass k) {
    PoolShape s = new PoolShape(5, 7, 11, 2, 2);
    int batch = 2, in = batch * 5 * 7 * 11, out = batch * s.outHeight() * s.outWidth() * 11;
    float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f, 1f};
    float[] x = new float[in], dy = new float[out];
    for (int i = 0; i < in; i++) x[i] = i % 23 < special.length ? special[i % 23] : (float) Math.floor(Math.sin(i) * 3);
    for (int i = 0; i < out; i++) dy[i] = (float) Math.cos(0.3 * i);
    float[] y = new float[out], cell = new float[out], dx = new float[in];
    forwardLoop(x, y, cell, s, batch);
    backwardLoop(dy, dx, cell, s, batch);
    ByteBuffer yb = VectorKernels.direct(new float[out]), dxb = VectorKernels.direct(new float[in]);
    float[] kcell = new float[out];
    k.forward(VectorKernels.direct(x), yb, kcell, s, 0, batch);
    k.backward(VectorKernels.direct(dy), dxb, kcell, s, 0, batch);
    String wrong = VectorKernels.firstDifference("y", y, yb, false);
    if (wrong == null) wrong = VectorKernels.firstDifference("cell", cell, VectorKernels.direct(kcell), false);
    return wrong != null ? wrong : VectorKernels.firstDifference("dx", dx, dxb, false);
  }
}
