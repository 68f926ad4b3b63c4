package org.mlmp.cli.compare;

import java.util.List;

/**
 * One group of side-by-side workloads of {@code mlmp compare} (e.g. "nn", "linear", "kernel"). Register
 * implementations in {@code mlmp-examples/src/main/resources/META-INF/services/org.mlmp.cli.compare.CompareSuite}.
 *
 * <p>Each workload is run by mlmp and by its peers (plain Deeplearning4j, PyTorch, scikit-learn, LIBSVM)
 * back to back, on the same machine and the same data, and reported as one {@link Row}.
 */
public interface CompareSuite {
  /** The name used on the command line, e.g. "linear". */
  String name();

  /** One line for --help: the workloads and the data generator. */
  String description();

  /** Runs the workloads; progress and notes go to {@code ctx.log()}. */
  List<Row> run(CompareContext ctx) throws Exception;

  /**
   * One workload's measurements.
   *
   * @param workload e.g. "ridge 100000x200"
   * @param unit e.g. "s" or "img/s" or "GFLOP/s"
   * @param higherIsBetter true for rates, false for times
   * @param mlmp mlmp's value
   * @param peers peer name → value (NaN when the peer is not installed or failed; the note says why)
   * @param note data generator, accuracy reached, or why a peer is missing
   */
  record Row(String workload, String unit, boolean higherIsBetter, double mlmp,
      java.util.Map<String, Double> peers, String note) {

    /** How many times faster mlmp is than {@code peer} (> 1: mlmp faster), or NaN. */
    public double speedup(String peer) {
      Double p = peers.get(peer);
      if (p == null || p.isNaN() || mlmp <= 0 || p <= 0) return Double.NaN;
      return higherIsBetter ? mlmp / p : p / mlmp;
    }
  }
}
