package org.mlmp.data;

import java.nio.file.Path;

/** Where mlmp keeps downloaded data: {@code --data-dir}, else {@code MLMP_DATA}, else {@code ~/.mlmp/data}. */
public final class DataDirectory {
  private DataDirectory() {}

  public static final String ENV = "MLMP_DATA";

  public static Path defaultDirectory() {
    return Path.of(System.getProperty("user.home"), ".mlmp", "data");
  }

  /** @param explicit the --data-dir option, or null */
  public static Path resolve(Path explicit) {
    if (explicit != null) return explicit;
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) return Path.of(env);
    return defaultDirectory();
  }
}
