package org.mlmp.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mlmp.backend.BackendKind;
import org.mlmp.backend.GpuProbe;
import org.mlmp.backend.GpuStatus;

/**
 * What can be checked without a GPU: the wiring is on the class path and registered, and the runtime
 * probe degrades to a clear answer when the CUDA natives or the driver are absent. GPU tests are tagged
 * "gpu" and excluded by default (run them on a GPU node with {@code mvn -Pcuda test -Dgroups=gpu -DexcludedGroups=}).
 */
class CudaWiringTest {
  @Test
  void cudaBackendAndProbeAreOnTheClassPath() throws Exception {
    Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, getClass().getClassLoader());
    boolean found = false;
    for (GpuProbe p : ServiceLoader.load(GpuProbe.class)) found |= p instanceof CudaRuntimeProbe;
    assertTrue(found, "CudaRuntimeProbe is not registered as a GpuProbe service");
  }

  @Test
  void runtimeProbeWithoutGpuGivesAReasonNotAnException() {
    assumeTrue(!Files.exists(Path.of("/proc/driver/nvidia/version")), "a GPU driver is present");
    GpuStatus s = new CudaRuntimeProbe().probe();
    assertNotEquals(GpuStatus.State.DEVICES, s.state());
    assertTrue(!s.detail().isBlank());
  }

  @Test
  @Tag("gpu")
  void onAGpuNodeTheCudaBackendIsChosen() {
    assertEquals(BackendKind.CUDA, org.mlmp.Mlmp.init().backend());
  }
}
