package org.mlmp.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shared libraries mapped into this JVM ({@code /proc/self/maps}): which OpenBLAS builds its natives loaded
 * ({@link PeerOpenBlas}) and which allocator they run on ({@link #allocator}), for the peer's printed configuration.
 */
final class PeerMaps {
  private PeerMaps() {}

  /** {@link #allocator(List)}'s answer when no other allocator is mapped. */
  static final String GLIBC_MALLOC = "glibc malloc";

  /** How {@link #unreadable} starts: the allocator and the OpenBLAS kernels are then not known. */
  static final String UNKNOWN = "unknown";

  /** The maps file of this process. */
  static final Path SELF = Path.of("/proc/self/maps");

  /**
   * The distinct paths of mapped files whose name starts with {@code namePrefix} and is a shared library ({@code .so}),
   * in order of first appearance (one library maps several segments).
   *
   * @param mapsLines the lines of a maps file
   * @param namePrefix the file name's start, e.g. "libopenblas"
   * @return the paths
   */
  static List<String> paths(List<String> mapsLines, String namePrefix) {
    Set<String> paths = new LinkedHashSet<>();
    mapsLines.forEach(line -> {
      int slash = line.indexOf('/');
      if (slash < 0) return;
      String path = line.substring(slash).strip();
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.startsWith(namePrefix) && name.contains(".so")) paths.add(path);
    });
    return new ArrayList<>(paths);
  }

  /**
   * The allocator a process runs on: "TCMalloc (path)" or "jemalloc (path)" when one is mapped (preloaded, as
   * {@code mlmp compare} preloads TCMalloc for the PyTorch peers), else "glibc malloc".
   *
   * @param mapsLines the lines of the process's maps file
   * @return the allocator's name and, for a preloaded one, its library
   */
  static String allocator(List<String> mapsLines) {
    for (String[] a : new String[][] {{"TCMalloc", "libtcmalloc"}, {"jemalloc", "libjemalloc"}}) {
      List<String> found = paths(mapsLines, a[1]);
      if (!found.isEmpty()) return a[0] + " (" + found.get(0) + ")";
    }
    return GLIBC_MALLOC;
  }

  /**
   * {@link #allocator(List)} of this JVM.
   *
   * @return the allocator, or {@link #unreadable} when the maps file cannot be read
   */
  static String allocator() {
    try {
      return allocator(self());
    } catch (IOException e) {
      return unreadable(e);
    }
  }

  /**
   * The lines of this JVM's maps file.
   *
   * @return the lines
   * @throws IOException when it cannot be read
   */
  static List<String> self() throws IOException {
    return Files.readAllLines(SELF);
  }

  /** What a peer's configuration says when {@link #self()} failed: "unknown (/proc/self/maps: reason)". */
  static String unreadable(IOException e) {
    return UNKNOWN + " (" + SELF + ": " + e.getMessage() + ")";
  }
}
