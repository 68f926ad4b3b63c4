package org.mlmp.nn.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Internal: the float Adam pass of {@link Updater} written with the JDK's Vector API (module jdk.incubator.vector), on
 * the off-heap θ, g, m and v themselves (no copies into Java arrays), or on the copying path's Java arrays (a tile of θ
 * and g copied in, m and v on the heap). The same operations in the same order as {@link Updater}'s Java loop (no fused
 * multiply-add; sqrt and division correctly rounded; subnormal moments stored as 0, {@link Updater#flush}), so bitwise
 * the same results.
 * Loaded by reflection only when {@link org.mlmp.backend.VectorApi#enabled()}, so that mlmp runs without the module.
 */
final class VectorAdam implements Updater.FloatAdamPass {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  VectorAdam() {}

  @Override
  public void run(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int from, int to, float b1, float b2,
      float at, float eps) {
    float c1 = 1 - b1, c2 = 1 - b2;
    int i = from;
    // Byte offsets are ints: Updater uses this pass for at most Integer.MAX_VALUE / 4 elements.
    for (int end = from + SPECIES.loopBound(to - from); i < end; i += SPECIES.length()) {
      int o = i * Float.BYTES;
      FloatVector gi = FloatVector.fromByteBuffer(SPECIES, g, o, ORDER);
      FloatVector mi = FloatVector.fromByteBuffer(SPECIES, m, o, ORDER).mul(b1).add(gi.mul(c1));
      FloatVector vi = FloatVector.fromByteBuffer(SPECIES, v, o, ORDER).mul(b2).add(gi.mul(c2).mul(gi));
      mi = mi.blend(0f, mi.abs().lt(Float.MIN_NORMAL)); // Updater.flush
      vi = vi.blend(0f, vi.abs().lt(Float.MIN_NORMAL));
      mi.intoByteBuffer(m, o, ORDER);
      vi.intoByteBuffer(v, o, ORDER);
      FloatVector pi = FloatVector.fromByteBuffer(SPECIES, p, o, ORDER);
      pi.sub(mi.div(vi.sqrt().add(eps)).mul(at)).intoByteBuffer(p, o, ORDER);
    }
    for (; i < to; i++) {
      int o = i * Float.BYTES;
      float gi = g.getFloat(o);
      float mi = Updater.flush(b1 * m.getFloat(o) + c1 * gi);
      float vi = Updater.flush(b2 * v.getFloat(o) + c2 * gi * gi);
      m.putFloat(o, mi);
      v.putFloat(o, vi);
      p.putFloat(o, p.getFloat(o) - at * (mi / ((float) Math.sqrt(vi) + eps)));
    }
  }

  @Override
  public void tile(float[] p, float[] g, float[] m, float[] v, int len, float b1, float b2, float at, float eps) {
    float c1 = 1 - b1, c2 = 1 - b2;
    int i = 0;
    for (int end = SPECIES.loopBound(len); i < end; i += SPECIES.length()) {
      FloatVector gi = FloatVector.fromArray(SPECIES, g, i);
      FloatVector mi = FloatVector.fromArray(SPECIES, m, i).mul(b1).add(gi.mul(c1));
      FloatVector vi = FloatVector.fromArray(SPECIES, v, i).mul(b2).add(gi.mul(c2).mul(gi));
      mi = mi.blend(0f, mi.abs().lt(Float.MIN_NORMAL)); // Updater.flush
      vi = vi.blend(0f, vi.abs().lt(Float.MIN_NORMAL));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      FloatVector.fromArray(SPECIES, p, i).sub(mi.div(vi.sqrt().add(eps)).mul(at)).intoArray(p, i);
    }
    Updater.adamTile(p, g, m, v, i, len, b1, b2, at, eps);
  }

  @Override
  public String toString() {
    return "Vector API, " + SPECIES.vectorBitSize() + "-bit float vectors";
  }
}
