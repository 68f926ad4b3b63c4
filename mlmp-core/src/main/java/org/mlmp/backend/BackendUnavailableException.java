package org.mlmp.backend;

/** The requested backend cannot run here; the message names the cause and the fix. */
public final class BackendUnavailableException extends RuntimeException {
  /**
   * Creates the exception.
   *
   * @param message the cause and the fix, in words for the user
   */
  public BackendUnavailableException(String message) {
    super(message);
  }
}
