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
  /**
   * Looks for GPUs now. Never throws: a probe that cannot tell answers {@link GpuStatus.State#UNKNOWN}
   * with the reason.
   *
   * @return what was found, with one sentence on how
   */
  GpuStatus probe();

  /**
   * The rank of this probe among those on the class path. Higher wins. The built-in nvidia-smi probe has
   * priority 0.
   *
   * @return the priority; 0 unless overridden
   */
  default int priority() {
    return 0;
  }
}
