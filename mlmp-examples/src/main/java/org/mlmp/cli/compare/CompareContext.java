package org.mlmp.cli.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link CompareSuite} may use: the checkout's {@code scripts/bench} folder with the peers'
 * scripts, Debian's Python (when it has the module a peer needs), the thread count, and a log.
 *
 * @param scripts folder of the peer scripts (scripts/bench)
 * @param threads threads every side is given (mlmp, PyTorch's set_num_threads, OMP/OpenBLAS)
 * @param quick smaller sizes and fewer repeats (for smoke runs; not for BENCHMARKS.md)
 * @param log progress lines (standard error)
 */
public record CompareContext(Path scripts, int threads, boolean quick, PrintWriter log) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Debian's own interpreter first: a pyenv shim earlier on PATH lacks the Debian packages. */
  static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");

  /** The first Python that can import {@code module}, or null (with the reason logged). */
  public String python(String module) {
    for (String py : PYTHONS) {
      try {
        Process p = new ProcessBuilder(py, "-c", "import " + module).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return py;
      } catch (IOException e) {
        // next interpreter
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    log.println("compare: no Python with '" + module + "' found (apt-get install python3-"
        + (module.equals("sklearn") ? "sklearn" : module.equals("torch") ? "torch" : module) + "); that peer is skipped");
    log.flush();
    return null;
  }

  /**
   * Runs {@code scripts/bench/<script>} with {@code args} under {@code python}; the script prints one
   * JSON object on its last line of standard output, which is returned.
   */
  public JsonNode runPython(String python, String script, String... args) throws IOException, InterruptedException {
    Path file = scripts.resolve(script);
    if (!Files.isRegularFile(file)) throw new IOException("peer script " + file + " not found");
    List<String> cmd = new ArrayList<>(List.of(python, file.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
    pb.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
    Path err = Files.createTempFile("mlmp-compare", ".log");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean done = p.waitFor(1, TimeUnit.HOURS);
    String messages = Files.readString(err);
    Files.deleteIfExists(err);
    if (!done || p.exitValue() != 0) {
      throw new IOException(script + " " + String.join(" ", args) + " failed (exit " + (done ? p.exitValue() : "timeout")
          + "): " + messages.strip());
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
    return JSON.readTree(last);
  }
}
