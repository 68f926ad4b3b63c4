package org.mlmp.backend;

/**
 * One NVIDIA GPU as reported by the driver.
 *
 * @param index device ordinal (0-based)
 * @param name marketing name, e.g. "NVIDIA A100-SXM4-40GB"
 * @param ccMajor compute capability, major part (8 for sm_80)
 * @param ccMinor compute capability, minor part (0 for sm_80)
 * @param memoryBytes total device memory in bytes
 */
public record GpuDevice(int index, String name, int ccMajor, int ccMinor, long memoryBytes) {
  /**
   * The compute capability as text.
   *
   * @return "major.minor", e.g. "8.6"
   */
  public String computeCapability() {
    return ccMajor + "." + ccMinor;
  }

  /**
   * Whether the nd4j-cuda-11.6 binaries carry machine code for this device.
   *
   * @return {@link CudaCompatibility#supports} of this device's compute capability
   */
  public boolean usable() {
    return CudaCompatibility.supports(ccMajor, ccMinor);
  }
}
