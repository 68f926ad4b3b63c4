package org.mlmp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.mlmp.backend.BackendReport;
import org.mlmp.backend.Backends;

/** Library entry: version and backend start-up. */
public final class Mlmp {
  private Mlmp() {}

  private static String version;

  /** The library version, e.g. "0.1.0-SNAPSHOT". */
  public static synchronized String version() {
    if (version == null) {
      Properties p = new Properties();
      try (InputStream in = Mlmp.class.getResourceAsStream("/org/mlmp/version.properties")) {
        if (in != null) p.load(in);
      } catch (IOException e) {
        // fall through to "unknown"
      }
      version = p.getProperty("version", "unknown");
    }
    return version;
  }

  /**
   * Chooses and starts the backend (see {@link Backends}). Call this before your own code touches
   * {@code Nd4j}; mlmp's own entry points call it too.
   */
  public static BackendReport init() {
    return Backends.initialize();
  }
}
