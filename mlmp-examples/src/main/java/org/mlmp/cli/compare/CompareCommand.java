package org.mlmp.cli.compare;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.mlmp.Mlmp;
import org.mlmp.backend.CpuFeatures;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp compare [SUITE...]}: the same workloads with mlmp and its peers, back to back on this
 * machine and the same data, printed as a Markdown table with the ratios mlmp ÷ peer (speed-ups: > 1
 * means mlmp is faster). These are benchmarks, not tests: nothing asserts a time.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Run workloads side by side with mlmp, plain Deeplearning4j, PyTorch (Debian python3-torch),",
        "scikit-learn (python3-sklearn) and LIBSVM where installed, and print a Markdown table of ratios."})
public final class CompareCommand implements Callable<Integer>, Subcommand {
  @Parameters(paramLabel = "SUITE", arity = "0..*", description = "Suites to run (default: all): ${COMPLETION-CANDIDATES}.",
      completionCandidates = SuiteNames.class)
  List<String> suites = new ArrayList<>();

  @Option(names = "--quick", description = "Smaller sizes, fewer repeats (a smoke run, not for BENCHMARKS.md).")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = Cli.OUT + "/compare",
      description = "Also write the table to DIR/" + TABLE_FILE + " (default: ${DEFAULT-VALUE}).")
  Path outDir;

  /** The file the table is written to in the --out folder. */
  static final String TABLE_FILE = "compare.md";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Map<String, CompareSuite> all = suites();
    Set<String> chosen = new LinkedHashSet<>(suites.isEmpty() ? all.keySet() : suites);
    for (String s : chosen) {
      if (!all.containsKey(s)) {
        throw new IllegalArgumentException("unknown suite '" + s + "'; the suites are " + all.keySet() + ".");
      }
    }
    int threads = Mlmp.init().threads();
    PrintWriter log = new PrintWriter(System.err, true);
    Path home = Path.of(System.getenv().getOrDefault("MLMP_HOME", "."));
    CompareContext ctx = new CompareContext(home.resolve("scripts").resolve("bench"), threads, quick, log);
    StringBuilder md = new StringBuilder();
    md.append("Measured ").append(LocalDate.now()).append(" on ").append(CpuFeatures.current().modelName()).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(threads).append(" threads; command: `./mlmp compare")
        .append(quick ? " --quick" : "").append(suites.isEmpty() ? "" : " " + String.join(" ", suites)).append("`.\n");
    for (String name : chosen) {
      log.println("compare: suite " + name + " ...");
      List<CompareSuite.Row> rows = all.get(name).run(ctx);
      md.append("\n### ").append(name).append("\n\n").append(table(rows));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(md);
    out.flush();
    Files.createDirectories(outDir);
    Files.writeString(outDir.resolve(TABLE_FILE), md.toString());
    log.println("compare: table written to " + outDir.resolve(TABLE_FILE));
    return 0;
  }

  /** A Markdown table: one column per peer value and one per ratio. */
  static String table(List<CompareSuite.Row> rows) {
    Set<String> peers = new LinkedHashSet<>();
    rows.forEach(r -> peers.addAll(r.peers().keySet()));
    StringBuilder sb = new StringBuilder("| workload | unit | mlmp |");
    for (String p : peers) sb.append(' ').append(p).append(" |");
    for (String p : peers) sb.append(" mlmp vs ").append(p).append(" |");
    sb.append(" note |\n|---|---|---:|");
    sb.append("---:|".repeat(2 * peers.size())).append("---|\n");
    for (CompareSuite.Row r : rows) {
      sb.append("| ").append(r.workload()).append(" | ").append(r.unit()).append(" | ").append(fmt(r.mlmp())).append(" |");
      for (String p : peers) sb.append(' ').append(fmt(r.peers().getOrDefault(p, Double.NaN))).append(" |");
      for (String p : peers) {
        double s = r.speedup(p);
        sb.append(' ').append(Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.2f×", s)).append(" |");
      }
      sb.append(' ').append(r.note()).append(" |\n");
    }
    return sb.toString();
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) return "–";
    if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f", v);
    if (Math.abs(v) >= 1) return String.format(Locale.ROOT, "%.2f", v);
    return String.format(Locale.ROOT, "%.3g", v);
  }

  static Map<String, CompareSuite> suites() {
    Map<String, CompareSuite> m = new TreeMap<>();
    for (CompareSuite s : ServiceLoader.load(CompareSuite.class, CompareCommand.class.getClassLoader())) m.put(s.name(), s);
    return m;
  }

  static final class SuiteNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.copyOf(suites().keySet()).iterator();
    }
  }

  /** Median of repeated timings, in seconds. */
  public static double medianSeconds(int repeats, ThrowingRunnable r) throws Exception {
    double[] t = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long s = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - s) / 1e9;
    }
    java.util.Arrays.sort(t);
    return t[repeats / 2];
  }

  /** A timed body. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }
}
