package org.mlmp.peers;

/**
 * The one-line configuration each Java peer prints for the compare table (its {@code config.summary}): what the engine
 * reports after it was configured, the environment its natives read, and the documentation followed. Plain functions of
 * those values, so that a test pins the text without loading an engine.
 */
final class PeerSummary {
  private PeerSummary() {}

  /** PyTorch's CPU threading note: intra-op / inter-op threads, "avoid oversubscription". */
  static final String THREADING_DOCS = "https://pytorch.org/docs/stable/notes/cpu_threading_torchscript_inference.html";
  /** PyTorch's performance tuning guide: "Switch Memory allocator" (jemalloc or TCMalloc). */
  static final String TUNING_DOCS = "https://pytorch.org/tutorials/recipes/recipes/tuning_guide.html (memory allocator)";
  /** DJL's performance guide, section "Thread configuration". */
  static final String DJL_DOCS = "DJL docs/development/inference_performance_optimization.md (Thread configuration)";

  /**
   * libtorch through JavaCPP.
   *
   * @param version TORCH_VERSION from {@code show_config()}
   * @param intraOp {@code at::get_num_threads()}
   * @param interOp {@code at::get_num_interop_threads()}
   * @param blasInfo BLAS_INFO from {@code show_config()}
   * @param blasThreads OpenBLAS's threads after {@code blas_set_num_threads}
   * @param blasKernel the kernel OpenBLAS runs ({@link PeerOpenBlas#loaded()})
   * @param oneDnn whether convolutions may run on oneDNN ({@code userEnabledMkldnn()})
   * @param allocator the allocator the process runs on ({@link PeerMaps#allocator()})
   * @param env the environment the natives read
   * @return the summary line
   */
  static String libtorch(String version, int intraOp, int interOp, String blasInfo, int blasThreads, String blasKernel,
      boolean oneDnn, String allocator, PeerEnvironment env) {
    return PeerMain.fmt("libtorch %s (org.bytedeco:pytorch, own JVM), intra-op %d, inter-op %d, BLAS_INFO=%s: OpenBLAS"
        + " %d thread(s), kernel %s (org.bytedeco:openblas), convolutions on %s; %s; %s; per %s, %s", version, intraOp,
        interOp, blasInfo, blasThreads, blasKernel, oneDnn ? "oneDNN (intra-op threads)" : "ATen's own kernels (oneDNN off)",
        malloc(allocator, env),
        env.text(), THREADING_DOCS, TUNING_DOCS);
  }

  /**
   * DJL with its PyTorch engine.
   *
   * @param djl DJL's version
   * @param pytorch the engine's PyTorch version
   * @param intraOp the engine's intra-op threads
   * @param interOp its inter-op threads
   * @param features what the engine reports ({@code JniUtils.getFeatures()})
   * @param allocator the allocator the process runs on ({@link PeerMaps#allocator()})
   * @param env the environment the natives read
   * @return the summary line
   */
  static String djl(String djl, String pytorch, int intraOp, int interOp, String features, String allocator,
      PeerEnvironment env) {
    return PeerMain.fmt("DJL %s + PyTorch %s (offline CPU natives, own JVM), intra-op %d, inter-op %d, BLAS: MKL inside"
        + " libtorch_cpu on the intra-op OpenMP threads (at::set_num_threads sets both, so one thread split only),"
        + " features %s; %s; %s; per %s, %s, %s", djl, pytorch, intraOp, interOp, features, malloc(allocator, env), env.text(),
        DJL_DOCS, THREADING_DOCS, TUNING_DOCS);
  }

  /** PyTorch's Channels Last tutorial, which the tuning guide's "Enable channels_last memory format" points to. */
  static final String CHANNELS_LAST_DOCS = "https://pytorch.org/tutorials/intermediate/memory_format_tutorial.html";

  /**
   * The memory format of a convolutional run, for its configuration: "" for the other workloads.
   *
   * @param p the run's arguments
   * @param format the format it runs ({@link PeerArgs#memoryFormat(String)})
   * @param how how the peer applies channels-last, or why it cannot
   * @return "; memory format F (how, per …)" or ""
   */
  static String memoryFormat(PeerArgs p, String format, String how) {
    if (!PeerArgs.IMAGES.contains(p.workload())) return "";
    return "; memory format " + format + (format.equals("channels_last") ? " (" + how + ", per the tuning guide's"
        + " \"Enable channels_last memory format for computer vision models\" and " + CHANNELS_LAST_DOCS + ")"
        : p.memoryFormat() == null ? " (" + how + ")" : " (as asked)");
  }

  /**
   * What a run trains on, for its configuration.
   *
   * @param p the run's arguments
   * @return "the batch in X, Y", "a synthetic batch (uniform pixels, random labels)", or for "alexconv" and "probe"
   *     what they compute on
   */
  static String data(PeerArgs p) {
    if (!PeerArgs.TRAINING.contains(p.workload())) {
      return p.workload().equals("probe") ? "none (probe)" : "synthetic inputs, uniform in [0, 1), per layer";
    }
    return p.x() == null ? "a synthetic batch (uniform pixels, random labels)" : "the batch in " + p.x() + ", " + p.y();
  }

  /** The allocator, and for glibc's whether it keeps freed memory ("preloaded" only for a library found mapped). */
  private static String malloc(String allocator, PeerEnvironment env) {
    if (allocator.startsWith(PeerMaps.UNKNOWN)) return "malloc: " + allocator;
    if (!allocator.equals(PeerMaps.GLIBC_MALLOC)) return "malloc: " + allocator + ", preloaded";
    return env.keepsFreedMemory() ? "glibc malloc keeps freed memory (trim/mmap thresholds)"
        : "glibc malloc returns freed memory to the kernel (no trim/mmap thresholds: every step faults its buffers in)";
  }
}
