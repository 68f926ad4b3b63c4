package org.mlmp.backend;

/**
 * The backend mlmp will load and why.
 *
 * @param kind the backend
 * @param reason one line for the log, e.g. "auto: no NVIDIA driver is loaded, using the CPU"
 */
public record BackendDecision(BackendKind kind, String reason) {}
