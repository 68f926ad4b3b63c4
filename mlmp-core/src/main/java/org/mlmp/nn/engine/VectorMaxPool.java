package org.mlmp.nn.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Internal: {@link HostMaxPool}'s passes written with the JDK's Vector API (module jdk.incubator.vector) on the
 * off-heap arrays themselves, 8 channels at a time; a channel count that is not a multiple of 8 ends with the last 8
 * channels, which overlap the chunk before and write the same values again. The same comparisons per element as
 * {@link HostMaxPool#forwardLoop} and {@link HostMaxPool#backwardLoop}, so bitwise their results. Loaded by reflection
 * only when {@link org.mlmp.backend.VectorApi#enabled()} ({@link VectorKernels}).
 */
final class VectorMaxPool implements HostMaxPool.PoolPass {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int LANES = SPECIES.length();
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  VectorMaxPool() {}

  @Override
  public void forward(ByteBuffer x, ByteBuffer y, float[] cell, HostMaxPool.PoolShape s, int from, int to) {
    int oh = s.outHeight(), ow = s.outWidth(), c = s.channels();
    for (int n = from; n < to; n++) {
      for (int r = 0; r < oh; r++) {
        int out = (n * oh + r) * ow * c, corner = (n * s.height() + r * s.stride()) * s.width() * c;
        if (s.size() == 2) forwardRow2(x, y, cell, s, out, corner);
        else forwardRow(x, y, cell, s, out, corner);
      }
    }
  }

  /** One output row of 2 × 2 windows, the window's three comparisons written out. */
  private static void forwardRow2(ByteBuffer x, ByteBuffer y, float[] cell, HostMaxPool.PoolShape s, int out,
      int corner) {
    int c = s.channels(), down = s.width() * c, step = s.stride() * c;
    for (int q = 0; q < s.outWidth(); q++, out += c, corner += step) {
      for (int c0 = 0; c0 < c; c0 += LANES) {
        int ch = Math.min(c0, c - LANES);
        FloatVector m = load(x, corner + ch);
        FloatVector v = load(x, corner + c + ch);
        VectorMask<Float> g1 = wins(v, m);
        m = m.blend(v, g1);
        v = load(x, corner + down + ch);
        VectorMask<Float> g2 = wins(v, m);
        m = m.blend(v, g2);
        v = load(x, corner + down + c + ch);
        VectorMask<Float> g3 = wins(v, m);
        m.blend(v, g3).intoByteBuffer(y, (out + ch) * Float.BYTES, ORDER);
        FloatVector.zero(SPECIES).blend(1, g1).blend(2, g2).blend(3, g3).intoArray(cell, out + ch);
      }
    }
  }

  /** One output row of any window: the running maxima kept in y and the cells in {@code cell}, cell by cell. */
  private static void forwardRow(ByteBuffer x, ByteBuffer y, float[] cell, HostMaxPool.PoolShape s, int out,
      int corner) {
    int c = s.channels(), k = s.size(), w = s.width(), step = s.stride() * c;
    for (int q = 0; q < s.outWidth(); q++, out += c, corner += step) {
      for (int c0 = 0; c0 < c; c0 += LANES) {
        int ch = Math.min(c0, c - LANES);
        load(x, corner + ch).intoByteBuffer(y, (out + ch) * Float.BYTES, ORDER);
        FloatVector.zero(SPECIES).intoArray(cell, out + ch);
      }
      for (int i = 0; i < k; i++) {
        for (int j = i == 0 ? 1 : 0; j < k; j++) {
          int at = corner + (i * w + j) * c;
          for (int c0 = 0; c0 < c; c0 += LANES) {
            int ch = Math.min(c0, c - LANES);
            FloatVector m = load(y, out + ch), v = load(x, at + ch);
            VectorMask<Float> g = wins(v, m);
            m.blend(v, g).intoByteBuffer(y, (out + ch) * Float.BYTES, ORDER);
            FloatVector.fromArray(SPECIES, cell, out + ch).blend(i * k + j, g).intoArray(cell, out + ch);
          }
        }
      }
    }
  }

  /** {@link HostMaxPool#wins} lane by lane: !(v &lt;= m) &amp;&amp; m == m. */
  private static VectorMask<Float> wins(FloatVector v, FloatVector m) {
    return v.compare(VectorOperators.LE, m).not().and(m.compare(VectorOperators.EQ, m));
  }

  private static FloatVector load(ByteBuffer b, int element) {
    return FloatVector.fromByteBuffer(SPECIES, b, element * Float.BYTES, ORDER);
  }

  @Override
  public void backward(ByteBuffer dy, ByteBuffer dx, float[] cell, HostMaxPool.PoolShape s, int from, int to) {
    int oh = s.outHeight(), ow = s.outWidth(), c = s.channels();
    for (int n = from; n < to; n++) {
      for (int r = 0; r < oh; r++) {
        backwardRow(dy, dx, cell, s, (n * oh + r) * ow * c, (n * s.height() + r * s.stride()) * s.width() * c);
      }
    }
  }

  /** One output row: each window cell gets dy where it holds the maximum, else 0. */
  private static void backwardRow(ByteBuffer dy, ByteBuffer dx, float[] cell, HostMaxPool.PoolShape s, int out,
      int corner) {
    int c = s.channels(), k = s.size(), down = s.width() * c, step = s.stride() * c;
    for (int q = 0; q < s.outWidth(); q++, out += c, corner += step) {
      for (int c0 = 0; c0 < c; c0 += LANES) {
        int ch = Math.min(c0, c - LANES);
        FloatVector d = load(dy, out + ch), at = FloatVector.fromArray(SPECIES, cell, out + ch);
        for (int i = 0, row = corner + ch; i < k; i++, row += down) {
          for (int j = 0; j < k; j++) {
            d.blend(0f, at.compare(VectorOperators.NE, i * k + j)).intoByteBuffer(dx, (row + j * c) * Float.BYTES,
                ORDER);
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return "VectorMaxPool (" + SPECIES + ")";
  }
}
