package org.mlmp.data;

import java.nio.file.Path;

/** Where mlmp keeps downloaded data: {@code --data-dir}, else {@code MLMP_DATA}, else {@code ~/.mlmp/data}. */
public final class DataDirectory {
  private DataDirectory() {}

  /** The environment variable that chooses the data directory when {@code --data-dir} is not given. */
  public static final String ENV = "MLMP_DATA";

  /**
   * The directory used when neither {@code --data-dir} nor {@link #ENV} is set.
   *
   * @return {@code ~/.mlmp/data}
   */
  public static Path defaultDirectory() {
    return Path.of(System.getProperty("user.home"), ".mlmp", "data");
  }

  /**
   * The data directory in force.
   *
   * @param explicit the --data-dir option, or null
   * @return {@code explicit}, else {@link #ENV} when set and not blank, else {@link #defaultDirectory()}
   */
  public static Path resolve(Path explicit) {
    if (explicit != null) return explicit;
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) return Path.of(env);
    return defaultDirectory();
  }
}
