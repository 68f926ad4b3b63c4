package org.mlmp.backend;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What is executing mlmp's arrays: printed by {@code mlmp info} and logged once at start.
 *
 * @param backend CPU or CUDA
 * @param reason why this backend was chosen
 * @param device CPU model name or GPU name
 * @param deviceMemoryBytes physical memory of the host (CPU) or the GPU's memory
 * @param computeCapability GPU compute capability, empty on the CPU
 * @param nativeBuild the nd4j-native build loaded, e.g. "linux-x86_64-onednn-avx512"
 * @param blasVendor BLAS library reported by ND4J (OPENBLAS, CUBLAS)
 * @param blasKernel OpenBLAS's openblas_get_corename(), empty on CUDA
 * @param blasConfig OpenBLAS's openblas_get_config(), empty on CUDA
 * @param threads ND4J's maximum number of threads
 * @param defaultDtype ND4J's default floating-point type (mlmp passes its own dtype explicitly)
 * @param offHeapLimitBytes JavaCPP's off-heap limit (org.bytedeco.javacpp.maxbytes)
 * @param warnings problems found (slow or wrong BLAS kernel), each with its fix
 */
public record BackendReport(BackendKind backend, String reason, String device, long deviceMemoryBytes,
    String computeCapability, String nativeBuild, String blasVendor, String blasKernel, String blasConfig,
    int threads, String defaultDtype, long offHeapLimitBytes, java.util.List<String> warnings) {

  /**
   * Copies {@code warnings} into an unmodifiable list; the other components are taken as given.
   *
   * @param backend CPU or CUDA
   * @param reason why this backend was chosen
   * @param device CPU model name or GPU name
   * @param deviceMemoryBytes physical memory of the host (CPU) or the GPU's memory
   * @param computeCapability GPU compute capability, empty on the CPU
   * @param nativeBuild the nd4j-native build loaded, e.g. "linux-x86_64-onednn-avx512"
   * @param blasVendor BLAS library reported by ND4J (OPENBLAS, CUBLAS)
   * @param blasKernel OpenBLAS's openblas_get_corename(), empty on CUDA
   * @param blasConfig OpenBLAS's openblas_get_config(), empty on CUDA
   * @param threads ND4J's maximum number of threads
   * @param defaultDtype ND4J's default floating-point type (mlmp passes its own dtype explicitly)
   * @param offHeapLimitBytes JavaCPP's off-heap limit (org.bytedeco.javacpp.maxbytes)
   * @param warnings problems found (slow or wrong BLAS kernel), each with its fix
   */
  public BackendReport {
    warnings = java.util.List.copyOf(warnings);
  }

  /**
   * The fields in display order, as strings.
   *
   * @return display name → value, in the order {@link #toText()} prints them (memory in GiB or "unknown";
   *     compute capability and the OpenBLAS kernel and configuration only when not empty)
   */
  public Map<String, String> fields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("backend", backend.name().toLowerCase(Locale.ROOT));
    m.put("reason", reason);
    m.put("device", device);
    m.put("device memory", gib(deviceMemoryBytes));
    if (!computeCapability.isEmpty()) m.put("compute capability", computeCapability);
    m.put("native build", nativeBuild);
    m.put("blas vendor", blasVendor);
    if (!blasKernel.isEmpty()) m.put("blas kernel", blasKernel);
    if (!blasConfig.isEmpty()) m.put("blas config", blasConfig);
    m.put("threads", Integer.toString(threads));
    m.put("default dtype", defaultDtype);
    m.put("off-heap limit", gib(offHeapLimitBytes));
    return m;
  }

  /**
   * The report as {@code mlmp info} prints it.
   *
   * @return aligned "key: value" lines, then one "warning: ..." line per warning
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    fields().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-19s %s%n", k + ":", v)));
    for (String w : warnings) sb.append("warning: ").append(w).append(System.lineSeparator());
    return sb.toString();
  }

  /**
   * One line for the start-up log.
   *
   * @return backend, reason, device, OpenBLAS kernel (on the CPU), native build and threads on one line
   */
  public String toLogLine() {
    return "mlmp backend: " + fields().get("backend") + " (" + reason + "); device " + device
        + (blasKernel.isEmpty() ? "" : "; OpenBLAS kernel " + blasKernel) + "; native build " + nativeBuild
        + "; " + threads + " threads";
  }

  private static String gib(long bytes) {
    return bytes <= 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
