package org.mlmp.peers;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of a peer run: {@code WORKLOAD [--batch B] [--steps S] [--threads T] [--blas-threads B]
 * [--x IMAGES.npy --y LABELS.npy] [--memory-format channels_last|contiguous]}.
 *
 * @param workload "lenet", "mlp" (MNIST-shaped training), "alexnet" (torchvision AlexNet training), "alexconv" (AlexNet
 *     conv1–5 forward and forward+backward GFLOP/s), or "probe" (load the natives, print the configuration, run nothing)
 * @param batch images per training step or convolution call (≥ 1)
 * @param steps timed steps after the warm-up (≥ 1): 5 warm-up steps for training, 2 per layer for "alexconv"
 * @param threads the engine's intra-op threads (≥ 1)
 * @param blasThreads threads of a BLAS pool beside the intra-op threads (libtorch's OpenBLAS; ≥ 1): 1 under T intra-op
 *     threads, or T under one intra-op thread — the two splits of T threads that do not oversubscribe, so more than one
 *     of each is refused
 * @param x the training batch's images ({@code .npy}, float32, shape batch × C × H × W; see {@link PeerBatch}), or null
 *     for a synthetic batch (uniform pixels, random labels)
 * @param y the batch's labels ({@code .npy}, int32 class indices, shape batch), given with {@code x} or not at all
 * @param memoryFormat "channels_last" or "contiguous" (NCHW) for the convolutional workloads ({@link #IMAGES}), or null
 *     for the peer's own choice ({@link #memoryFormat(String)})
 */
public record PeerArgs(String workload, int batch, int steps, int threads, int blasThreads, Path x, Path y,
    String memoryFormat) {
  static final List<String> WORKLOADS = List.of("lenet", "mlp", "alexnet", "alexconv", "probe");
  /** The training workloads: the ones a batch file ({@code --x}, {@code --y}) applies to. */
  static final List<String> TRAINING = List.of("lenet", "mlp", "alexnet");
  /** The convolutional workloads: the ones a memory format ({@code --memory-format}) applies to. */
  static final List<String> IMAGES = List.of("lenet", "alexnet", "alexconv");
  /** The memory formats of 4-D tensors a peer can run: PyTorch's {@code channels_last} and its default (NCHW). */
  static final List<String> MEMORY_FORMATS = List.of("channels_last", "contiguous");

  /**
   * Validates every field.
   *
   * @param workload one of {@link #WORKLOADS}
   * @param batch images per training step
   * @param steps timed steps
   * @param threads intra-op threads
   * @param blasThreads BLAS threads beside them
   * @param x the batch's images, or null
   * @param y the batch's labels, or null (exactly when x is)
   * @param memoryFormat one of {@link #MEMORY_FORMATS} for a workload of {@link #IMAGES}, or null
   * @throws IllegalArgumentException naming the value received and what is allowed
   */
  public PeerArgs {
    if (!WORKLOADS.contains(workload)) {
      throw new IllegalArgumentException("The workload of a peer run must be one of " + WORKLOADS + ". Got '" + workload
          + "' instead.");
    }
    check("batch", batch);
    check("steps", steps);
    check("threads", threads);
    check("blas-threads", blasThreads);
    if (threads > 1 && blasThreads > 1) {
      throw new IllegalArgumentException("A peer run gets either T intra-op threads and one BLAS thread or one intra-op"
          + " thread and T BLAS threads (both pools busy at once oversubscribe the cores). Got --threads " + threads
          + " --blas-threads " + blasThreads + "; use --threads " + threads + " --blas-threads 1 or --threads 1"
          + " --blas-threads " + blasThreads + ".");
    }
    if ((x == null) != (y == null)) {
      throw new IllegalArgumentException("A peer run's training batch needs both --x (images) and --y (labels). Got --x "
          + x + " --y " + y + "; give both files or neither (a synthetic batch).");
    }
    if (x != null && !TRAINING.contains(workload)) {
      throw new IllegalArgumentException("--x and --y give a training batch, for the workloads " + TRAINING + ". Got"
          + " them for '" + workload + "'; leave them out.");
    }
    if (memoryFormat != null && !MEMORY_FORMATS.contains(memoryFormat)) {
      throw new IllegalArgumentException("--memory-format of a peer run must be one of " + MEMORY_FORMATS + ". Got '"
          + memoryFormat + "' instead.");
    }
    if (memoryFormat != null && !IMAGES.contains(workload)) {
      throw new IllegalArgumentException("--memory-format orders the 4-D tensors of the workloads " + IMAGES
          + ". Got it for '" + workload + "'; leave it out.");
    }
  }

  /**
   * The memory format this run's 4-D tensors take: the one given, else {@code peerDefault} for a convolutional
   * workload; "contiguous" for the others (they have no 4-D tensors past their input).
   *
   * @param peerDefault the peer's documented choice, one of {@link #MEMORY_FORMATS}
   * @return one of {@link #MEMORY_FORMATS}
   */
  public String memoryFormat(String peerDefault) {
    if (!IMAGES.contains(workload)) return "contiguous";
    return memoryFormat != null ? memoryFormat : peerDefault;
  }

  /**
   * One image's shape of the training workloads: {3, 224, 224} for "alexnet", {1, 28, 28} (MNIST) for the others.
   *
   * @return {C, H, W}
   */
  public long[] image() {
    return workload.equals("alexnet") ? new long[] {3, 224, 224} : new long[] {1, 28, 28};
  }

  /**
   * The classes of the training workloads: 1 000 for "alexnet", 10 for the others.
   *
   * @return the number of classes
   */
  public int classes() {
    return workload.equals("alexnet") ? 1000 : 10;
  }

  /**
   * A run with a synthetic batch.
   *
   * @param workload one of {@link #WORKLOADS}
   * @param batch images per training step
   * @param steps timed steps
   * @param threads intra-op threads
   * @param blasThreads BLAS threads beside them
   */
  public PeerArgs(String workload, int batch, int steps, int threads, int blasThreads) {
    this(workload, batch, steps, threads, blasThreads, null, null, null);
  }

  /**
   * A run in the peer's own memory format.
   *
   * @param workload one of {@link #WORKLOADS}
   * @param batch images per training step
   * @param steps timed steps
   * @param threads intra-op threads
   * @param blasThreads BLAS threads beside them
   * @param x the batch's images, or null
   * @param y the batch's labels, or null (exactly when x is)
   */
  public PeerArgs(String workload, int batch, int steps, int threads, int blasThreads, Path x, Path y) {
    this(workload, batch, steps, threads, blasThreads, x, y, null);
  }

  /**
   * A run with one BLAS thread under {@code threads} intra-op threads.
   *
   * @param workload one of {@link #WORKLOADS}
   * @param batch images per training step
   * @param steps timed steps
   * @param threads intra-op threads
   */
  public PeerArgs(String workload, int batch, int steps, int threads) {
    this(workload, batch, steps, threads, 1);
  }

  private static void check(String name, int v) {
    if (v < 1) throw new IllegalArgumentException("--" + name + " of a peer run must be >= 1. Got " + v + " instead.");
  }

  /**
   * Parses {@code WORKLOAD [--batch B] [--steps S] [--threads T] [--blas-threads B] [--x FILE --y FILE]
   * [--memory-format F]} (defaults 64, 50, the available processors, 1, a synthetic batch, the peer's own format).
   *
   * @param args the words after the peer's name
   * @return the validated arguments
   */
  public static PeerArgs parse(List<String> args) {
    if (args.isEmpty()) throw new IllegalArgumentException("A peer run needs a workload: one of " + WORKLOADS + ".");
    int batch = 64, steps = 50, threads = Runtime.getRuntime().availableProcessors(), blasThreads = 1;
    Path x = null, y = null;
    String memoryFormat = null;
    for (int i = 1; i < args.size(); i += 2) {
      String key = args.get(i);
      if (i + 1 >= args.size()) throw new IllegalArgumentException("Option " + key + " of a peer run needs a value.");
      if (key.equals("--x") || key.equals("--y")) {
        Path file = Path.of(args.get(i + 1));
        if (key.equals("--x")) x = file;
        else y = file;
        continue;
      }
      if (key.equals("--memory-format")) {
        memoryFormat = args.get(i + 1);
        continue;
      }
      int v;
      try {
        v = Integer.parseInt(args.get(i + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Option " + key + " of a peer run needs an integer. Got '" + args.get(i + 1)
            + "' instead.");
      }
      switch (key) {
        case "--batch" -> batch = v;
        case "--steps" -> steps = v;
        case "--threads" -> threads = v;
        case "--blas-threads" -> blasThreads = v;
        default -> throw new IllegalArgumentException("Unknown option '" + key + "' of a peer run; the options are"
            + " --batch, --steps, --threads, --blas-threads, --x, --y, --memory-format.");
      }
    }
    return new PeerArgs(args.get(0), batch, steps, threads, blasThreads, x, y, memoryFormat);
  }
}
