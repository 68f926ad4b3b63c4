package org.mlmp.cli.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurement protocol of {@code mlmp compare}: a row is measured in interleaved rounds — mlmp, then each
 * peer, then mlmp again, … — so that a change in the machine's load falls on both sides; {@link RatioSummary}
 * turns the rounds into the median ratio with its min–max. The load average is read before and after, and
 * every run (side, round, value, configuration or failure) goes to the run log.
 */
public final class Interleaving {
  private Interleaving() {}

  /** One run of one side: its value (NaN if it failed) and how that side was configured. */
  public record SideRun(double value, String config) {
    /** A failed or skipped run; {@code why} goes to the configuration column and the log. */
    public static SideRun failed(String why) {
      return new SideRun(Double.NaN, why);
    }
  }

  /** One side of a row, measured once per round. */
  @FunctionalInterface
  public interface Side {
    /** Measures round {@code round} (0-based). */
    SideRun run(int round) throws Exception;
  }

  /**
   * Measures a row: {@code ctx.rounds()} rounds of mlmp then every peer in order. A peer that throws is
   * logged and gets NaN for that round; mlmp throwing ends the row (it is the thing under test).
   */
  public static CompareSuite.Row measure(CompareContext ctx, String workload, String unit, boolean higherIsBetter,
      Side mlmp, Map<String, Side> peers, String note) throws Exception {
    int rounds = ctx.rounds();
    String before = loadAverage();
    ctx.record(workload + ": start, " + rounds + " interleaved rounds, load average " + before);
    double[] mine = new double[rounds];
    Map<String, double[]> theirs = new LinkedHashMap<>();
    Map<String, String> configs = new LinkedHashMap<>();
    peers.keySet().forEach(p -> theirs.put(p, new double[rounds]));
    for (int r = 0; r < rounds; r++) {
      SideRun m = mlmp.run(r);
      mine[r] = m.value();
      ctx.record(String.format(Locale.ROOT, "%s: round %d mlmp %.6g %s", workload, r + 1, m.value(), unit));
      for (Map.Entry<String, Side> e : peers.entrySet()) {
        SideRun p;
        try {
          p = e.getValue().run(r);
        } catch (Exception ex) {
          p = SideRun.failed("failed: " + ex.getMessage());
        }
        theirs.get(e.getKey())[r] = p.value();
        if (p.config() != null && (!configs.containsKey(e.getKey()) || !Double.isNaN(p.value()))) {
          configs.put(e.getKey(), p.config());
        }
        ctx.record(String.format(Locale.ROOT, "%s: round %d %s %.6g %s (%s)", workload, r + 1, e.getKey(), p.value(),
            unit, p.config()));
      }
    }
    String after = loadAverage();
    ctx.record(workload + ": end, load average " + after);
    return new CompareSuite.Row(workload, unit, higherIsBetter, mine, theirs, configs, Double.NaN,
        oneMinute(before) + " → " + oneMinute(after), note);
  }

  /** The first three fields of /proc/loadavg (1, 5, 15 minutes), or "n/a" where there is none. */
  static String loadAverage() {
    try {
      List<String> f = List.of(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+"));
      return String.join(" ", f.subList(0, 3));
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static String oneMinute(String load) {
    return load.split(" ")[0];
  }
}
