package org.mlmp.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a whole file or nothing: the content goes to a temporary file beside the target, is forced to disk,
 * and the temporary file is renamed over the target in one atomic step. A failure at any point leaves the
 * target as it was (absent or with its old content) and removes the temporary file.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes the content to a stream (which {@link AtomicFile} closes). */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes {@code bytes} to {@code file}; see {@link #write(Path, Content)}. */
  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  /**
   * Writes what {@code content} writes to {@code file}, creating its folder if needed and replacing an
   * existing file.
   *
   * @throws IOException if {@code file} is a directory (the message names it and the fix), cannot be written,
   *     or {@code content} fails
   */
  public static void write(Path file, Content content) throws IOException {
    Path target = file.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new IOException(target + " is a directory, not a file; give the path of the file to write (e.g. "
          + target.resolve("name") + ").");
    }
    Path dir = target.getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.writeTo(out);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
