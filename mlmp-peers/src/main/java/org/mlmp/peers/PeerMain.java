package org.mlmp.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar mlmp-peers.jar PEER WORKLOAD [--batch B] [--steps S] [--threads T] [--blas-threads B] [--x IMAGES.npy
 * --y LABELS.npy] [--memory-format channels_last|contiguous]}, PEER one of "djl", "libtorch", WORKLOAD one of
 * {@link PeerArgs#WORKLOADS}: runs one peer (only its engine's classes and natives are loaded) and prints its JSON
 * answer. A training workload trains on the batch in the two files ({@link PeerBatch}), else on a synthetic one.
 */
public final class PeerMain {
  private PeerMain() {}

  /** One training step of a peer. */
  @FunctionalInterface
  interface PeerStep {
    void run() throws Exception;
  }

  /** Times one AlexNet convolution layer on an engine: {forward, forward + backward} median seconds per call. */
  @FunctionalInterface
  interface ConvTimer {
    double[] time(PeerConvLayer layer) throws Exception;
  }

  /**
   * Runs one peer and prints its JSON answer; exits with 2 and a usage line when the peer is not named.
   *
   * @param args {@code PEER WORKLOAD [--batch B] [--steps S] [--threads T] [--blas-threads B]}
   * @throws Exception when the peer's engine fails (the message is the engine's)
   */
  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    if (a.isEmpty() || !List.of("djl", "libtorch").contains(a.get(0))) {
      System.err.println("usage: java -jar mlmp-peers.jar djl|libtorch " + String.join("|", PeerArgs.WORKLOADS)
          + " [--batch B] [--steps S] [--threads T] [--blas-threads B] [--x IMAGES.npy --y LABELS.npy]"
          + " [--memory-format channels_last|contiguous]");
      System.exit(2);
    }
    PeerArgs p = PeerArgs.parse(a.subList(1, a.size()));
    ObjectNode out = a.get(0).equals("djl") ? DjlPeer.run(p) : LibtorchPeer.run(p);
    System.out.println(new ObjectMapper().writeValueAsString(out));
  }

  /** img/s of {@code step}: 5 warm-up steps, then batch ÷ the median time of {@code steps} single steps (as torch_bench.py). */
  static double imagesPerSecond(int batch, int steps, PeerStep step) throws Exception {
    return batch / medianSeconds(5, steps, step);
  }

  /** The median time in seconds of {@code steps} single calls of {@code step}, after {@code warmup} untimed ones. */
  static double medianSeconds(int warmup, int steps, PeerStep step) throws Exception {
    for (int i = 0; i < warmup; i++) step.run();
    double[] t = new double[steps];
    for (int i = 0; i < steps; i++) {
      long s = System.nanoTime();
      step.run();
      t[i] = (System.nanoTime() - s) / 1e9;
    }
    Arrays.sort(t);
    return steps % 2 == 1 ? t[steps / 2] : (t[steps / 2 - 1] + t[steps / 2]) / 2;
  }

  /**
   * The "alexconv" results as torch_bench.py computes them: each of conv1–5 timed alone (2 warm-up calls, the median
   * of {@code steps}), the medians summed; forward GFLOP/s = Σ 2·K²·Cin·Cout·Hout·Wout·batch ÷ the forward time,
   * forward + backward (weight, bias and input gradients) = 3 × those FLOPs ÷ its time.
   */
  static Map<String, Double> alexConv(PeerArgs p, ConvTimer timer) throws Exception {
    double fwd = 0, fb = 0, flops = 0;
    for (PeerConvLayer l : PeerConvLayer.ALEXNET) {
      double[] t = timer.time(l);
      fwd += t[0];
      fb += t[1];
      flops += l.flops() * p.batch();
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("forward_ms", fwd * 1e3);
    out.put("forward_backward_ms", fb * 1e3);
    out.put("forward_gflops", flops / fwd / 1e9);
    out.put("forward_backward_gflops", 3 * flops / fb / 1e9);
    return out;
  }

  /**
   * The JSON answer: peer, workload, batch, the results ({@code img_per_s} for training, the "alexconv" times and
   * GFLOP/s, none for "probe") and the configuration with its one-line summary.
   */
  static ObjectNode answer(String peer, PeerArgs p, Map<String, Double> results, Map<String, Object> config,
      String summary) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode out = m.createObjectNode().put("peer", peer).put("workload", p.workload()).put("batch", p.batch());
    results.forEach(out::put);
    ObjectNode c = m.valueToTree(config);
    c.put("summary", summary);
    out.set("config", c);
    return out;
  }

  static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
