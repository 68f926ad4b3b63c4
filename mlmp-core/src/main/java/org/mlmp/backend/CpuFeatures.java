package org.mlmp.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The running processor as Linux describes it in {@code /proc/cpuinfo}: model name, vendor, family
 * and instruction-set flags.
 *
 * @param modelName the "model name" line, e.g. "Intel(R) Xeon(R) Gold 6248"; {@code os.arch} when unreadable
 * @param vendor the "vendor_id" line, e.g. "GenuineIntel"; empty when unknown
 * @param family the "cpu family" number; -1 when unknown
 * @param flags the instruction-set flags of the first processor, e.g. "avx2", "avx512f"; empty when unknown
 */
public record CpuFeatures(String modelName, String vendor, int family, Set<String> flags) {
  /**
   * Copies {@code flags} into an unmodifiable set.
   *
   * @param modelName the "model name" line, e.g. "Intel(R) Xeon(R) Gold 6248"; {@code os.arch} when unreadable
   * @param vendor the "vendor_id" line, e.g. "GenuineIntel"; empty when unknown
   * @param family the "cpu family" number; -1 when unknown
   * @param flags the instruction-set flags of the first processor, e.g. "avx2", "avx512f"; empty when unknown
   */
  public CpuFeatures {
    flags = Set.copyOf(flags);
  }

  /**
   * Whether the processor lists an instruction-set flag.
   *
   * @param flag a flag as {@code /proc/cpuinfo} spells it, e.g. "avx512f"
   * @return true when it is among {@link #flags()}
   */
  public boolean has(String flag) {
    return flags.contains(flag);
  }

  /**
   * Whether the processor has AVX-512 F/CD/BW/DQ/VL: what the oneDNN avx512 build of libnd4j is compiled for.
   *
   * @return true when all five flags are present
   */
  public boolean avx512() {
    return has("avx512f") && has("avx512cd") && has("avx512bw") && has("avx512dq") && has("avx512vl");
  }

  /**
   * Whether the processor has AVX2 with FMA: what the avx2 builds and OpenBLAS's Haswell kernels need.
   *
   * @return true when both flags are present
   */
  public boolean avx2() {
    return has("avx2") && has("fma");
  }

  private static volatile CpuFeatures current;

  /**
   * The running machine's processor (read once). Unknown fields are empty on non-Linux systems.
   *
   * @return the processor described by {@code /proc/cpuinfo}, cached after the first call
   */
  public static CpuFeatures current() {
    if (current == null) {
      current = read(Path.of("/proc/cpuinfo"));
    }
    return current;
  }

  static CpuFeatures read(Path cpuinfo) {
    try {
      return parse(Files.readString(cpuinfo));
    } catch (IOException e) {
      return new CpuFeatures(System.getProperty("os.arch"), "", -1, Set.of());
    }
  }

  static CpuFeatures parse(String cpuinfo) {
    String model = "", vendor = "", flags = "";
    int family = -1;
    for (String line : cpuinfo.split("\\R")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        if (!flags.isEmpty()) break; // first processor block is enough
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      switch (key) {
        case "model name" -> model = value;
        case "vendor_id" -> vendor = value;
        case "cpu family" -> family = Integer.parseInt(value);
        case "flags" -> flags = value;
        default -> { }
      }
    }
    return new CpuFeatures(model, vendor, family,
        Arrays.stream(flags.split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet()));
  }
}
