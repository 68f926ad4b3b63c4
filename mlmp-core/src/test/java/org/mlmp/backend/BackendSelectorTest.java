package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackendSelectorTest {
  static final GpuStatus NO_DRIVER = GpuStatus.of(GpuStatus.State.NO_DRIVER, "no NVIDIA driver is loaded");
  static final GpuDevice A100 = new GpuDevice(0, "NVIDIA A100-SXM4-40GB", 8, 0, 40L << 30);
  static final GpuDevice H100 = new GpuDevice(0, "NVIDIA H100 80GB HBM3", 9, 0, 80L << 30);

  static GpuStatus devices(GpuDevice... d) {
    return new GpuStatus(GpuStatus.State.DEVICES, List.of(d), "test");
  }

  @ParameterizedTest(name = "sm_{0}{1} usable={2}")
  @CsvSource({"3,5,false", "3,7,true", "5,0,true", "6,1,true", "7,5,true", "8,0,true", "8,6,true", "8,9,true",
      "9,0,false", "10,0,false", "12,0,false"})
  void computeCapabilityGuard(int major, int minor, boolean usable) {
    assertEquals(usable, CudaCompatibility.supports(major, minor));
  }

  @Test
  void cudaRequestWithoutDriverNamesCauseAndFix() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> BackendSelector.decide(BackendRequest.CUDA, true, NO_DRIVER));
    assertTrue(e.getMessage().contains("no usable GPU is present: no NVIDIA driver is loaded"), e.getMessage());
    assertTrue(e.getMessage().contains("MLMP_BACKEND"), e.getMessage());
  }

  @Test
  void h100IsRefusedBeforeAnyKernelRuns() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> BackendSelector.decide(BackendRequest.CUDA, true, devices(H100)));
    assertTrue(e.getMessage().contains("compute capability 9.0, newer than the nd4j-cuda-11.6 binaries support"), e.getMessage());
    BackendDecision auto = BackendSelector.decide(BackendRequest.AUTO, true, devices(H100));
    assertEquals(BackendKind.CPU, auto.kind());
    assertTrue(auto.reason().contains("compute capability 9.0"), auto.reason());
  }

  @Test
  void cudaRequestWithGpuButNoCudaJarSaysHowToBuild() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> BackendSelector.decide(BackendRequest.CUDA, false, devices(A100)));
    assertTrue(e.getMessage().contains("-Pcuda"), e.getMessage());
  }

  @Test
  void autoPrefersAUsableGpuAndFallsBackWithAReason() {
    assertEquals(BackendKind.CUDA, BackendSelector.decide(BackendRequest.AUTO, true, devices(H100, new GpuDevice(1, "A100", 8, 0, 1))).kind());
    BackendDecision noJar = BackendSelector.decide(BackendRequest.AUTO, false, devices(A100));
    assertEquals(BackendKind.CPU, noJar.kind());
    assertTrue(noJar.reason().contains("nd4j-cuda is not on the class path"));
    BackendDecision noGpu = BackendSelector.decide(BackendRequest.AUTO, true, NO_DRIVER);
    assertEquals(BackendKind.CPU, noGpu.kind());
    assertTrue(noGpu.reason().contains("no NVIDIA driver is loaded"));
  }

  @Test
  void cpuRequestNeverProbesOrFails() {
    assertEquals(BackendKind.CPU, BackendSelector.decide(BackendRequest.CPU, true, devices(A100)).kind());
  }

  @Test
  void requestParsing() {
    assertEquals(BackendRequest.CUDA, BackendRequest.parse("x", " CUDA "));
    assertEquals(BackendRequest.AUTO, BackendRequest.parse("x", "auto"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BackendRequest.parse("environment variable MLMP_BACKEND", "tpu"));
    assertEquals("The environment variable MLMP_BACKEND must be one of cpu, cuda, auto. Got 'tpu' instead."
        + " Unset it to let mlmp choose (auto).", e.getMessage());
  }

  @Test
  void nvidiaSmiOutputIsParsed() {
    GpuStatus s = NvidiaSmiProbe.parse("0, NVIDIA A100-SXM4-40GB, 8.0, 40960\n1, NVIDIA H100 PCIe, 9.0, 81559\n");
    assertEquals(GpuStatus.State.DEVICES, s.state());
    assertEquals(2, s.devices().size());
    assertEquals("8.0", s.devices().get(0).computeCapability());
    assertEquals(40960L * 1024 * 1024, s.devices().get(0).memoryBytes());
    assertFalse(s.devices().get(1).usable());
    assertEquals(GpuStatus.State.UNKNOWN, NvidiaSmiProbe.parse("0, Tesla K80, [N/A], 11441\n").state());
  }

  @Test
  void probeWithoutDriverSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    GpuStatus s = new NvidiaSmiProbe(dir.resolve("no-such-file"), "nvidia-smi").probe();
    assertEquals(GpuStatus.State.NO_DRIVER, s.state());
    assertTrue(s.detail().contains("no NVIDIA driver is loaded"));
  }

  @Test
  void probeRunsNvidiaSmiAndReadsDevices(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path driver = java.nio.file.Files.writeString(dir.resolve("version"), "NVRM version: 535.00");
    java.nio.file.Path smi = dir.resolve("fake-smi");
    java.nio.file.Files.writeString(smi, "#!/bin/sh\necho '0, NVIDIA GeForce RTX 3090, 8.6, 24576'\n");
    smi.toFile().setExecutable(true);
    GpuStatus s = new NvidiaSmiProbe(driver, smi.toString()).probe();
    assertEquals(GpuStatus.State.DEVICES, s.state(), s.detail());
    assertTrue(s.firstUsable().name().contains("3090"));
    java.nio.file.Files.writeString(smi, "#!/bin/sh\necho 'No devices were found'\nexit 6\n");
    assertEquals(GpuStatus.State.NO_DEVICE, new NvidiaSmiProbe(driver, smi.toString()).probe().state());
  }
}
