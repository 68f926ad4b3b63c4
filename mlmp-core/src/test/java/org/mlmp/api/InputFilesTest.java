package org.mlmp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.data.CsvTable;
import org.mlmp.io.ModelFile;

/** A wrong input path gets one message from every reader: what is missing, where it was looked for, the fix. */
class InputFilesTest {
  @TempDir Path dir;

  @Test
  void aMissingAbsolutePathIsNamedWithTheFix() {
    Path missing = dir.resolve("train.csv");
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(missing));
    assertEquals("CSV file " + missing + " does not exist. Check the path, or give an absolute one.", e.getMessage());
  }

  @Test
  void aMissingRelativePathNamesTheWorkingDirectory() {
    Path relative = Path.of("no-such-dir", "model.mlmp");
    IOException e = assertThrows(IOException.class, () -> ModelFile.load(relative));
    assertEquals("Model file " + relative + " does not exist (relative to the working directory "
        + Path.of("").toAbsolutePath() + "). Check the path, or give an absolute one.", e.getMessage());
  }

  @Test
  void aDirectoryIsNotAFile() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("data"));
    IOException e = assertThrows(IOException.class, () -> InputFiles.requireFile("CSV", sub));
    assertEquals("CSV file " + sub + " is a directory. Give the path of a file in it.", e.getMessage());
  }

  @Test
  void aFileIsReturned() throws IOException {
    Path f = Files.writeString(dir.resolve("x.csv"), "a\n1\n");
    assertEquals(f, InputFiles.requireFile("CSV", f));
  }
}
