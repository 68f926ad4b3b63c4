package org.mlmp.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.LoggerFactory;

/** Shared command-line plumbing: quiet mode, progress bars on standard error, JSON on standard output. */
public final class Cli {
  private Cli() {}

  private static volatile boolean quiet;

  /**
   * The folder, relative to the working directory, under which every command writes its files by default: {@code
   * mlmp-out/<command>} (git-ignored). A command's {@code --out DIR} overrides its folder.
   */
  public static final String OUT = "mlmp-out";
  public static final ObjectMapper JSON = new ObjectMapper();

  static void setQuiet(boolean q) {
    quiet = q;
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(q ? Level.WARN : Level.INFO);
  }

  public static boolean quiet() {
    return quiet;
  }

  /**
   * A progress bar on standard error (hidden with --quiet). Close it when done (try-with-resources).
   *
   * @param task what is running, e.g. "epoch 3/10"
   * @param total number of steps; -1 if unknown
   * @param unit what a step is, e.g. " img"
   */
  public static ProgressBar progress(String task, long total, String unit) {
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setUnit(unit, 1).setUpdateIntervalMillis(250).showSpeed()
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err));
    if (quiet) b.setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(s -> { }));
    return b.build();
  }

  /** A fresh JSON object for a command's result. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Prints one JSON object on a line (doubles are written so that they round-trip exactly). */
  public static void printJson(java.io.PrintWriter out, ObjectNode node) {
    try {
      out.println(JSON.writeValueAsString(node));
      out.flush();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The exception's message on one line, with its type when the message is empty. */
  static String oneLine(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
    return m.replace('\n', ' ').trim();
  }
}
