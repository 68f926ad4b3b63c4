package org.mlmp.backend;

import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Lets mlmp choose the backend and native build whenever ND4J starts, whoever starts it.
 *
 * <p>ND4J finds its backends with {@link java.util.ServiceLoader}; mlmp-core lists this class in
 * {@code META-INF/services/org.nd4j.linalg.factory.Nd4jBackend}. ND4J instantiates every listed backend
 * before it asks any of them whether it is available, and JavaCPP loads the natives only after that:
 * the constructor runs {@link Backends#prepare()}, which sets the native build (and hides the backend
 * mlmp did not choose for later look-ups). So {@code CsvTable.toDataset}, {@code Nd4j.create} or any
 * other first use of ND4J loads the build mlmp chooses, without {@code Mlmp.init()}. This class is never
 * a backend itself: its priority is the lowest and it reports itself unavailable.
 *
 * <p>Internal: public only because {@link java.util.ServiceLoader} needs a public class.
 */
public final class Nd4jStartHook extends Nd4jBackend {
  /** Runs mlmp's preparation; a failure is left for {@link Backends#initialize()} to report. */
  public Nd4jStartHook() {
    try {
      Backends.prepare();
    } catch (RuntimeException e) {
      // Backends.initialize() prepares again and throws the same error with its message.
    }
  }

  @Override
  public int getPriority() {
    return -1_000_000;
  }

  @Override
  public boolean isAvailable() {
    return false;
  }

  @Override
  public boolean canRun() {
    return false;
  }

  @Override
  public boolean allowsOrder() {
    return false;
  }

  @Override
  public Resource getConfigurationResource() {
    throw new UnsupportedOperationException("Nd4jStartHook is not a backend");
  }

  @Override
  public Class<?> getNDArrayClass() {
    throw new UnsupportedOperationException("Nd4jStartHook is not a backend");
  }

  @Override
  public Environment getEnvironment() {
    throw new UnsupportedOperationException("Nd4jStartHook is not a backend");
  }

  @Override
  public String buildInfo() {
    return "mlmp start hook (not a backend)";
  }

  @Override
  public void logBackendInit() {
    // not a backend: nothing to log
  }
}
