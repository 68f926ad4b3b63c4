package org.mlmp.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one check every reader of mlmp makes before it opens an input file (a CSV, IDX or image file, a model file), so
 * that a wrong path gets one message everywhere: what is missing, where a relative path was looked for, and the fix.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Refuses a path that is not a regular file.
   *
   * @param kind what the file should be, capitalised as the message's first word ("CSV", "IDX", "Image", "Model")
   * @param file the path given
   * @return {@code file}
   * @throws IOException naming the path and the fix when it does not exist or is a directory
   */
  public static Path requireFile(String kind, Path file) throws IOException {
    if (Files.isRegularFile(file)) return file;
    if (Files.isDirectory(file)) {
      throw new IOException(kind + " file " + file + " is a directory. Give the path of a file in it.");
    }
    String where = file.isAbsolute() ? "" : " (relative to the working directory " + Path.of("").toAbsolutePath() + ")";
    throw new IOException(kind + " file " + file + " does not exist" + where + ". Check the path, or give an absolute"
        + " one.");
  }
}
