package org.mlmp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is written whole or not at all; a directory as target is refused by name. */
class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void failingContentLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = Files.writeString(dir.resolve("a.bin"), "old");
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
      out.write(new byte[] {1, 2, 3});
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void createsTheFolderAndReplacesTheFile() throws IOException {
    Path file = dir.resolve("new/folder/b.bin");
    AtomicFile.write(file, new byte[] {7});
    AtomicFile.write(file, new byte[] {8, 9});
    assertEquals(List.of((byte) 8, (byte) 9), List.of(Files.readAllBytes(file)[0], Files.readAllBytes(file)[1]));
    assertEquals(2, Files.size(file));
  }

  @Test
  void aDirectoryIsRefused() {
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(dir, new byte[0]));
    assertEquals(dir.toAbsolutePath() + " is a directory, not a file; give the path of the file to write (e.g. "
        + dir.toAbsolutePath().resolve("name") + ").", e.getMessage());
  }
}
