package org.mlmp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a whole file or nothing: the bytes go to a temporary file beside the target, are forced to disk,
 * and the temporary file is renamed over the target in one atomic step. A failure at any point leaves the
 * target as it was (absent or with its old content) and removes the temporary file.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /**
   * Writes {@code bytes} to {@code file}, creating its folder if needed and replacing an existing file.
   *
   * @throws IOException if {@code file} is a directory (the message names it and the fix) or cannot be written
   */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path target = file.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new IOException(target + " is a directory, not a file; give the path of the file to write (e.g. "
          + target.resolve("name") + ").");
    }
    Path dir = target.getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) ch.write(b);
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
