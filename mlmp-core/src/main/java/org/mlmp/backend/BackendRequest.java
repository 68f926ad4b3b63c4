package org.mlmp.backend;

import java.util.Locale;

/**
 * What the user asked for: the {@code mlmp.backend} system property, else the {@code MLMP_BACKEND}
 * environment variable, else {@link #AUTO}.
 */
public enum BackendRequest {
  /** Always the CPU, even when a GPU is present. */
  CPU,
  /** The GPU; an error naming the cause when none is usable. */
  CUDA,
  /** The GPU when a usable one is present and mlmp-cuda is on the class path, else the CPU. */
  AUTO;

  /** The system property that chooses the backend ({@code -Dmlmp.backend=cpu|cuda|auto}); read first. */
  public static final String PROPERTY = "mlmp.backend";
  /** The environment variable that chooses the backend when the system property is not set. */
  public static final String ENV = "MLMP_BACKEND";

  /**
   * Reads the request from the system property, then the environment.
   *
   * @return the request from {@link #PROPERTY}, else {@link #ENV}, else {@link #AUTO} (blank values count as unset)
   * @throws IllegalArgumentException when the value set is not one of cpu, cuda (or gpu), auto
   */
  public static BackendRequest fromEnvironment() {
    String prop = System.getProperty(PROPERTY);
    if (prop != null && !prop.isBlank()) return parse("system property " + PROPERTY, prop);
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) return parse("environment variable " + ENV, env);
    return AUTO;
  }

  /**
   * Parses {@code cpu}, {@code cuda} or {@code auto} (any case).
   *
   * @param source where the value came from, for the error message
   * @param value the text to parse; {@code gpu} is accepted for {@code cuda}, surrounding blanks are ignored
   * @return the request named by {@code value}
   * @throws IllegalArgumentException naming {@code source} and the value when it is none of these
   */
  public static BackendRequest parse(String source, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "cpu" -> CPU;
      case "cuda", "gpu" -> CUDA;
      case "auto" -> AUTO;
      default -> throw new IllegalArgumentException(
          "The " + source + " must be one of cpu, cuda, auto. Got '" + value
              + "' instead. Unset it to let mlmp choose (auto).");
    };
  }
}
