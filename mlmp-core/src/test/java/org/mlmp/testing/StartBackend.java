package org.mlmp.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.mlmp.Mlmp;

/**
 * Starts mlmp's backend selection before any test touches ND4J, so tests run on the native build
 * chosen for the processor (registered in META-INF/services; shipped in the test-jar).
 */
public final class StartBackend implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    Mlmp.init();
  }
}
