package org.mlmp.peers;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The kernel each OpenBLAS loaded into this JVM runs ({@code openblas_get_corename()}): the processor OpenBLAS detected,
 * or the one {@code OPENBLAS_CORETYPE} forced. JavaCPP's OpenBLAS presets do not map that function, so it is called
 * through JNA on the libraries the process has mapped ({@code /proc/self/maps}). Printed in the libtorch peer's
 * configuration (BENCHMARKS.md, "Issue 14's protocol: series 16–19").
 */
final class PeerOpenBlas {
  private PeerOpenBlas() {}

  /**
   * The kernels of the OpenBLAS libraries mapped into this process, distinct and comma-separated (one library maps more
   * than one segment; libtorch and the OpenBLAS presets may each load one), "no OpenBLAS loaded", or "unknown (…)" when
   * the process's maps or the function cannot be read.
   */
  static String loaded() {
    List<String> paths;
    try {
      paths = PeerMaps.paths(PeerMaps.self(), "libopenblas");
    } catch (IOException e) {
      return PeerMaps.unreadable(e);
    }
    if (paths.isEmpty()) return "no OpenBLAS loaded";
    Set<String> kernels = new LinkedHashSet<>();
    for (String p : paths) {
      try {
        kernels.add(NativeLibrary.getInstance(p).getFunction("openblas_get_corename").invokeString(new Object[0], false));
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        kernels.add("unknown (" + p + ": " + e.getMessage() + ")");
      }
    }
    return String.join(", ", kernels);
  }
}
