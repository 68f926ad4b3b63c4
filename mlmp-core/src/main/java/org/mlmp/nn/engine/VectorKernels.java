package org.mlmp.nn.engine;

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
}
