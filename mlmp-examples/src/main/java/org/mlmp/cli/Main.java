package org.mlmp.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import org.mlmp.Mlmp;
import org.mlmp.backend.BackendRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mlmp}: the command-line entry point. Subcommands are discovered through
 * {@code META-INF/services/org.mlmp.cli.Subcommand}, so each example registers itself.
 *
 * <p>Standard output carries only a command's result; logs, progress bars and errors go to standard
 * error. Exit codes: 0 success, 1 a failure (one-line message), 2 bad usage.
 */
@Command(name = "mlmp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Machine Learning for Molecular Physics: the course's models on the CPU or a CUDA GPU.",
    subcommandsRepeatable = false)
public final class Main implements Runnable {
  @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
      description = "Only results and errors: no logs, no progress bars.")
  void quiet(boolean q) {
    Cli.setQuiet(q);
  }

  @Option(names = "--threads", paramLabel = "N", scope = CommandLine.ScopeType.INHERIT,
      description = "Threads for mlmp, OpenBLAS and OpenMP/oneDNN (default: MLMP_THREADS, else all cores).")
  void threads(int n) {
    if (n < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--threads must be >= 1. Got " + n + " instead.");
    }
    System.setProperty("mlmp.threads", Integer.toString(n));
  }

  @Option(names = "--backend", paramLabel = "cpu|cuda|auto", scope = CommandLine.ScopeType.INHERIT,
      description = "The backend: cpu, cuda (an error naming the cause when no GPU is usable) or auto (CUDA when the"
          + " -Pcuda build finds a usable GPU, else the CPU) (default: MLMP_BACKEND, else auto).")
  void backend(String b) {
    String v = b.trim().toLowerCase(java.util.Locale.ROOT);
    if (!v.equals("cpu") && !v.equals("cuda") && !v.equals("auto")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--backend must be cpu, cuda or auto. Got '" + b + "' instead.");
    }
    System.setProperty(BackendRequest.PROPERTY, v);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs mlmp with the given streams; returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    for (Subcommand s : ServiceLoader.load(Subcommand.class, Main.class.getClassLoader())) {
      for (CommandLine sub : s.commandLines()) cl.addSubcommand(sub.getCommandName(), sub);
    }
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      Throwable root = ex;
      while (root.getCause() != null && (root.getMessage() == null || root instanceof java.lang.reflect.InvocationTargetException)) {
        root = root.getCause();
      }
      commandLine.getErr().println("mlmp " + commandLine.getCommandName() + ": " + Cli.oneLine(root));
      if (System.getenv("MLMP_DEBUG") != null) root.printStackTrace(commandLine.getErr());
      return 1;
    });
    return cl;
  }

  /** The library version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"mlmp " + Mlmp.version() + " (ND4J/DL4J 1.0.0-M2.1, Java " + System.getProperty("java.version") + ")"};
    }
  }
}
