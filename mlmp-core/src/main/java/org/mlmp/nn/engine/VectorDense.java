package org.mlmp.nn.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Internal: {@link HostDense}'s element-wise passes written with the JDK's Vector API (module jdk.incubator.vector) on
 * the off-heap arrays themselves, without the copies into Java arrays. The same operations per element as
 * {@link HostDense}'s loops, and the bias gradient's column sums in the same (row) order per column, so bitwise the
 * same results. Buffers are byte buffers in native order over a layer's elements, element i at byte 4i.
 * Loaded by reflection only when {@link org.mlmp.backend.VectorApi#enabled()} ({@link VectorKernels}).
 */
final class VectorDense implements HostDense.VectorPass {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  VectorDense() {}

  @Override
  public void biasActivation(ByteBuffer z, ByteBuffer a, ByteBuffer b, int rows, int units) {
    int len = SPECIES.length(), bound = SPECIES.loopBound(units);
    for (int r = 0; r < rows; r++) {
      int row = r * units * Float.BYTES;
      int j = 0;
      for (; j < bound; j += len) {
        int o = row + j * Float.BYTES;
        FloatVector zj = FloatVector.fromByteBuffer(SPECIES, z, o, ORDER)
            .add(FloatVector.fromByteBuffer(SPECIES, b, j * Float.BYTES, ORDER));
        zj.intoByteBuffer(z, o, ORDER);
        if (a != null) zj.max(0f).intoByteBuffer(a, o, ORDER);
      }
      for (; j < units; j++) {
        int o = row + j * Float.BYTES;
        float zj = z.getFloat(o) + b.getFloat(j * Float.BYTES);
        z.putFloat(o, zj);
        if (a != null) a.putFloat(o, Math.max(zj, 0f));
      }
    }
  }

  @Override
  public void reluGradient(ByteBuffer z, ByteBuffer da, ByteBuffer dz, ByteBuffer gb, int rows, int units) {
    int len = SPECIES.length(), bound = SPECIES.loopBound(units);
    int j = 0;
    for (; j < bound; j += len) {
      FloatVector sum = FloatVector.zero(SPECIES);
      for (int r = 0; r < rows; r++) {
        int o = (r * units + j) * Float.BYTES;
        FloatVector d = reluGradient(FloatVector.fromByteBuffer(SPECIES, z, o, ORDER),
            FloatVector.fromByteBuffer(SPECIES, da, o, ORDER));
        d.intoByteBuffer(dz, o, ORDER);
        sum = sum.add(d);
      }
      sum.intoByteBuffer(gb, j * Float.BYTES, ORDER);
    }
    for (; j < units; j++) {
      float sum = 0;
      for (int r = 0; r < rows; r++) {
        int o = (r * units + j) * Float.BYTES;
        float d = HostDense.reluGradient(z.getFloat(o), da.getFloat(o));
        dz.putFloat(o, d);
        sum += d;
      }
      gb.putFloat(j * Float.BYTES, sum);
    }
  }

  @Override
  public void activationGradient(Nonlinearity f, ByteBuffer in, ByteBuffer da, ByteBuffer dz, int from, int to) {
    int end = from + SPECIES.loopBound(to - from);
    switch (f) {
      case RELU -> reluLoop(in, da, dz, from, end);
      case LEAKY_RELU -> leakyReluLoop(in, da, dz, from, end);
      case SIGMOID -> sigmoidLoop(in, da, dz, from, end);
      default -> throw new IllegalArgumentException("VectorDense: no element-wise pass for " + f + "; it has one for "
          + HostDense.ELEMENT_WISE + ".");
    }
    for (int i = end; i < to; i++) {
      int o = i * Float.BYTES;
      dz.putFloat(o, HostDense.activationGradient(f, in.getFloat(o), da.getFloat(o)));
    }
  }

  /** RELU over whole vectors [from, end). */
  private static void reluLoop(ByteBuffer z, ByteBuffer da, ByteBuffer dz, int from, int end) {
    for (int o = from * Float.BYTES; o < end * Float.BYTES; o += SPECIES.vectorByteSize()) {
      reluGradient(FloatVector.fromByteBuffer(SPECIES, z, o, ORDER), FloatVector.fromByteBuffer(SPECIES, da, o, ORDER))
          .intoByteBuffer(dz, o, ORDER);
    }
  }

  /** LEAKY_RELU over whole vectors [from, end): da·slope where z &lt; 0, else da. */
  private static void leakyReluLoop(ByteBuffer z, ByteBuffer da, ByteBuffer dz, int from, int end) {
    for (int o = from * Float.BYTES; o < end * Float.BYTES; o += SPECIES.vectorByteSize()) {
      FloatVector d = FloatVector.fromByteBuffer(SPECIES, da, o, ORDER);
      d.blend(d.mul(HostDense.LEAKY_SLOPE), FloatVector.fromByteBuffer(SPECIES, z, o, ORDER).lt(0f))
          .intoByteBuffer(dz, o, ORDER);
    }
  }

  /** SIGMOID over whole vectors [from, end): da·(a·(1 − a)). */
  private static void sigmoidLoop(ByteBuffer a, ByteBuffer da, ByteBuffer dz, int from, int end) {
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    for (int o = from * Float.BYTES; o < end * Float.BYTES; o += SPECIES.vectorByteSize()) {
      FloatVector x = FloatVector.fromByteBuffer(SPECIES, a, o, ORDER);
      FloatVector.fromByteBuffer(SPECIES, da, o, ORDER).mul(x.mul(one.sub(x))).intoByteBuffer(dz, o, ORDER);
    }
  }

  /** {@link HostDense#reluGradient(float, float)} per lane: da where z's bits are in (0, 0x7F800000], else +0. */
  private static FloatVector reluGradient(FloatVector z, FloatVector da) {
    IntVector bits = z.reinterpretAsInts();
    IntVector keep = bits.neg().and(bits.sub(0x7F800001)).lanewise(VectorOperators.ASHR, 31);
    return da.reinterpretAsInts().and(keep).reinterpretAsFloats();
  }

  @Override
  public void outputGradient(ByteBuffer a, ByteBuffer y, ByteBuffer dz, ByteBuffer gb, int rows, int units,
      float inv) {
    int len = SPECIES.length(), bound = SPECIES.loopBound(units);
    int j = 0;
    for (; j < bound; j += len) {
      FloatVector sum = FloatVector.zero(SPECIES);
      for (int r = 0; r < rows; r++) {
        int o = (r * units + j) * Float.BYTES;
        FloatVector d = FloatVector.fromByteBuffer(SPECIES, a, o, ORDER)
            .sub(FloatVector.fromByteBuffer(SPECIES, y, o, ORDER)).mul(inv);
        d.intoByteBuffer(dz, o, ORDER);
        sum = sum.add(d);
      }
      sum.intoByteBuffer(gb, j * Float.BYTES, ORDER);
    }
    for (; j < units; j++) {
      float sum = 0;
      for (int r = 0; r < rows; r++) {
        int o = (r * units + j) * Float.BYTES;
        float d = (a.getFloat(o) - y.getFloat(o)) * inv;
        dz.putFloat(o, d);
        sum += d;
      }
      gb.putFloat(j * Float.BYTES, sum);
    }
  }

  @Override
  public String toString() {
    return "Vector API, " + SPECIES.vectorBitSize() + "-bit float vectors";
  }
}
