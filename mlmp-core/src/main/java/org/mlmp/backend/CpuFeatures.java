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
 */
public record CpuFeatures(String modelName, String vendor, int family, Set<String> flags) {
  public CpuFeatures {
    flags = Set.copyOf(flags);
  }

  public boolean has(String flag) {
    return flags.contains(flag);
  }

  /** AVX-512 F/CD/BW/DQ/VL: what the oneDNN avx512 build of libnd4j is compiled for. */
  public boolean avx512() {
    return has("avx512f") && has("avx512cd") && has("avx512bw") && has("avx512dq") && has("avx512vl");
  }

  /** AVX2 with FMA: what the avx2 builds and OpenBLAS's Haswell kernels need. */
  public boolean avx2() {
    return has("avx2") && has("fma");
  }

  private static volatile CpuFeatures current;

  /** The running machine's processor (read once). Unknown fields are empty on non-Linux systems. */
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
