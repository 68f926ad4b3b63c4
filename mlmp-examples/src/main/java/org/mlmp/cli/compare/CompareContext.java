package org.mlmp.cli.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mlmp.backend.CpuFeatures;
import org.mlmp.backend.OpenBlasKernel;

/**
 * What a {@link CompareSuite} may use: the checkout's {@code scripts/bench} folder with the Python peers'
 * scripts, Debian's Python (when it has the module a peer needs), the Java peers' jar (built with
 * {@code -Ppeers}), the thread count, the number of interleaved rounds, a progress log and the run log.
 *
 * <p>Every peer is configured as its own documentation recommends for the thread count (the scripts and
 * the Java peers print back what their libraries report, and the table shows it):
 * <ul>
 *   <li>PyTorch (Debian's 1.13: OpenMP intra-op threads over a pthread OpenBLAS): {@code OMP_NUM_THREADS=T},
 *       {@code OPENBLAS_NUM_THREADS=1}, {@code torch.set_num_threads(T)}, one inter-op thread — one BLAS thread
 *       under the OpenMP runtime, as <a href="https://pytorch.org/docs/stable/notes/cpu_threading_torchscript_inference.html">
 *       PyTorch's CPU threading note</a> asks ("avoid oversubscription"). T BLAS threads beside T OpenMP threads
 *       made it 1.7–2.5× slower on 2 cores. The one exception is the bare GEMM row ({@code torch.mm} alone, no
 *       OpenMP region around the BLAS call): there OpenBLAS's own T threads are PyTorch's parallelism. The LeNet and
 *       MLP rows also run the other split without oversubscription as the column {@code pytorch-blas}: one
 *       intra-op thread, the GEMMs on T OpenBLAS threads ({@code --threads 1 --blas-threads T}); the best column
 *       counts. Its allocator: TCMalloc, as the Java peers' below ({@link #scriptEnv}).
 *   <li>scikit-learn / numpy: {@code OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = MKL_NUM_THREADS = T} and
 *       threadpoolctl limits, no joblib workers, as <a href="https://scikit-learn.org/stable/computing/parallelism.html">
 *       scikit-learn's parallelism guide</a> describes (no OpenMP region calls BLAS in these workloads).
 *   <li>the Java peers (DJL, libtorch via JavaCPP; see {@code mlmp-peers}): the same thread splits as PyTorch
 *       ({@link #javaPeerEnv}).
 *   <li>every PyTorch peer (PyTorch, DJL, libtorch): TCMalloc preloaded ({@code LD_PRELOAD}, Debian's
 *       {@value #TCMALLOC_PACKAGE}), as PyTorch's
 *       <a href="https://pytorch.org/tutorials/recipes/recipes/tuning_guide.html">performance tuning guide</a>
 *       recommends ("Switch Memory allocator": jemalloc or TCMalloc), when it is installed ({@link #tcmalloc()});
 *       otherwise, and under TCMalloc too, glibc's malloc is told to keep freed memory ({@link #keepFreedMemory}):
 *       a JVM's threads allocate from glibc's per-thread arenas, which otherwise hand a step's freed buffers back to
 *       the kernel, so that every step faulted them in again (libtorch's LeNet ran 2–3× slower, its and DJL's MLP at
 *       times 4–6× slower). Measured against that glibc setting (interleaved pairs, 23:39–23:55 on 2026-12-05;
 *       BENCHMARKS.md, section "Issue 14's protocol: series 21–24"): TCMalloc ran PyTorch 1.13's AlexNet training 1.19–1.21× faster, its LeNet
 *       1.02–1.04×, its MLP 0.93–1.05×; libtorch's and DJL's AlexNet 0.84–1.28× (9 of 10 pairs faster), their
 *       MLP and LeNet 0.89–1.39× (11 of 16 pairs faster). Debian's jemalloc (libjemalloc2 5.3, with and without
 *       the tuning flags Intel's guide gives) ran PyTorch's LeNet 2.3–3.1× and its AlexNet 6–7× slower: not used.
 *   <li>PyTorch and libtorch: convolutional networks (LeNet, AlexNet, its conv1–5 layers) channels-last, model and
 *       input converted, as the tuning guide recommends ("Enable channels_last memory format for computer vision
 *       models"); it made both peers' LeNet training 1.2–1.45× faster here. The AlexNet rows, where it was no faster,
 *       also run them on NCHW tensors ({@code pytorch-nchw}, {@code libtorch-nchw}); the best column counts. DJL's
 *       API has no memory-format setting: NCHW.
 *   <li>every peer: its OpenBLAS's own choice of kernel for the processor (OpenBLAS's default), not the
 *       {@code OPENBLAS_CORETYPE} {@code ./mlmp} sets for ND4J's older OpenBLAS ({@link #NOT_INHERITED}) — except
 *       where Debian's OpenBLAS does not identify the processor and falls back to its SSE3 kernel: the Python peers
 *       then get the newest kernel it has that the processor executes ({@link OpenBlasCoretype}).
 * </ul>
 */
public final class CompareContext {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Debian's own interpreter first, by absolute path: a pyenv python earlier on PATH (as on the build machine)
   * lacks Debian's python3-torch and python3-sklearn.
   */
  static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");

  /** The command that builds the Java peers' jar. */
  public static final String PEERS_BUILD = "mvn -Ppeers -DskipTests package -pl mlmp-peers -am";

  private final Path scripts;
  private final Path peersJar;
  private final int threads;
  private final boolean quick;
  private final int rounds;
  private final PrintWriter log;
  private final PrintWriter runLog;
  private final Path errorFiles;
  private final Set<String> warmedJavaPeers = new HashSet<>();
  private boolean allocatorNoted;
  /** Whether {@link #pythonCoretype} has asked the Python peers' OpenBLAS, and its answer (null: none needed). */
  private boolean coretypeChecked;
  private String coretype;

  /**
   * @param scripts folder of the Python peer scripts (scripts/bench)
   * @param peersJar the Java peers' jar (mlmp-peers/target/mlmp-peers.jar; absent unless built with -Ppeers)
   * @param threads threads every side is given
   * @param quick smaller sizes and fewer repeats (for smoke runs; not for BENCHMARKS.md)
   * @param rounds interleaved rounds per row (≥ 1)
   * @param log progress lines (standard error)
   * @param runLog every run, one line each (the compare.log file of the --out folder)
   * @param errorFiles where a crashing Java peer's JVM writes its hs_err file (the --out folder)
   */
  public CompareContext(Path scripts, Path peersJar, int threads, boolean quick, int rounds, PrintWriter log,
      PrintWriter runLog, Path errorFiles) {
    if (threads < 1) throw new IllegalArgumentException("compare needs threads >= 1. Got " + threads + " instead.");
    if (rounds < 1) {
      throw new IllegalArgumentException("compare --rounds must be >= 1 (5 or more for BENCHMARKS.md). Got " + rounds
          + " instead.");
    }
    this.scripts = scripts;
    this.peersJar = peersJar;
    this.threads = threads;
    this.quick = quick;
    this.rounds = rounds;
    this.log = log;
    this.runLog = runLog;
    this.errorFiles = errorFiles;
  }

  public Path scripts() {
    return scripts;
  }

  public int threads() {
    return threads;
  }

  public boolean quick() {
    return quick;
  }

  public int rounds() {
    return rounds;
  }

  public PrintWriter log() {
    return log;
  }

  /** Appends a time-stamped line to the run log. */
  public void record(String line) {
    runLog.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
    runLog.flush();
  }

  /** The first Python that can import {@code module}, or null (with the reason logged). */
  public String python(String module) {
    for (String py : PYTHONS) {
      try {
        Process p = new ProcessBuilder(py, "-c", "import " + module).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          record("python for " + module + ": " + py + (py.startsWith("/usr/bin/") ? " (Debian's, chosen before PATH)" : ""));
          return py;
        }
      } catch (IOException e) {
        // next interpreter
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    String msg = "compare: no Python with '" + module + "' found (apt-get install python3-"
        + (module.equals("sklearn") ? "sklearn" : module.equals("torch") ? "torch" : module) + "); that peer is skipped";
    log.println(msg);
    log.flush();
    record(msg);
    return null;
  }

  /**
   * The environment a peer script runs in: PyTorch with one BLAS thread under its OpenMP threads, scikit-learn
   * with {@code threads} BLAS and OpenMP threads (see the class comment for the documentation followed).
   */
  static Map<String, String> pythonEnv(String script, int threads) {
    return pythonEnv(script, List.of(), threads);
  }

  /** Whether {@code script} in {@code scripts/bench} runs PyTorch (its thread split and allocator settings apply). */
  static boolean pytorchScript(String script) {
    return script.startsWith("torch");
  }

  /**
   * {@link #pythonEnv(String, int)} for a script's argument list (workload first). PyTorch's bare {@code gemm} (one
   * {@code torch.mm}, no OpenMP region around its BLAS call; Debian's build has {@code BLAS_INFO=generic}, so
   * OpenBLAS's own threads do the GEMM) gets {@code threads} BLAS threads — with one it ran on one core (97 of 187
   * GFLOP/s). PyTorch run with {@code --threads I --blas-threads B} (the other split without oversubscription,
   * I·B ≤ threads) gets {@code OMP_NUM_THREADS=I} and {@code OPENBLAS_NUM_THREADS=B}.
   */
  static Map<String, String> pythonEnv(String script, List<String> args, int threads) {
    int blasAt = args.indexOf("--blas-threads"), threadsAt = args.indexOf("--threads");
    if (pytorchScript(script) && blasAt >= 0 && blasAt + 1 < args.size()) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("OMP_NUM_THREADS", threadsAt >= 0 && threadsAt + 1 < args.size() ? args.get(threadsAt + 1)
          : Integer.toString(threads));
      env.put("OPENBLAS_NUM_THREADS", args.get(blasAt + 1));
      return env;
    }
    String workload = args.isEmpty() ? null : args.get(0);
    String t = Integer.toString(threads);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OMP_NUM_THREADS", t);
    if (pytorchScript(script) && !"gemm".equals(workload)) {
      env.put("OPENBLAS_NUM_THREADS", "1");
    } else {
      env.put("OPENBLAS_NUM_THREADS", t);
      env.put("MKL_NUM_THREADS", t);
    }
    return env;
  }

  /**
   * Runs {@code scripts/bench/<script>} with {@code args} (and {@code --threads}) under {@code python}, in the
   * environment of {@link #pythonEnv}; the script prints one JSON object on its last line of standard output,
   * which is returned.
   */
  public JsonNode runPython(String python, String script, String... args) throws IOException, InterruptedException {
    Path file = scripts.resolve(script);
    if (!Files.isRegularFile(file)) throw new IOException("peer script " + file + " not found");
    List<String> cmd = new ArrayList<>(List.of(python, file.toString()));
    cmd.addAll(List.of(args));
    if (!cmd.contains("--threads")) cmd.addAll(List.of("--threads", Integer.toString(threads)));
    if (pytorchScript(script)) noteAllocator();
    return run(cmd, scriptEnv(script, List.of(args), threads, Inherited.current(), tcmalloc(), pythonCoretype(python)),
        script + " " + String.join(" ", args));
  }

  /**
   * The {@code OPENBLAS_CORETYPE} the Python peers run with, or null: their OpenBLAS's own choice. Asked once per
   * {@code compare} run: {@code scripts/bench/peer_config.py openblas} under {@code python} reports the kernel Debian's
   * OpenBLAS chose by itself, and {@link OpenBlasCoretype#override} decides; an override is noted on the progress and
   * run logs.
   */
  String pythonCoretype(String python) throws InterruptedException {
    if (coretypeChecked) return coretype;
    coretypeChecked = true;
    try {
      JsonNode blas = run(List.of(python, scripts.resolve("peer_config.py").toString(), "openblas"), Map.of(),
          "peer_config.py openblas").path("openblas").path(0);
      if (blas.isMissingNode()) {
        record("python: numpy loads no OpenBLAS; no OPENBLAS_CORETYPE for the Python peers");
        return null;
      }
      String detected = blas.path("architecture").asText(null), version = blas.path("version").asText("(unknown)");
      coretype = OpenBlasCoretype.override(detected, CpuFeatures.current());
      record("python: OpenBLAS " + version + " chose the " + detected + " kernel by itself"
          + (coretype == null ? "; kept" : "; the Python peers get OPENBLAS_CORETYPE=" + coretype));
      if (coretype != null) {
        String msg = OpenBlasCoretype.note(version, coretype);
        log.println(msg);
        log.flush();
        record(msg);
      }
    } catch (IOException e) {
      record("python: the OpenBLAS kernel could not be read (" + e.getMessage() + "); the peers' own choice stands");
    }
    return coretype;
  }

  /**
   * A Python peer as one side of an interleaved row ({@link Interleaving}): one run of {@code scripts/bench/<script>}
   * per round, its value the field {@code field} of the JSON it prints, its configuration the {@code config.summary}
   * it reports. Without a {@code python} (null: no interpreter has {@code module}) every round is a skipped run
   * saying what to install.
   *
   * @param python the interpreter from {@link #python(String)}, or null
   * @param module the module the script needs (for the skip message), e.g. "sklearn"
   * @param script the script in {@code scripts/bench}
   * @param args its arguments ({@code --threads} is added unless given)
   * @param field the JSON field holding the measured value
   * @param answers receives each run's whole JSON answer (e.g. a support-vector count for the note); may be null
   * @return the side
   */
  public Interleaving.Side pythonSide(String python, String module, String script, String[] args, String field,
      java.util.function.Consumer<JsonNode> answers) {
    if (python == null) {
      String pkg = module.equals("sklearn") ? "python3-sklearn" : "python3-" + module;
      return r -> Interleaving.SideRun.failed("skipped: no /usr/bin/python3 with " + module + " (apt-get install " + pkg
          + ")");
    }
    return r -> {
      JsonNode json = runPython(python, script, args);
      if (answers != null) answers.accept(json);
      return new Interleaving.SideRun(json.path(field).asDouble(Double.NaN), json.path("config").path("summary").asText());
    };
  }

  /**
   * Writes {@code data}'s x and y as {@code <name>-X.npy} and {@code <name>-y.npy} in {@code dir}, for a Python peer to
   * load the same numbers.
   *
   * @param data the data set (with targets)
   * @param dir an existing folder
   * @param name the file-name prefix
   * @return the peer script's arguments {@code --x FILE --y FILE}
   * @throws IOException if a file cannot be written
   */
  public static String[] writeNpy(org.mlmp.api.Dataset data, Path dir, String name) throws IOException {
    Path x = dir.resolve(name + "-X.npy"), y = dir.resolve(name + "-y.npy");
    Files.write(x, org.mlmp.io.Npy.write(data.x()));
    Files.write(y, org.mlmp.io.Npy.write(data.y()));
    return new String[] {"--x", x.toString(), "--y", y.toString()};
  }

  /**
   * A temporary folder for the data files of a suite, deleted with everything in it when closed.
   *
   * @param prefix the folder name's prefix
   * @return the folder
   * @throws IOException if it cannot be created
   */
  public static ScratchDir scratch(String prefix) throws IOException {
    return new ScratchDir(Files.createTempDirectory(prefix));
  }

  /**
   * A temporary folder deleted (with its files) on {@link #close()}.
   *
   * @param path the folder
   */
  public record ScratchDir(Path path) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try (var s = Files.list(path)) {
        for (Path p : s.toList()) Files.deleteIfExists(p);
      }
      Files.deleteIfExists(path);
    }
  }

  /** True when the Java peers' jar is built; otherwise the suites print {@link #javaPeersSkipped()}. */
  public boolean hasJavaPeers() {
    return Files.isRegularFile(peersJar);
  }

  /** The note for a missing Java peers' jar. */
  public String javaPeersSkipped() {
    return "skipped: build with " + PEERS_BUILD + " (" + peersJar + " not found)";
  }

  /**
   * Runs a Java peer ({@code java -jar mlmp-peers.jar PEER ARGS...}) in its own JVM and returns the JSON object on
   * its last line. Its natives are extracted by a warm-up launch ({@code PEER probe}) the first time: with an
   * empty JavaCPP cache libtorch's first launch crashed here (SIGSEGV), so a launch that fails is logged in full
   * and tried once more.
   */
  public JsonNode runJavaPeer(String peer, String... args) throws IOException, InterruptedException {
    if (!hasJavaPeers()) throw new IOException(javaPeersSkipped());
    noteAllocator();
    if (warmedJavaPeers.add(peer)) {
      JsonNode probe = retrying(peer, List.of("probe"));
      record(peer + " probe: " + probe);
    }
    List<String> a = new ArrayList<>(List.of(args));
    if (!a.contains("--threads")) a.addAll(List.of("--threads", Integer.toString(threads)));
    return retrying(peer, a);
  }

  /** Debian's package of gperftools' TCMalloc (the minimal build: the allocator without the profilers). */
  public static final String TCMALLOC_PACKAGE = "libtcmalloc-minimal4";

  /** Where {@value #TCMALLOC_PACKAGE} installs the library (linux-x86_64, the natives mlmp builds for by default). */
  static final Path TCMALLOC = Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");

  /**
   * The TCMalloc library the PyTorch peers preload, or null when {@value #TCMALLOC_PACKAGE} is not installed (they then
   * run on glibc's malloc, which {@link #keepFreedMemory} tunes; the peers print which allocator they ran on).
   *
   * @return {@link #TCMALLOC} when it is a file, else null
   */
  static Path tcmalloc() {
    return Files.isRegularFile(TCMALLOC) ? TCMALLOC : null;
  }

  /**
   * Puts {@code LD_PRELOAD} for a PyTorch peer into {@code env}: {@code tcmalloc} first, then the inherited
   * {@code LD_PRELOAD} (kept, so a user's own preloads still load). Nothing when {@code tcmalloc} is null.
   *
   * @param env the peer's variables
   * @param tcmalloc the library ({@link #tcmalloc()}), or null
   * @param inheritedPreload this process's {@code LD_PRELOAD}, or null
   */
  static void preloadAllocator(Map<String, String> env, Path tcmalloc, String inheritedPreload) {
    if (tcmalloc == null) return;
    boolean none = inheritedPreload == null || inheritedPreload.isBlank();
    env.put("LD_PRELOAD", none ? tcmalloc.toString() : tcmalloc + ":" + inheritedPreload.strip());
  }

  /** Says once, on the progress and run logs, when the PyTorch peers cannot get TCMalloc and why. */
  private void noteAllocator() {
    if (allocatorNoted) return;
    allocatorNoted = true;
    String msg = missingAllocatorNote(tcmalloc());
    if (msg == null) return;
    log.println(msg);
    log.flush();
    record(msg);
  }

  /**
   * The note for PyTorch peers without TCMalloc: the library looked for, the package that installs it, and what the
   * peers run on instead.
   *
   * @param tcmalloc the library found ({@link #tcmalloc()}), or null
   * @return the note, or null when {@code tcmalloc} was found
   */
  static String missingAllocatorNote(Path tcmalloc) {
    if (tcmalloc != null) return null;
    return "compare: " + TCMALLOC + " not found (apt-get install " + TCMALLOC_PACKAGE + "): the PyTorch peers run"
        + " on glibc's malloc instead of the allocator PyTorch's tuning guide recommends (PyTorch's AlexNet training"
        + " ran 1.2x slower on it here; every peer prints its allocator)";
  }

  /** glibc's malloc keeps blocks up to this size in the process instead of mapping each one anew (its maximum). */
  static final long MMAP_THRESHOLD = 32L << 20;
  /** glibc's malloc returns free memory at a heap's top to the kernel only beyond this much. */
  static final long TRIM_THRESHOLD = 1L << 30;
  /**
   * glibc's malloc uses one arena for every thread: a JVM's threads otherwise allocate from secondary arenas whose
   * heaps are unmapped when they empty, so a step's large temporaries can be faulted in anew every step. mlmp's
   * LeNet batch 64 with the two thresholds alone still faulted 7 600–35 000 pages/s in 3 of 6 runs (2 800–3 700 img/s),
   * with one arena 1 700–3 600 pages/s and 4 400–5 100 img/s in 5 of 5 (21:58–22:39 probes, docs/nn-measurements.md).
   */
  static final int ARENA_MAX = 1;

  /**
   * The environment of a Java peer's JVM (read by its natives when they load): {@code OMP_NUM_THREADS} the intra-op
   * threads ({@code --threads} in {@code args}, else {@code threads}), {@code OPENBLAS_NUM_THREADS} the BLAS threads
   * ({@code --blas-threads}, else 1: one BLAS thread under the OpenMP pool, as for Debian's PyTorch), and
   * {@code GLIBC_TUNABLES} the inherited tunables (e.g. {@code ./mlmp}'s {@code glibc.malloc.hugetlb=1}) with glibc's
   * malloc trim and mmap thresholds raised so that freed memory stays in the process, and TCMalloc preloaded when
   * installed ({@link #preloadAllocator}; see the class comment).
   *
   * @param args the peer's arguments (workload first)
   * @param threads the compare command's thread count
   * @param inherited this process's {@code GLIBC_TUNABLES} and {@code LD_PRELOAD} (values may be null)
   * @param tcmalloc the library to preload ({@link #tcmalloc()}), or null
   * @return the variables to set
   */
  static Map<String, String> javaPeerEnv(List<String> args, int threads, Inherited inherited, Path tcmalloc) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OMP_NUM_THREADS", option(args, "--threads", Integer.toString(threads)));
    env.put("OPENBLAS_NUM_THREADS", option(args, "--blas-threads", "1"));
    pytorchAllocator(env, inherited, tcmalloc);
    return env;
  }

  /**
   * A PyTorch peer's allocator settings, the same for the Python script and the Java peers: glibc's malloc keeping freed
   * memory ({@link #keepFreedMemory}) and TCMalloc preloaded when installed ({@link #preloadAllocator}).
   *
   * @param env the peer's variables, receiving {@code GLIBC_TUNABLES} and possibly {@code LD_PRELOAD}
   * @param inherited this process's {@code GLIBC_TUNABLES} and {@code LD_PRELOAD}
   * @param tcmalloc the library to preload ({@link #tcmalloc()}), or null
   */
  private static void pytorchAllocator(Map<String, String> env, Inherited inherited, Path tcmalloc) {
    env.put("GLIBC_TUNABLES", keepFreedMemory(inherited.tunables()));
    preloadAllocator(env, tcmalloc, inherited.preload());
  }

  /**
   * The variables of this process a peer's allocator settings build on.
   *
   * @param tunables {@code GLIBC_TUNABLES}, or null when unset
   * @param preload {@code LD_PRELOAD}, or null when unset
   */
  record Inherited(String tunables, String preload) {
    /** This process's values. */
    static Inherited current() {
      return new Inherited(System.getenv("GLIBC_TUNABLES"), System.getenv("LD_PRELOAD"));
    }
  }

  /**
   * {@code GLIBC_TUNABLES} for a peer whose malloc should keep freed memory: the inherited tunables (e.g.
   * {@code ./mlmp}'s {@code glibc.malloc.hugetlb=1}; their own trim and mmap thresholds and arena count dropped) with
   * glibc's malloc trim threshold at {@link #TRIM_THRESHOLD}, mmap threshold at {@link #MMAP_THRESHOLD} and
   * {@link #ARENA_MAX} arena — the value {@code ./mlmp} sets for mlmp itself (README, "Memory").
   *
   * @param inheritedTunables this process's {@code GLIBC_TUNABLES}, or null
   * @return the value to set
   */
  static String keepFreedMemory(String inheritedTunables) {
    List<String> tunables = new ArrayList<>();
    if (inheritedTunables != null) {
      for (String t : inheritedTunables.split(":")) {
        if (!t.isBlank() && !t.startsWith("glibc.malloc.trim_threshold=") && !t.startsWith("glibc.malloc.mmap_threshold=")
            && !t.startsWith("glibc.malloc.arena_max=")) {
          tunables.add(t);
        }
      }
    }
    tunables.add("glibc.malloc.trim_threshold=" + TRIM_THRESHOLD);
    tunables.add("glibc.malloc.mmap_threshold=" + MMAP_THRESHOLD);
    tunables.add("glibc.malloc.arena_max=" + ARENA_MAX);
    return String.join(":", tunables);
  }

  /**
   * The environment {@link #runPython} gives a script: {@link #pythonEnv}, and for the PyTorch script the Java peers'
   * allocator settings: TCMalloc preloaded when installed ({@link #preloadAllocator}) and glibc's malloc keeping freed
   * memory ({@link #keepFreedMemory}; measured before TCMalloc, four interleaved rounds, 2026-12-05 22:10: PyTorch
   * 1.13's MLP batch 128 1.20× faster with it with 2 OpenMP + 1 BLAS threads and 1.13× with 1 + 2, its LeNet batch
   * 64 the same). The scikit-learn scripts get neither: its documentation recommends no allocator.
   *
   * @param script the script in {@code scripts/bench}
   * @param args its arguments (workload first)
   * @param threads the compare command's thread count
   * @param inherited this process's {@code GLIBC_TUNABLES} and {@code LD_PRELOAD} (values may be null)
   * @param tcmalloc the library to preload ({@link #tcmalloc()}), or null
   * @param coretype the kernel Debian's OpenBLAS must run ({@link OpenBlasCoretype#override}), or null: its own choice
   * @return the variables to set
   */
  static Map<String, String> scriptEnv(String script, List<String> args, int threads, Inherited inherited,
      Path tcmalloc, String coretype) {
    Map<String, String> env = new LinkedHashMap<>(pythonEnv(script, args, threads));
    if (pytorchScript(script)) pytorchAllocator(env, inherited, tcmalloc);
    if (coretype != null) env.put(OpenBlasKernel.ENV, coretype);
    return env;
  }

  private static String option(List<String> args, String name, String otherwise) {
    int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : otherwise;
  }

  private JsonNode retrying(String peer, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-XX:ErrorFile=" + errorFiles.resolve("hs_err_" + peer + "_pid%p.log"), "-jar", peersJar.toString(), peer));
    cmd.addAll(args);
    String what = peer + " " + String.join(" ", args);
    Map<String, String> env = javaPeerEnv(args, threads, Inherited.current(), tcmalloc());
    try {
      return run(cmd, env, what);
    } catch (IOException first) {
      record(what + ": launch failed (a JVM crash leaves its hs_err file in " + errorFiles + "), trying once more. "
          + first.getMessage());
      log.println("compare: " + what + " failed once (logged), trying again");
      log.flush();
      return run(cmd, env, what);
    }
  }

  /**
   * Variables of this process a peer must not inherit. {@code OPENBLAS_CORETYPE}: {@code ./mlmp} sets it to Haswell
   * for ND4J's OpenBLAS 0.3.19, which does not know recent processors (on an AMD Zen 5 it guessed an old AMD core;
   * README, "CPU speed"). The peers' own OpenBLAS builds detect the processor themselves — Debian's 0.3.21 under
   * PyTorch 1.13 and scikit-learn, and libtorch's 0.3.31, both chose Cooperlake (AVX-512) on that Zen 5 — and
   * OpenBLAS's default is that detection; forced to Haswell they ran AVX2 kernels (series 3–17 of BENCHMARKS.md).
   * Where Debian's does not identify the processor, {@link #pythonCoretype} sets the variable again for the Python
   * peers ({@link OpenBlasCoretype}). Each peer prints the kernel its OpenBLAS runs.
   */
  static final List<String> NOT_INHERITED = List.of("OPENBLAS_CORETYPE");

  /**
   * A peer's process environment: {@code processEnv} (a copy of this process's, as {@link ProcessBuilder} makes it)
   * without {@link #NOT_INHERITED}, with {@code env} set.
   */
  static void peerEnvironment(Map<String, String> processEnv, Map<String, String> env) {
    NOT_INHERITED.forEach(processEnv::remove);
    processEnv.putAll(env);
  }

  private JsonNode run(List<String> cmd, Map<String, String> env, String what) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    peerEnvironment(pb.environment(), env);
    Path err = Files.createTempFile("mlmp-compare", ".log");
    pb.redirectError(err.toFile());
    record("run: " + env + " (not inherited: " + String.join(", ", NOT_INHERITED) + ") " + String.join(" ", cmd));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean done = p.waitFor(1, TimeUnit.HOURS);
    if (!done) p.destroyForcibly();
    String messages = Files.readString(err);
    Files.deleteIfExists(err);
    if (!done || p.exitValue() != 0) {
      throw new IOException(what + " failed (exit " + (done ? p.exitValue() : "timeout") + "): " + messages.strip()
          + (out.isBlank() ? "" : "\nstandard output: " + out.strip()));
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
    return JSON.readTree(last);
  }
}
