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
import org.mlmp.backend.BackendReport;
import org.mlmp.backend.CpuFeatures;
import org.mlmp.backend.VectorApi;
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
        "scikit-learn (python3-sklearn) and LIBSVM where installed, and print a Markdown table of ratios.",
        "Every side of a row computes on the same data (mlmp's, written for the peers as .npy files).",
        "The PyTorch peers run on TCMalloc, as PyTorch's tuning guide recommends, when Debian's libtcmalloc-minimal4",
        "is installed; each peer prints its configuration. Where Debian's OpenBLAS does not identify the processor",
        "(it then falls back to its SSE3 kernel), the Python peers get the newest kernel the processor executes."})
public final class CompareCommand implements Callable<Integer>, Subcommand {
  @Parameters(paramLabel = "SUITE", arity = "0..*", description = "Suites to run (default: all): ${COMPLETION-CANDIDATES}.",
      completionCandidates = SuiteNames.class)
  List<String> suites = new ArrayList<>();

  @Option(names = "--quick", description = "Smaller sizes, fewer repeats (a smoke run, not for BENCHMARKS.md).")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = Cli.OUT + "/compare",
      description = "Also write the table to DIR/" + TABLE_FILE + ", the rows with every round to DIR/" + JSON_FILE
          + " and every run to DIR/" + LOG_FILE + " (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(names = "--rounds", paramLabel = "N", description = "Interleaved rounds per row (mlmp, peer, mlmp, peer, ...;"
      + " default 5, with --quick 3); the table shows the median ratio and its min-max (\"k of N rounds\" after it when"
      + " a peer's run failed in some rounds: every run and failure is in compare.log).")
  Integer rounds;

  /** The files written to the --out folder. */
  static final String TABLE_FILE = "compare.md", JSON_FILE = "compare.json", LOG_FILE = "compare.log";

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
    int n = rounds != null ? rounds : quick ? 3 : 5;
    if (n < 1) {
      throw new IllegalArgumentException("--rounds must be >= 1 (5 or more for BENCHMARKS.md). Got " + n + " instead.");
    }
    BackendReport backend = Mlmp.init();
    int threads = backend.threads();
    PrintWriter log = new PrintWriter(System.err, true);
    Path home = Path.of(System.getenv().getOrDefault("MLMP_HOME", "."));
    Files.createDirectories(outDir);
    Map<String, List<CompareSuite.Row>> results = new java.util.LinkedHashMap<>();
    String header;
    try (PrintWriter runLog = new PrintWriter(Files.newBufferedWriter(outDir.resolve(LOG_FILE)))) {
      CompareContext ctx = new CompareContext(home.resolve("scripts").resolve("bench"),
          home.resolve("mlmp-peers").resolve("target").resolve("mlmp-peers.jar"), threads, quick, n, log, runLog,
          outDir.toAbsolutePath());
      header = "Measured " + LocalDate.now() + " on " + CpuFeatures.current().modelName() + ", "
          + Runtime.getRuntime().availableProcessors() + " cores, " + threads + " threads, " + n
          + " interleaved rounds per row; command: `./mlmp compare" + (quick ? " --quick" : "")
          + (rounds == null ? "" : " --rounds " + rounds) + (suites.isEmpty() ? "" : " " + String.join(" ", suites))
          + "`. Ratios: median of the per-round ratios mlmp ÷ peer [min–max]; a goal is met when the whole range is"
          + " at or above it, undecided when the range straddles it; load: /proc/loadavg (1 min) before → after."
          + " mlmp ran on " + backend.nativeBuild()
          + (backend.blasKernel().isEmpty() ? "" : ", OpenBLAS kernel " + backend.blasKernel())
          + "; Vector API " + VectorApi.status() + ".\n";
      ctx.record(header.strip());
      for (String name : chosen) {
        log.println("compare: suite " + name + " ...");
        results.put(name, all.get(name).run(ctx));
      }
    }
    StringBuilder md = new StringBuilder(header);
    results.forEach((name, rows) -> md.append("\n### ").append(name).append("\n\n").append(table(rows))
        .append(configurations(rows)));
    PrintWriter out = spec.commandLine().getOut();
    out.print(md);
    out.flush();
    Files.writeString(outDir.resolve(TABLE_FILE), md.toString());
    Files.writeString(outDir.resolve(JSON_FILE), json(header, results));
    log.println("compare: table, rows and run log written to " + outDir.resolve(TABLE_FILE) + ", " + JSON_FILE + ", "
        + LOG_FILE);
    return 0;
  }

  /** The peers' configurations of a suite, one line each, as their runs reported them. */
  static String configurations(List<CompareSuite.Row> rows) {
    Map<String, String> configs = new java.util.LinkedHashMap<>();
    rows.forEach(r -> r.peerConfigs().forEach(configs::putIfAbsent));
    if (configs.isEmpty()) return "";
    StringBuilder sb = new StringBuilder("\nPeer configurations:\n");
    configs.forEach((p, c) -> sb.append("- ").append(p).append(": ").append(c).append('\n'));
    return sb.toString();
  }

  /** Every row with every round, its ratios, best peer, goal and verdict, as JSON. */
  static String json(String header, Map<String, List<CompareSuite.Row>> results) throws java.io.IOException {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var root = mapper.createObjectNode().put("header", header.strip());
    var suitesNode = root.putObject("suites");
    results.forEach((name, rows) -> {
      var arr = suitesNode.putArray(name);
      for (CompareSuite.Row r : rows) {
        var o = arr.addObject().put("workload", r.workload()).put("unit", r.unit())
            .put("higherIsBetter", r.higherIsBetter()).put("load", r.load()).put("note", r.note());
        var m = o.putArray("mlmp");
        for (double v : r.mlmpRounds()) m.add(v);
        var peers = o.putObject("peers");
        r.peerRounds().forEach((p, v) -> {
          var po = peers.putObject(p);
          var pr = po.putArray("rounds");
          for (double x : v) pr.add(x);
          RatioSummary s = r.ratio(p);
          po.put("ratioMedian", s.median()).put("ratioMin", s.min()).put("ratioMax", s.max()).put("ratioRounds", s.rounds())
              .put("config", r.peerConfigs().get(p));
        });
        o.put("bestPeer", r.bestPeer());
        if (!Double.isNaN(r.goal())) o.put("goal", r.goal()).put("verdict", r.verdict().label());
      }
    });
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  /**
   * A Markdown table: the medians of mlmp and of each peer, the median ratio [min–max] against each peer, the best
   * peer, the goal and how the row reads against it, the rounds and the load average.
   */
  static String table(List<CompareSuite.Row> rows) {
    Set<String> peers = new LinkedHashSet<>();
    rows.forEach(r -> peers.addAll(r.peerRounds().keySet()));
    StringBuilder sb = new StringBuilder("| workload | unit | mlmp |");
    for (String p : peers) sb.append(' ').append(p).append(" |");
    for (String p : peers) sb.append(" mlmp vs ").append(p).append(" |");
    sb.append(" best peer | goal | verdict | rounds | load | note |\n|---|---|---:|");
    sb.append("---:|".repeat(2 * peers.size())).append("---|---:|---|---:|---|---|\n");
    for (CompareSuite.Row r : rows) {
      sb.append("| ").append(r.workload()).append(" | ").append(r.unit()).append(" | ").append(fmt(r.mlmp())).append(" |");
      Map<String, Double> medians = r.peers();
      for (String p : peers) sb.append(' ').append(fmt(medians.getOrDefault(p, Double.NaN))).append(" |");
      for (String p : peers) sb.append(' ').append(ratioText(r, p)).append(" |");
      String best = r.bestPeer();
      sb.append(' ').append(best == null ? "–" : best).append(" | ")
          .append(Double.isNaN(r.goal()) ? "–" : String.format(Locale.ROOT, "≥ %.2f×", r.goal())).append(" | ")
          .append(r.verdict() == null ? "–" : r.verdict().label()).append(" | ").append(r.rounds()).append(" | ")
          .append(r.load().isEmpty() ? "–" : r.load()).append(" | ").append(r.note()).append(" |\n");
    }
    return sb.toString();
  }

  /**
   * A peer's ratio text; when some of its runs failed, with how many rounds the ratio rests on ("1.10× [1.00–1.20], 3 of
   * 5 rounds"), as the rounds column counts the rounds run.
   */
  static String ratioText(CompareSuite.Row r, String peer) {
    RatioSummary s = r.ratio(peer);
    return s.rounds() > 0 && s.rounds() < r.rounds() ? s.text() + ", " + s.rounds() + " of " + r.rounds() + " rounds"
        : s.text();
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
