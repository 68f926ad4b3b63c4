package org.mlmp.nn.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;
import org.mlmp.backend.VectorApi;

/**
 * Loads the engine's Vector API kernels ({@code VectorAdam}, {@code VectorDense}): by reflection, because a direct
 * reference would fail in a JVM without the module, and only when {@link VectorApi#enabled()}. Each kernel is checked
 * bit for bit against the plain Java loop it replaces before it is used; a failure turns the Vector API off for the
 * JVM ({@link VectorApi#disable}) and the copying paths run.
 */
final class VectorKernels {
  private VectorKernels() {}

  /**
   * The kernel class {@code simpleName} of this package as a {@code type}, or null when the Vector API is off or the
   * kernel fails to load, to run or its self-check.
   *
   * @param selfCheck null when the kernel gives bitwise the Java loop's results, else what differs
   */
  static <T> T load(Class<T> type, String simpleName, Function<T, String> selfCheck) {
    if (!VectorApi.enabled()) return null;
    try {
      T k = type.cast(Class.forName(VectorKernels.class.getPackageName() + "." + simpleName).getDeclaredConstructor()
          .newInstance());
      String wrong = selfCheck.apply(k);
      if (wrong == null) return k;
      VectorApi.disable("its " + simpleName + " kernel (" + k + ") " + wrong);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      VectorApi.disable("its " + simpleName + " kernel failed to run (" + e + ")");
    }
    return null;
  }

  /** A direct byte buffer in native order holding {@code values}, element i at byte 4i: a self-check's input. */
  static ByteBuffer direct(float[] values) {
    ByteBuffer b = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder());
    for (int i = 0; i < values.length; i++) b.putFloat(i * Float.BYTES, values[i]);
    return b;
  }

  /**
   * A self-check's comparison: null when the kernel's {@code got} holds {@code java}'s floats bit for bit (with
   * {@code anyNaN}, any NaN counts for a NaN: its payload is not part of the result), else the first element that
   * differs, as "gave what[i] = x where the Java loop gives y".
   */
  static String firstDifference(String what, float[] java, ByteBuffer got, boolean anyNaN) {
    for (int i = 0; i < java.length; i++) {
      float g = got.getFloat(i * Float.BYTES);
      boolean same = Float.floatToRawIntBits(g) == Float.floatToRawIntBits(java[i])
          || anyNaN && Float.isNaN(g) && Float.isNaN(java[i]);
      if (!same) return "gave " + what + "[" + i + "] = " + g + " where the Java loop gives " + java[i];
    }
    return null;
  }
}
