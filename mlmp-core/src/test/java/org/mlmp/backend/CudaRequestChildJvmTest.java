package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MLMP_BACKEND=cuda on a machine without a usable GPU: a child JVM (the backend is chosen once per JVM)
 * must fail with one clear message, not a wall of stack traces.
 */
class CudaRequestChildJvmTest {
  @Test
  void cudaRequestWithoutGpuFailsWithClearMessage() throws Exception {
    assumeTrue(!Files.exists(Path.of("/proc/driver/nvidia/version")), "a GPU driver is present");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        ChildMain.class.getName()));
    pb.environment().put("MLMP_BACKEND", "cuda");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(3, p.exitValue(), out);
    assertTrue(out.contains("The CUDA backend was requested (MLMP_BACKEND / -Dmlmp.backend = cuda) but no usable GPU"
        + " is present: no NVIDIA driver is loaded"), out);
    assertFalse(out.contains("\tat "), "no stack trace expected:\n" + out);
  }

  /** What the child runs: initialise and print the outcome. */
  public static final class ChildMain {
    public static void main(String[] args) {
      try {
        System.out.println(org.mlmp.Mlmp.init().toLogLine());
      } catch (BackendUnavailableException e) {
        System.out.println("error: " + e.getMessage());
        System.exit(3);
      }
    }
  }
}
