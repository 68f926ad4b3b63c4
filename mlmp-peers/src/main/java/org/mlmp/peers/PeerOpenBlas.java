package org.mlmp.peers;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

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
    try (Stream<String> maps = Files.lines(PeerMaps.SELF)) {
      paths = openBlasPaths(maps);
    } catch (IOException | RuntimeException e) {
      return "unknown (/proc/self/maps: " + e.getMessage() + ")";
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

  /** The distinct paths of mapped files named {@code libopenblas*.so*}, in order of first appearance. */
  static List<String> openBlasPaths(Stream<String> mapsLines) {
    return PeerMaps.paths(mapsLines, "libopenblas");
  }
}
