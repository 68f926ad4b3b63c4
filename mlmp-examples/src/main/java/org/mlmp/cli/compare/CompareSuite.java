package org.mlmp.cli.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   * One workload's measurements: mlmp's and each peer's value in every interleaved round (see
   * {@link Interleaving}), how each peer was configured, the goal the row is read against and the load.
   *
   * @param workload e.g. "ridge 100000x200"
   * @param unit e.g. "s" or "img/s" or "GFLOP/s"
   * @param higherIsBetter true for rates, false for times
   * @param mlmpRounds mlmp's value in each round
   * @param peerRounds peer name → its value in each round, as many as mlmp's (NaN where the peer is not
   *     installed or failed; the note and the run log say why)
   * @param peerConfigs peer name → how it was configured (threads, BLAS, the documentation followed)
   * @param goal the speed-up over the best peer this row is read against (e.g. 1.25), NaN for none
   * @param load the load average (/proc/loadavg, 1 minute) before and after the row, e.g. "0.41 → 2.10"
   * @param note data generator, accuracy reached, or why a peer is missing
   */
  record Row(String workload, String unit, boolean higherIsBetter, double[] mlmpRounds,
      Map<String, double[]> peerRounds, Map<String, String> peerConfigs, double goal, String load, String note) {

    public Row {
      mlmpRounds = mlmpRounds.clone();
      Map<String, double[]> rounds = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> e : peerRounds.entrySet()) {
        if (e.getValue().length != mlmpRounds.length) {
          throw new IllegalArgumentException("Row '" + workload + "': peer " + e.getKey() + " has " + e.getValue().length
              + " rounds, mlmp " + mlmpRounds.length + "; every side needs one value per round.");
        }
        rounds.put(e.getKey(), e.getValue().clone());
      }
      peerRounds = Collections.unmodifiableMap(rounds);
      peerConfigs = Collections.unmodifiableMap(new LinkedHashMap<>(peerConfigs));
      if (!Double.isNaN(goal) && !(goal > 0)) {
        throw new IllegalArgumentException("Row '" + workload + "': the goal must be a speed-up > 0 or NaN. Got " + goal
            + " instead.");
      }
    }

    /** The same row read against {@code speedup} (e.g. 1.25) over its best peer. */
    public Row withGoal(double speedup) {
      return new Row(workload, unit, higherIsBetter, mlmpRounds, peerRounds, peerConfigs, speedup, load, note);
    }

    /**
     * The same row with another note (e.g. one that needs the measured rounds' results).
     *
     * @param newNote the note
     * @return a new row, everything else unchanged
     */
    public Row withNote(String newNote) {
      return new Row(workload, unit, higherIsBetter, mlmpRounds, peerRounds, peerConfigs, goal, load, newNote);
    }

    /**
     * Another reading of the same rounds: {@code newWorkload} with only the peers {@code keep} accepts (their rounds
     * and configurations), mlmp's rounds, the load and the note unchanged, and no goal. The conv1–5 row measures
     * mlmp's SGEMM in its own rounds and is read as two rows: against the peers, and against that GEMM rate.
     *
     * @param newWorkload the workload name of the new row
     * @param keep which peers the new row keeps, by name
     * @return a new row
     */
    public Row onlyPeers(String newWorkload, java.util.function.Predicate<String> keep) {
      Map<String, double[]> rounds = new LinkedHashMap<>();
      Map<String, String> configs = new LinkedHashMap<>();
      peerRounds.forEach((p, v) -> {
        if (keep.test(p)) rounds.put(p, v);
      });
      peerConfigs.forEach((p, c) -> {
        if (keep.test(p)) configs.put(p, c);
      });
      return new Row(newWorkload, unit, higherIsBetter, mlmpRounds, rounds, configs, Double.NaN, load, note);
    }

    /** The number of rounds. */
    public int rounds() {
      return mlmpRounds.length;
    }

    /** mlmp's median value over the rounds. */
    public double mlmp() {
      return RatioSummary.medianOf(mlmpRounds);
    }

    /** Peer name → its median value over the rounds (NaN when it never ran). */
    public Map<String, Double> peers() {
      Map<String, Double> m = new LinkedHashMap<>();
      peerRounds.forEach((k, v) -> m.put(k, RatioSummary.medianOf(v)));
      return m;
    }

    /** The per-round ratios against {@code peer} (> 1: mlmp faster). */
    public RatioSummary ratio(String peer) {
      double[] p = peerRounds.get(peer);
      return p == null ? RatioSummary.of(new double[0], new double[0], higherIsBetter)
          : RatioSummary.of(mlmpRounds, p, higherIsBetter);
    }

    /** The best peer: the one with the smallest median ratio (mlmp's smallest lead), or null if none ran. */
    public String bestPeer() {
      String best = null;
      double lowest = Double.POSITIVE_INFINITY;
      for (String p : peerRounds.keySet()) {
        RatioSummary r = ratio(p);
        if (r.rounds() > 0 && r.median() < lowest) {
          lowest = r.median();
          best = p;
        }
      }
      return best;
    }

    /** How the row reads against its goal over the best peer; null when the row has no goal. */
    public RatioSummary.Verdict verdict() {
      if (Double.isNaN(goal)) return null;
      String best = bestPeer();
      return best == null ? RatioSummary.Verdict.NO_DATA : ratio(best).against(goal);
    }
  }
}
