package org.mlmp.nn.engine;

import java.util.function.Supplier;

/** The engine's switches ({@code -Dmlmp.nn.*}) in tests: a system property set for one build, restored after. */
final class PropertyScope {
  private PropertyScope() {}

  /** {@code build} run with system property {@code property} set to {@code value}, the property restored after. */
  static <T> T with(String property, String value, Supplier<T> build) {
    String before = System.getProperty(property);
    try {
      System.setProperty(property, value);
      return build.get();
    } finally {
      if (before == null) System.clearProperty(property);
      else System.setProperty(property, before);
    }
  }
}
