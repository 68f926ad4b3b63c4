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
    /**
     * Writes the whole content.
     *
     * @param out the stream to the temporary file; do not close it
     * @throws IOException when writing fails (the target is then left as it was)
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code bytes} to {@code file}; see {@link #write(Path, Content)}.
   *
   * @param file the file to write (replaced if present)
   * @param bytes the whole content
   * @throws IOException if {@code file} is a directory or cannot be written
   */
  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  /**
   * Writes what {@code content} writes to {@code file}, creating its folder if needed and replacing an
   * existing file.
   *
   * @param file the file to write (replaced if present)
   * @param content writes the content to the temporary file
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
