package org.mlmp.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar mlmp-peers.jar PEER WORKLOAD [--batch B] [--steps S] [--threads T]}, PEER one of "djl",
 * "libtorch": runs one peer (only its engine's classes and natives are loaded) and prints its JSON answer.
 */
public final class PeerMain {
  private PeerMain() {}

  /** One training step of a peer. */
  @FunctionalInterface
  interface PeerStep {
    void run() throws Exception;
  }

  /**
   * Runs one peer and prints its JSON answer; exits with 2 and a usage line when the peer is not named.
   *
   * @param args {@code PEER WORKLOAD [--batch B] [--steps S] [--threads T]}
   * @throws Exception when the peer's engine fails (the message is the engine's)
   */
  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    if (a.isEmpty() || !List.of("djl", "libtorch").contains(a.get(0))) {
      System.err.println("usage: java -jar mlmp-peers.jar djl|libtorch lenet|mlp|probe [--batch B] [--steps S] [--threads T]");
      System.exit(2);
    }
    PeerArgs p = PeerArgs.parse(a.subList(1, a.size()));
    ObjectNode out = a.get(0).equals("djl") ? DjlPeer.run(p) : LibtorchPeer.run(p);
    System.out.println(new ObjectMapper().writeValueAsString(out));
  }

  /** img/s of {@code step}: 5 warm-up steps, then batch ÷ the median time of {@code steps} single steps (as torch_bench.py). */
  static double imagesPerSecond(int batch, int steps, PeerStep step) throws Exception {
    for (int i = 0; i < 5; i++) step.run();
    double[] t = new double[steps];
    for (int i = 0; i < steps; i++) {
      long s = System.nanoTime();
      step.run();
      t[i] = (System.nanoTime() - s) / 1e9;
    }
    Arrays.sort(t);
    double median = steps % 2 == 1 ? t[steps / 2] : (t[steps / 2 - 1] + t[steps / 2]) / 2;
    return batch / median;
  }

  /** The JSON answer: workload, img/s (absent for "probe") and the configuration with its one-line summary. */
  static ObjectNode answer(String peer, PeerArgs p, double imagesPerSecond, Map<String, Object> config, String summary) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode out = m.createObjectNode().put("peer", peer).put("workload", p.workload()).put("batch", p.batch());
    if (!Double.isNaN(imagesPerSecond)) out.put("img_per_s", imagesPerSecond);
    ObjectNode c = m.valueToTree(config);
    c.put("summary", summary);
    out.set("config", c);
    return out;
  }

  static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
