package org.mlmp.backend;

/**
 * Which GPUs the nd4j-cuda-11.6 (1.0.0-M2.1) binaries can run on.
 *
 * <p>libnd4jcuda is built with machine code (SASS) for sm_37, 50, 52, 60, 61, 70, 75, 80 and 86 and
 * no PTX, so the driver cannot JIT-compile it for a newer architecture: a device is usable iff
 * {@code 3.7 <= compute capability < 9.0}. An sm_90 H100 (or newer) is therefore <em>not</em> usable,
 * and its first kernel launch would fail with "no kernel image is available"; mlmp says so before.
 * Devices 8.7 and 8.9 run the sm_86 code (same major version, binary compatible).
 */
public final class CudaCompatibility {
  private CudaCompatibility() {}

  /** Human-readable range, for messages and docs. */
  public static final String SUPPORTED_RANGE = "3.7 <= compute capability < 9.0 (sm_37 to sm_89)";

  /**
   * Whether the binaries carry machine code for a compute capability.
   *
   * @param major the compute capability's major part (8 for sm_86)
   * @param minor the compute capability's minor part (6 for sm_86)
   * @return true iff {@code 3.7 <= major.minor < 9.0}
   */
  public static boolean supports(int major, int minor) {
    int cc = major * 10 + minor;
    return cc >= 37 && cc < 90;
  }

  /**
   * Why a device is not usable, or null when it is.
   *
   * @param d the device
   * @return null for a usable device, else a message naming the device, its compute capability, the
   *     supported range and the fix
   */
  public static String whyUnusable(GpuDevice d) {
    if (d.usable()) return null;
    if (d.ccMajor() * 10 + d.ccMinor() >= 90) {
      return "GPU " + d.index() + " (" + d.name() + ") has compute capability " + d.computeCapability()
          + ", newer than the nd4j-cuda-11.6 binaries support (" + SUPPORTED_RANGE + "; they carry no PTX"
          + " that the driver could compile for it). Use the CPU backend (MLMP_BACKEND=cpu) or a GPU of"
          + " compute capability below 9.0.";
    }
    return "GPU " + d.index() + " (" + d.name() + ") has compute capability " + d.computeCapability()
        + ", older than the nd4j-cuda-11.6 binaries support (" + SUPPORTED_RANGE + "). Use the CPU"
        + " backend (MLMP_BACKEND=cpu).";
  }
}
