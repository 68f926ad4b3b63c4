package org.mlmp.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds GPUs through the NVIDIA driver: {@code /proc/driver/nvidia/version} says whether the kernel
 * driver is loaded, and {@code nvidia-smi --query-gpu=index,name,compute_cap,memory.total} lists the
 * devices with their compute capability (the {@code compute_cap} field needs driver 510 or newer).
 */
public final class NvidiaSmiProbe implements GpuProbe {
  private final Path driverVersionFile;
  private final String nvidiaSmi;

  /** A probe of this machine: {@code /proc/driver/nvidia/version} and {@code nvidia-smi} on the PATH. */
  public NvidiaSmiProbe() {
    this(Path.of("/proc/driver/nvidia/version"), "nvidia-smi");
  }

  /**
   * For tests: a different driver file and nvidia-smi executable.
   *
   * @param driverVersionFile the file whose presence means a loaded NVIDIA kernel driver
   * @param nvidiaSmi the nvidia-smi command (a name on the PATH or a path)
   */
  public NvidiaSmiProbe(Path driverVersionFile, String nvidiaSmi) {
    this.driverVersionFile = driverVersionFile;
    this.nvidiaSmi = nvidiaSmi;
  }

  @Override
  public GpuStatus probe() {
    if (!Files.isReadable(driverVersionFile)) {
      return GpuStatus.of(GpuStatus.State.NO_DRIVER,
          "no NVIDIA driver is loaded (" + driverVersionFile + " does not exist)");
    }
    String out;
    try {
      Process p = new ProcessBuilder(nvidiaSmi,
          "--query-gpu=index,name,compute_cap,memory.total", "--format=csv,noheader,nounits")
          .redirectErrorStream(true).start();
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return GpuStatus.of(GpuStatus.State.UNKNOWN, nvidiaSmi + " did not answer within 20 s");
      }
      if (p.exitValue() != 0) {
        String first = out.lines().findFirst().orElse("").trim();
        if (first.contains("No devices were found")) {
          return GpuStatus.of(GpuStatus.State.NO_DEVICE, "the NVIDIA driver reports no device");
        }
        return GpuStatus.of(GpuStatus.State.UNKNOWN,
            nvidiaSmi + " exited with " + p.exitValue() + ": " + first);
      }
    } catch (IOException e) {
      return GpuStatus.of(GpuStatus.State.UNKNOWN,
          "the NVIDIA driver is loaded but " + nvidiaSmi + " could not be run (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return GpuStatus.of(GpuStatus.State.UNKNOWN, "interrupted while running " + nvidiaSmi);
    }
    return parse(out);
  }

  /** Parses nvidia-smi's CSV answer (no header, no units). */
  static GpuStatus parse(String csv) {
    List<GpuDevice> devices = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      if (line.isBlank()) continue;
      String[] f = line.split(",");
      if (f.length < 4) {
        return GpuStatus.of(GpuStatus.State.UNKNOWN, "unexpected nvidia-smi line: '" + line.trim() + "'");
      }
      try {
        int index = Integer.parseInt(f[0].trim());
        String name = f[1].trim();
        String[] cc = f[2].trim().split("\\.");
        long mib = Long.parseLong(f[3].trim());
        devices.add(new GpuDevice(index, name, Integer.parseInt(cc[0]),
            cc.length > 1 ? Integer.parseInt(cc[1]) : 0, mib * 1024 * 1024));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        return GpuStatus.of(GpuStatus.State.UNKNOWN,
            "could not read nvidia-smi line '" + line.trim() + "' (driver older than 510 has no"
                + " compute_cap field)");
      }
    }
    if (devices.isEmpty()) return GpuStatus.of(GpuStatus.State.NO_DEVICE, "the NVIDIA driver reports no device");
    return new GpuStatus(GpuStatus.State.DEVICES, devices, "nvidia-smi lists " + devices.size() + " device(s)");
  }
}
