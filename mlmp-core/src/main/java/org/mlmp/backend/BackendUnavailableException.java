package org.mlmp.backend;

/** The requested backend cannot run here; the message names the cause and the fix. */
public final class BackendUnavailableException extends RuntimeException {
  public BackendUnavailableException(String message) {
    super(message);
  }
}
