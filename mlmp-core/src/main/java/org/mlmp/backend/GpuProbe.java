package org.mlmp.backend;

/**
 * Looks for NVIDIA GPUs without touching the CUDA backend, so that an unusable GPU is reported
 * before its first kernel fails.
 *
 * <p>The default, {@link NvidiaSmiProbe}, reads the kernel driver's version file and asks
 * {@code nvidia-smi}. mlmp-cuda registers a probe through {@link java.util.ServiceLoader} that asks
 * the CUDA runtime directly; the one with the highest {@link #priority()} is used.
 */
public interface GpuProbe {
  GpuStatus probe();

  /** Higher wins. The built-in nvidia-smi probe has priority 0. */
  default int priority() {
    return 0;
  }
}
