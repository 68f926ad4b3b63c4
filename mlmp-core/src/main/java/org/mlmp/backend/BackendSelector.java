package org.mlmp.backend;

/** The pure decision rule behind {@link Backends#initialize()}: request + what is present → backend. */
public final class BackendSelector {
  private BackendSelector() {}

  /**
   * Chooses the backend: a CPU request gets the CPU; a CUDA request the first usable GPU or an error; auto
   * the first usable GPU when nd4j-cuda is on the class path, else the CPU.
   *
   * @param request what the user asked for
   * @param cudaOnClassPath whether nd4j-cuda (mlmp-cuda, the {@code -Pcuda} profile) is on the class path
   * @param gpu what the GPU probe found (not consulted for a CPU request)
   * @return the backend and the reason for choosing it, in words for the report
   * @throws BackendUnavailableException for {@code CUDA} when no usable GPU or no CUDA backend is present
   */
  public static BackendDecision decide(BackendRequest request, boolean cudaOnClassPath, GpuStatus gpu) {
    if (request == BackendRequest.CPU) {
      return new BackendDecision(BackendKind.CPU, "the CPU was requested");
    }
    String gpuProblem = gpuProblem(gpu);
    if (request == BackendRequest.CUDA) {
      if (gpuProblem != null) {
        throw new BackendUnavailableException("The CUDA backend was requested (MLMP_BACKEND / -Dmlmp.backend"
            + " = cuda) but no usable GPU is present: " + gpuProblem
            + ". Unset MLMP_BACKEND (or set it to cpu) to run on the CPU.");
      }
      if (!cudaOnClassPath) {
        throw new BackendUnavailableException("The CUDA backend was requested and a usable GPU is present ("
            + gpu.firstUsable().name() + "), but nd4j-cuda-11.6 is not on the class path. Build with"
            + " -Pcuda (MLMP_CUDA=1 ./mlmp ...) or add the org.mlmp:mlmp-cuda dependency.");
      }
      GpuDevice d = gpu.firstUsable();
      return new BackendDecision(BackendKind.CUDA, "CUDA was requested: " + d.name() + " (compute capability "
          + d.computeCapability() + ")");
    }
    // AUTO
    if (!cudaOnClassPath) {
      return new BackendDecision(BackendKind.CPU, "auto: nd4j-cuda is not on the class path (build with"
          + " -Pcuda for the GPU), using the CPU");
    }
    if (gpuProblem != null) {
      return new BackendDecision(BackendKind.CPU, "auto: " + gpuProblem + ", using the CPU");
    }
    GpuDevice d = gpu.firstUsable();
    return new BackendDecision(BackendKind.CUDA, "auto: using " + d.name() + " (compute capability "
        + d.computeCapability() + ")");
  }

  /** Why no GPU can be used, or null when one can. */
  static String gpuProblem(GpuStatus gpu) {
    return switch (gpu.state()) {
      case NO_DRIVER, NO_DEVICE, UNKNOWN -> gpu.detail();
      case DEVICES -> gpu.firstUsable() != null ? null
          : String.join("; ", gpu.devices().stream().map(CudaCompatibility::whyUnusable).toList());
    };
  }
}
