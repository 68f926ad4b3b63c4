package org.mlmp.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.mlmp.Mlmp;
import org.mlmp.data.DataDirectory;
import org.mlmp.data.MnistData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp demo}: the guided tour of the course on the embedded CPU default. Fetches missing data
 * first, shows the backend report and the data sets, then runs each registered {@link DemoStep}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "A guided tour of the course: backend, data sets, then one short example per model family.")
public final class DemoCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: MLMP_DATA, else ~/.mlmp/data).")
  Path dataDir;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = Cli.OUT + "/demo",
      description = "Where plots and reports are written (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(names = "--no-fetch", description = "Do not fetch missing data sets.")
  boolean noFetch;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** What every step may use. */
  public record Context(Path dataDir, Path outDir) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path data = DataDirectory.resolve(dataDir);
    Files.createDirectories(outDir);
    boolean missing = false;
    for (MnistData.Kind k : MnistData.Kind.values()) missing |= MnistData.locate(k, data) == null;
    if (missing && !noFetch) {
      out.println("== Fetching missing data sets into " + data);
      out.flush();
      DataCommand.fetch(data, null);
    }
    out.println("== The backend");
    out.print(Mlmp.init().toText());
    out.println();
    out.println("== The data sets");
    for (MnistData.Kind k : MnistData.Kind.values()) {
      Path where = MnistData.locate(k, data);
      if (where == null) {
        out.println(k.title() + ": missing (./mlmp data fetch)");
        continue;
      }
      MnistData.TrainAndTest s = MnistData.load(k, data);
      int[] counts = new int[10];
      for (int l : s.train().labels()) counts[l]++;
      out.printf("%s: %d training and %d test images of %dx%d pixels from %s; training images per class %s%n",
          k.title(), s.train().size(), s.test().size(), s.train().height(), s.train().width(), where,
          java.util.Arrays.toString(counts));
    }
    List<DemoStep> steps = new ArrayList<>();
    ServiceLoader.load(DemoStep.class, DemoCommand.class.getClassLoader()).forEach(steps::add);
    steps.sort(Comparator.comparingInt(DemoStep::order));
    Context ctx = new Context(data, outDir);
    for (DemoStep step : steps) {
      out.println();
      out.println("== " + step.title());
      out.flush();
      step.run(ctx, out);
    }
    out.println();
    out.println("Tour finished. Plots and reports are in " + outDir.toAbsolutePath() + ".");
    out.flush();
    return 0;
  }
}
