package org.mlmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One meaning per option name across the command line (docs/cli.md): walks the picocli model of every subcommand
 * and checks each declared option against the vocabulary below. A new command that reuses a name must use it with
 * the registered parameter label and meaning; a name two commands share must be registered here (and in docs/cli.md).
 */
class OptionVocabularyTest {
  /** An option's parameter label and meaning. */
  record Term(String paramLabel, String meaning) {}

  private static final Map<String, Term> VOCABULARY = new LinkedHashMap<>();

  private static void term(String name, String paramLabel, String meaning) {
    VOCABULARY.put(name, new Term(paramLabel, meaning));
  }

  static {
    term("--model", "NAME", "a model name from fit's registry");
    term("--network", "NAME|FILE", "a network architecture: a built-in name or a JSON network file");
    term("--model-file", "FILE", "a saved model file to read");
    term("--save", "FILE", "where to write the fitted model file");
    term("--data", "FILE", "a CSV data file to train on or to predict");
    term("--target", "COLUMN", "the CSV column to predict");
    term("--kernel", "K", "the kernel: linear, polynomial, gaussian or laplacian");
    term("--predict", "FILE", "a second CSV whose rows fit also predicts");
    term("--delimiter", "C", "the CSV field separator");
    term("--encoding", "NAME", "the CSV character set");
    term("--comment", "C", "skip CSV lines starting with this character");
    term("--images", "DIR|IDX", "an image data set (a folder of class folders, or IDX)");
    term("--data-dir", "DIR", "where the downloadable data sets live");
    term("--out", "DIR", "the output folder; default mlmp-out/<command>");
    term("--onnx", "FILE", "the ONNX file to write");
    term("--checkpoint", "FILE", "a resumable training checkpoint");
    term("--seed", "N", "the random seed");
    term("--epochs", "N", "the (maximum) number of training epochs");
    term("--batch", "N", "the mini-batch size");
    term("--learning-rate", "α", "the optimiser's learning rate (the course's α)");
    term("--lambda", "λ", "the regularisation strength λ");
    term("--sigma", "σ", "the Gaussian kernel width σ");
    term("--samples", "N", "the number of samples drawn");
    term("--train", "N", "the number of training samples");
    term("--test", "N", "the number of test samples");
    term("--folds", "K", "the number of cross-validation folds");
    term("--noise", "SD", "the standard deviation of the noise added to generated data");
    term("--kT", "kT", "the sampling temperature kT");
    term("--atoms", "N", "the number of atoms of a cluster");
    term("--tolerance", "ε", "the solver's stopping tolerance ε (svm: LIBSVM's -e; spark krr: CG's relative residual)");
    term("--master", "URL", "the Spark master");
    term("--partitions", "P", "the partitions the training rows are split into");
  }

  /** The global options: declared once, on mlmp itself, and accepted before or after any subcommand. */
  private static final Map<String, String> GLOBAL = Map.of("--threads", "N", "--backend", "cpu|cuda|auto", "--quiet",
      "<quiet>");

  /** Every subcommand (nested ones included) by qualified name, e.g. "mlmp data fetch". */
  static Map<String, CommandLine> commands() {
    Map<String, CommandLine> all = new TreeMap<>();
    List<CommandLine> todo = new ArrayList<>(Main.commandLine().getSubcommands().values());
    while (!todo.isEmpty()) {
      CommandLine c = todo.remove(0);
      all.put(c.getCommandSpec().qualifiedName(), c);
      todo.addAll(c.getSubcommands().values());
    }
    return all;
  }

  /** The options a command declares itself (not help, not the inherited globals). */
  static List<OptionSpec> declared(CommandLine c) {
    return c.getCommandSpec().options().stream().filter(o -> !o.usageHelp() && !o.versionHelp() && !o.inherited())
        .toList();
  }

  @Test
  void everyOptionNameHasOneMeaning() {
    Map<String, Set<String>> users = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    commands().forEach((name, c) -> {
      for (OptionSpec o : declared(c)) {
        String n = o.longestName();
        users.computeIfAbsent(n, k -> new TreeSet<>()).add(name);
        if (GLOBAL.containsKey(n)) problems.add(name + " declares the global option " + n + " itself");
        Term t = VOCABULARY.get(n);
        if (t != null && !t.paramLabel().equals(o.paramLabel())) {
          problems.add(name + " declares " + n + " " + o.paramLabel() + ", but " + n + " means " + t.meaning()
              + " (" + n + " " + t.paramLabel() + ")");
        }
      }
    });
    users.forEach((n, cmds) -> {
      if (cmds.size() > 1 && !VOCABULARY.containsKey(n) && !sameClass(cmds)) {
        problems.add(n + " is used by " + cmds + " but has no entry in the vocabulary (OptionVocabularyTest, docs/cli.md)");
      }
    });
    assertEquals(List.of(), problems);
  }

  /** Commands registered from one class (mnist and fashion-mnist) share their declarations. */
  private static boolean sameClass(Set<String> cmds) {
    Map<String, CommandLine> all = commands();
    return cmds.stream().map(c -> all.get(c).getCommand().getClass()).distinct().count() == 1;
  }

  @Test
  void globalOptionsAreAcceptedAfterEverySubcommand() {
    CommandLine root = Main.commandLine();
    for (Map.Entry<String, String> g : GLOBAL.entrySet()) {
      OptionSpec o = root.getCommandSpec().findOption(g.getKey());
      assertEquals(g.getValue(), o.paramLabel(), g.getKey());
      assertEquals(CommandLine.ScopeType.INHERIT, o.scopeType(), g.getKey());
    }
    commands().forEach((name, c) -> {
      for (String g : GLOBAL.keySet()) assertTrue(c.getCommandSpec().findOption(g) != null, name + " lacks " + g);
    });
    CliRun bad = CliRun.of("conv-demo", "--backend", "tpu");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--backend must be cpu, cuda or auto. Got 'tpu' instead."), bad.err());
    CliRun threads = CliRun.of("conv-demo", "--threads", "0");
    assertEquals(2, threads.exitCode());
    assertTrue(threads.err().contains("--threads must be >= 1. Got 0 instead."), threads.err());
  }

  /** fit rejects options that do not apply to its model, but the global options after it are not model options. */
  @Test
  void globalOptionsAfterFitAreAccepted(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,y\n1,2\n3,4\n");
    CliRun r = CliRun.of("fit", "--model", "mean", "--data", csv.toString(), "--target", "y", "--backend", "cpu",
        "--threads", "2", "--quiet");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"mean\":3.0"), r.out());
    CliRun bad = CliRun.of("fit", "--model", "mean", "--data", csv.toString(), "--target", "y", "--lambda", "1");
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().contains("--lambda does not apply to --model mean"), bad.err());
  }

  @Test
  void everyOutFolderDefaultsToMlmpOutSlashTheCommand() {
    commands().forEach((name, c) -> {
      OptionSpec out = c.getCommandSpec().findOption("--out");
      if (out == null) return;
      String command = c.getCommandName();
      // mnist and fashion-mnist resolve theirs at run time (Path.of(Cli.OUT, recipe.command())): said in the help
      String expected = Cli.OUT + "/" + command;
      assertTrue(expected.equals(out.defaultValue())
          || out.defaultValue() == null && String.join(" ", out.description()).contains(expected), name + ": "
          + out.defaultValue());
    });
  }

  /** docs/cli.md has a section per command naming each of its options, and the vocabulary table. */
  @Test
  void docsListEveryCommandAndOption() throws Exception {
    Path docs = Path.of(System.getProperty("user.dir")).getParent().resolve("docs").resolve("cli.md");
    String md = Files.readString(docs);
    List<String> missing = new ArrayList<>();
    commands().forEach((name, c) -> {
      String heading = "## `" + name.replaceFirst("^mlmp ", "mlmp ") + "`";
      int at = md.indexOf(heading);
      if (at < 0) {
        missing.add(heading);
        return;
      }
      int next = md.indexOf("\n## ", at + heading.length());
      String section = md.substring(at, next < 0 ? md.length() : next);
      for (OptionSpec o : declared(c)) {
        if (!section.contains("`" + o.longestName())) missing.add(name + " " + o.longestName());
      }
    });
    for (String n : VOCABULARY.keySet()) if (!md.contains("| `" + n)) missing.add("vocabulary row " + n);
    for (String n : GLOBAL.keySet()) if (!md.contains("`" + n)) missing.add("global " + n);
    assertEquals(List.of(), missing, "missing from " + docs);
  }
}
