package org.mlmp.peers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables a peer's natives read when they load, as its JVM got them from {@code mlmp compare}
 * (they cannot be changed from Java afterwards): {@code OMP_NUM_THREADS} (libgomp's pool), {@code OPENBLAS_NUM_THREADS}
 * (every OpenBLAS loaded; libtorch's GEMMs), {@code OPENBLAS_CORETYPE} (unset from {@code mlmp compare}: OpenBLAS then
 * picks its kernel for the processor), {@code GLIBC_TUNABLES} (glibc's malloc: whether memory a step frees
 * stays in the process for the next step, see {@link #keepsFreedMemory()}) and {@code LD_PRELOAD} (TCMalloc, which
 * {@code mlmp compare} preloads for the PyTorch peers when installed). Printed in each peer's configuration.
 *
 * @param omp {@code OMP_NUM_THREADS}, or null when unset
 * @param openblas {@code OPENBLAS_NUM_THREADS}, or null when unset
 * @param coretype {@code OPENBLAS_CORETYPE}, or null when unset
 * @param glibcTunables {@code GLIBC_TUNABLES}, or null when unset
 * @param preload {@code LD_PRELOAD}, or null when unset
 */
record PeerEnvironment(String omp, String openblas, String coretype, String glibcTunables, String preload) {
  /** The variables of this JVM. */
  static PeerEnvironment current() {
    return new PeerEnvironment(System.getenv("OMP_NUM_THREADS"), System.getenv("OPENBLAS_NUM_THREADS"),
        System.getenv("OPENBLAS_CORETYPE"), System.getenv("GLIBC_TUNABLES"), System.getenv("LD_PRELOAD"));
  }

  /**
   * True when glibc's malloc keeps freed blocks for reuse: a {@code glibc.malloc.trim_threshold} and a
   * {@code glibc.malloc.mmap_threshold} are set. A JVM's threads allocate from glibc's per-thread arenas, whose heaps
   * glibc hands back to the kernel as soon as a step's temporaries are freed; the next step faults every page back in
   * (measured: libtorch's LeNet step 2–3× slower, its MLP step at times 6× slower). PyTorch's performance tuning guide
   * recommends jemalloc or TCMalloc; without them (TCMalloc not installed), these two tunables make glibc's malloc
   * reuse memory.
   */
  boolean keepsFreedMemory() {
    return glibcTunables != null && glibcTunables.contains("glibc.malloc.trim_threshold=")
        && glibcTunables.contains("glibc.malloc.mmap_threshold=");
  }

  /** The variables as a map for the JSON configuration (unset ones as "(unset)"). */
  Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("OMP_NUM_THREADS", orUnset(omp));
    m.put("OPENBLAS_NUM_THREADS", orUnset(openblas));
    m.put("OPENBLAS_CORETYPE", orUnset(coretype));
    m.put("GLIBC_TUNABLES", orUnset(glibcTunables));
    m.put("LD_PRELOAD", orUnset(preload));
    return m;
  }

  /** "env OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=1 GLIBC_TUNABLES=…", unset ones shown as "(unset)". */
  String text() {
    StringBuilder b = new StringBuilder("env");
    asMap().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    return b.toString();
  }

  private static String orUnset(String v) {
    return v == null ? "(unset)" : v;
  }
}
