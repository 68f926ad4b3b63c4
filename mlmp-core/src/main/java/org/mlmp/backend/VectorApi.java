package org.mlmp.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.slf4j.LoggerFactory;

/**
 * Whether mlmp's loops over off-heap memory may use the JDK's Vector API ({@value #MODULE}, incubating in Java 17): the
 * JVM must be started with {@code --add-modules jdk.incubator.vector} ({@code ./mlmp}, the benchmarks and the tests
 * do; the JVM then prints one "Using incubator modules" warning), and {@code -D}{@value #PROPERTY}{@code =false}
 * turns it off. Without it the same loops run on the copying path, which gives bitwise the same results, slower: the
 * float Adam pass over AlexNet's 61.1 M parameters took 16–19 ms with the Vector API against 38–41 ms copying, on two
 * threads, and a dense layer's RELU backward at [128, 512] 13.5 µs against 60 µs (docs/nn-measurements.md).
 * {@code mlmp info} prints {@link #status()}.
 */
public final class VectorApi {
  /** The JDK module of the Vector API. */
  public static final String MODULE = "jdk.incubator.vector";
  /** The system property that turns the Vector API off ({@code false}); default on when the module is present. */
  public static final String PROPERTY = "mlmp.vectorApi";

  private static volatile String failure;

  private VectorApi() {}

  /**
   * Whether a loop may use the Vector API: the module is in the JVM's boot layer, {@value #PROPERTY} is not
   * {@code false}, and no Vector API kernel has failed its self-check ({@link #disable}).
   *
   * @return true when the Vector API kernels may be loaded
   */
  public static boolean enabled() {
    return unavailableReason() == null;
  }

  /**
   * One line for {@code mlmp info}: "on (...)" or "off: why, and the fix".
   *
   * @return the state of the Vector API in this JVM
   */
  public static String status() {
    String why = unavailableReason();
    return why == null ? "on (" + MODULE + ": the float Adam pass and dense layers' element-wise passes work on the"
        + " off-heap arrays directly)"
        : "off: " + why;
  }

  /**
   * Records that a Vector API kernel failed (its self-check gave other results than the plain Java loop, or it could
   * not be loaded or run) and logs it once as a warning: from then on {@link #enabled()} is false in this JVM and the
   * copying path runs.
   *
   * @param what the kernel and what went wrong
   */
  public static synchronized void disable(String what) {
    if (failure != null) return;
    failure = what;
    LoggerFactory.getLogger(VectorApi.class).warn("The Vector API is not used: {}. mlmp takes the copying path"
        + " (same results, slower).", what);
  }

  private static String unavailableReason() {
    boolean present = ModuleLayer.boot().findModule(MODULE).isPresent();
    return reason(System.getProperty(PROPERTY), present, failure != null ? failure : present ? missingApi() : null);
  }

  /**
   * Null when this JDK's Vector API has the loads and stores on byte buffers that mlmp's kernels use (Java 17's; later
   * versions replaced them with memory segments), else which method is missing.
   */
  private static String missingApi() {
    try {
      Class<?> species = Class.forName(MODULE + ".VectorSpecies");
      Class.forName(MODULE + ".FloatVector").getMethod("fromByteBuffer", species, ByteBuffer.class, int.class,
          ByteOrder.class);
      return null;
    } catch (ReflectiveOperationException e) {
      return "the Vector API of this Java (" + Runtime.version().feature() + ") has no FloatVector.fromByteBuffer,"
          + " which mlmp's kernels use (Java 17 has it)";
    }
  }

  /** Why the Vector API is off, or null: from the property's value (null: unset), the module and a recorded failure. */
  static String reason(String property, boolean modulePresent, String failure) {
    if (property != null && property.strip().equalsIgnoreCase("false")) {
      return "turned off by -D" + PROPERTY + "=false";
    }
    if (!modulePresent) {
      return "the JVM was started without --add-modules=" + MODULE + " (./mlmp adds it; add it to your java command"
          + " for faster Adam and dense-layer passes)";
    }
    return failure;
  }
}
