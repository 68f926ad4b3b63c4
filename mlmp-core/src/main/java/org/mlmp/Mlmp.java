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

  /**
   * The library version.
   *
   * @return e.g. "0.1.0-SNAPSHOT"
   */
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
   * Chooses and starts the backend (see {@link Backends}) and returns what was loaded. Optional: the
   * backend and native build are chosen whenever ND4J first starts, by mlmp's code or yours; call it
   * to get the report or to fail early on a bad {@code MLMP_BACKEND}.
   *
   * @return the report of the running backend, naming the native build actually loaded
   * @throws org.mlmp.backend.BackendUnavailableException when CUDA was requested and cannot run here
   */
  public static BackendReport init() {
    return Backends.initialize();
  }
}
