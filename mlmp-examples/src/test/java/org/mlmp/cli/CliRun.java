package org.mlmp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code mlmp} in-process and captures its streams, for tests. */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
