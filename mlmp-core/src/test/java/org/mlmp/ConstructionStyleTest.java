package org.mlmp;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The construction rule of docs/architecture.md ("Construction style"), checked on every public record of
 * mlmp-core's main classes (the internal {@code org.mlmp.nn.engine} aside):
 * <ol>
 *   <li>a configuration has one public constructor, the canonical (complete) one;</li>
 *   <li>it has {@code public static X of(..)} taking the required components;</li>
 *   <li>every component {@code of} does not take has a {@code withC(..)} copy (C: the component's name);</li>
 *   <li>no main class but the record itself (or its enclosing type) calls the constructor: the library builds its
 *       configurations with {@code of} and {@code withC} like its users (the model files use the canonical
 *       constructor through reflection).</li>
 * </ol>
 * A public record that is not a configuration (a data value, a result, a report) is listed in
 * {@link #NOT_CONFIGURATION} with what it is; a new public record fails {@link #everyPublicRecordIsClassified}
 * until it is either.
 */
class ConstructionStyleTest {
  static final Path MAIN_SOURCES = Path.of("src/main/java");
  static final Path TEST_SOURCES = Path.of("src/test/java");

  /** Public records that are not configurations: what they are and how they are made. */
  static final Map<String, String> NOT_CONFIGURATION = Map.ofEntries(
      entry("org.mlmp.api.Dataset", "data value: Dataset.of(x, y), CsvTable.toDataset(..), the loaders"),
      entry("org.mlmp.api.ModelState", "a model's saved state, made by the models for ModelFile"),
      entry("org.mlmp.backend.BackendDecision", "report of BackendSelector"),
      entry("org.mlmp.backend.BackendReport", "report of Mlmp.init()"),
      entry("org.mlmp.backend.CpuFeatures", "facts about this machine: CpuFeatures.current()"),
      entry("org.mlmp.backend.GpuDevice", "facts about this machine, from a GpuProbe"),
      entry("org.mlmp.backend.GpuStatus", "facts about this machine, from a GpuProbe"),
      entry("org.mlmp.data.CsvTable", "data value read from a file: CsvTable.read(..)"),
      entry("org.mlmp.data.IdxFile", "data value read from a file: IdxFile.read(..)"),
      entry("org.mlmp.data.ImageSet", "data value: ImageSet.of(images, labels, what)"),
      entry("org.mlmp.data.LabeledImages", "data value read from files: LabeledImages.readFolder(..), readIdx(..)"),
      entry("org.mlmp.data.MnistData$TrainAndTest", "data value returned by the MNIST loaders"),
      entry("org.mlmp.data.Partition$Fold", "a result of Partition.kFold"),
      entry("org.mlmp.data.RowBlock", "data value: one block of rows handed to a RowBlocks.BlockFunction"),
      entry("org.mlmp.data.Partition$Split", "a result of Partition.split"),
      entry("org.mlmp.data.Standardization", "fitted transform: Standardization.fit(..)"),
      entry("org.mlmp.density.KlDivergence$Estimate", "a result of KlDivergence"),
      entry("org.mlmp.io.ConfigJson$Polymorphic", "model-file mapping: an entry of a family's vocabulary"),
      entry("org.mlmp.io.ConfigJson$Shaping", "model-file mapping: an entry of a family's vocabulary"),
      entry("org.mlmp.io.NpyHeader", "data value read from a file's bytes: NpyHeader.parse(..)"),
      entry("org.mlmp.kernel.CpuGram$Prepared", "intermediate state of the CPU Gram paths: CpuGram.prepare(..)"),
      entry("org.mlmp.kernelmethods.KernelRidgeSearch$KrrScore", "a result of KernelRidgeSearch"),
      entry("org.mlmp.kernelmethods.KernelRidgeSearch$KrrSearchResult", "a result of KernelRidgeSearch"),
      entry("org.mlmp.kernelmethods.ConjugateGradientKernelRidge$ProductBlock", "a block function of a CG product"),
      entry("org.mlmp.kernelmethods.ConjugateGradientKernelRidge$CgSolution", "a result of ConjugateGradientKernelRidge.solve"),
      entry("org.mlmp.kernelmethods.NystromKernelRidge$FeatureBlock", "a block function: a block's Nyström features"),
      entry("org.mlmp.kernelmethods.NystromKernelRidge$NormalBlock", "a block function: a block's normal equations"),
      entry("org.mlmp.kernelmethods.NystromKernelRidge$NystromNormalEquations", "a result of a NormalBlock, summed over blocks"),
      entry("org.mlmp.kernelmethods.LearningCurve", "a result: LearningCurve.of(trainer, train, test, sizes, seed)"),
      entry("org.mlmp.kernelmethods.LearningCurve$Point", "a result, part of LearningCurve"),
      entry("org.mlmp.kernelmethods.SvmSearch$SvmScore", "a result of SvmSearch"),
      entry("org.mlmp.kernelmethods.SvmSearch$SvmSearchResult", "a result of SvmSearch"),
      entry("org.mlmp.linear.CrossValidation", "a result: CrossValidation.run(..)"),
      entry("org.mlmp.linear.RegularizationPath", "a result: RegularizationPath.fit(..)"),
      entry("org.mlmp.molecular.LearnedPotential$Errors", "a result of LearnedPotential"),
      entry("org.mlmp.molecular.Samples", "data value: Samples.label(..)"),
      entry("org.mlmp.molecular.Sampling$MetropolisRun", "a result of Sampling"),
      entry("org.mlmp.molecular.VelocityVerlet$Trajectory", "a result of VelocityVerlet.run"),
      entry("org.mlmp.nn.BatchStatistics", "a measurement: TrainingSession.batchStatistics(), BatchStatistics.pool(..)"),
      entry("org.mlmp.nn.EpochRecord", "a result: one line of History"),
      entry("org.mlmp.nn.History", "a result of NeuralNet.train"),
      entry("org.mlmp.nn.NeuralNet$TrainingResult", "a result of NeuralNet.train"),
      entry("org.mlmp.rl.Environment$Transition", "a result of Environment.step"),
      entry("org.mlmp.rl.Episode", "a result: Episode.play(..)"),
      entry("org.mlmp.rl.Reinforce$Result", "a result of Reinforce.fit"),
      entry("org.mlmp.rl.ValueIteration$Solution", "a result of ValueIteration"),
      entry("org.mlmp.selection.ConfigurationScore", "a result of GridSearch.summarize: one configuration's scores"),
      entry("org.mlmp.selection.CvTask", "a unit of work of GridSearch: GridSearch.tasks()"),
      entry("org.mlmp.selection.FoldScore", "a result of GridSearch.evaluate"),
      entry("org.mlmp.selection.GridSearchResult", "a result of GridSearch.run / summarize"));

  /** Configurations made by named presets instead of {@code of}, with the reason; they need no withC either. */
  static final Map<String, String> PRESETS_ONLY = Map.of(
      "org.mlmp.nn.Shape", "Shape.image(c, h, w) and Shape.vector(n): the kind decides which parameters exist",
      "org.mlmp.density.Bandwidth$Fixed", "the variants of Bandwidth are made by Bandwidth.sigma(σ)",
      "org.mlmp.density.Bandwidth$Scott", "the variants of Bandwidth are made by Bandwidth.scott()",
      "org.mlmp.density.Bandwidth$Silverman", "the variants of Bandwidth are made by Bandwidth.silverman()");

  /** Configurations whose defaults are a constant instead of {@code of()}, with the reason. */
  static final Map<String, String> DEFAULT_CONSTANT = Map.of(
      "org.mlmp.data.CsvOptions", "every option has a default: CsvOptions.DEFAULT, the name CsvTable's messages give");

  /** Components set by a copy method not named after them: component -> method. */
  static final Map<String, String> SET_BY = Map.of(
      "org.mlmp.nn.NeuralNet.validationFraction", "withValidation",
      "org.mlmp.nn.NeuralNet.patience", "withValidation",
      "org.mlmp.data.CsvOptions.header", "withoutHeader",
      "org.mlmp.data.CsvOptions.names", "withoutHeader");

  static List<Class<?>> publicRecords() {
    List<Class<?>> out = new ArrayList<>();
    for (JavaClass c : ArchitectureTest.MAIN) {
      if (c.getPackageName().startsWith("org.mlmp.nn.engine")) continue; // internal, not public API
      Class<?> type = c.reflect();
      if (type.isRecord() && isPublicApi(type)) out.add(type);
    }
    out.sort((a, b) -> a.getName().compareTo(b.getName()));
    return out;
  }

  static boolean isPublicApi(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) return false;
    }
    return true;
  }

  static List<Class<?>> configurations() {
    return CONFIGURATIONS;
  }

  static final List<Class<?>> CONFIGURATIONS =
      publicRecords().stream().filter(t -> !NOT_CONFIGURATION.containsKey(t.getName())).toList();

  @Test
  void everyPublicRecordIsClassified() {
    List<Class<?>> records = publicRecords();
    // the import sees the whole library: the families' configurations and the listed non-configurations
    assertTrue(records.size() > 80, "ArchUnit imported only " + records.size() + " public records");
    Set<String> names = new TreeSet<>();
    records.forEach(t -> names.add(t.getName()));
    List<String> stale = NOT_CONFIGURATION.keySet().stream().filter(n -> !names.contains(n)).sorted().toList();
    assertEquals(List.of(), stale, "NOT_CONFIGURATION names records that are gone (or no longer public)");
    for (Map<String, String> m : List.of(PRESETS_ONLY, DEFAULT_CONSTANT)) {
      assertEquals(List.of(), m.keySet().stream().filter(n -> !names.contains(n)).sorted().toList(),
          "an exception names a record that is gone");
    }
  }

  @Test
  void everyConfigurationFollowsTheRule() {
    List<String> violations = new ArrayList<>();
    List<Class<?>> configs = configurations();
    assertTrue(configs.size() > 50, "only " + configs.size() + " configurations found");
    for (Class<?> t : configs) violations.addAll(violations(t, MAIN_SOURCES));
    assertEquals(List.of(), violations, "Construction rule (docs/architecture.md): a public record is a"
        + " configuration (follow the rule) or a data value / result (list it in NOT_CONFIGURATION with what it is)");
  }

  @Test
  void onlyTheRecordItselfCallsAConfigurationsConstructor() {
    Set<String> configs = new TreeSet<>();
    configurations().forEach(t -> configs.add(t.getName()));
    List<String> violations = new ArrayList<>();
    int seen = 0;
    for (JavaClass c : ArchitectureTest.MAIN) {
      for (JavaConstructorCall call : c.getConstructorCallsFromSelf()) {
        JavaClass target = call.getTargetOwner();
        if (!configs.contains(target.getName())) continue;
        seen++;
        JavaClass origin = call.getOriginOwner();
        if (sameOrEnclosing(origin, target)) continue;
        violations.add(call.getDescription());
      }
    }
    assertTrue(seen > 100, "only " + seen + " constructor calls of configurations found");
    assertEquals(List.of(), violations, "make configurations with X.of(..) and withC(..), not new X(..)");
  }

  /** The modules built on mlmp-core, whose sources (main and test) use the factories too. */
  static final List<String> USER_MODULES = List.of("mlmp-examples", "mlmp-workloads", "mlmp-benchmarks",
      "mlmp-spark");

  @Test
  void theModulesBuiltOnTheLibraryUseTheFactories() throws IOException {
    // byte code of the other modules is not on this class path: read their sources (strings removed) for
    // `new X(` of a configuration X that the file imports (or sees through `import org.mlmp.nn.Optimizer;`)
    List<String> violations = new ArrayList<>();
    int files = 0;
    for (String module : USER_MODULES) {
      Path root = Path.of("..", module, "src");
      assertTrue(Files.isDirectory(root), "no sources at " + root.toAbsolutePath());
      List<Path> sources;
      try (var walk = Files.walk(root)) {
        sources = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
      }
      for (Path f : sources) {
        files++;
        for (String call : newCalls(Files.readString(f))) {
          violations.add(module + "/" + root.relativize(f) + ": " + call);
        }
      }
    }
    assertTrue(files > 50, "read only " + files + " source files of " + USER_MODULES);
    assertEquals(List.of(), violations, "make configurations with X.of(..) and withC(..), not new X(..)");
  }

  /** The {@code new X(} of a configuration X in one source file that imports X (string literals ignored). */
  static List<String> newCalls(String source) {
    String src = source.replaceAll("\"(?:\\\\.|[^\"\\\\\n])*\"", "\"\"");
    List<String> out = new ArrayList<>();
    for (Class<?> t : configurations()) {
      Class<?> outer = t.getEnclosingClass() == null ? t : t.getEnclosingClass();
      String written = t == outer ? t.getSimpleName() : outer.getSimpleName() + "." + t.getSimpleName();
      boolean imported = src.contains("import " + outer.getName() + ";")
          || src.contains("import " + outer.getPackageName() + ".*;");
      if (imported && Pattern.compile("\\bnew\\s+" + Pattern.quote(written) + "\\s*\\(").matcher(src).find()) {
        out.add("new " + written + "(..)");
      }
    }
    return out;
  }

  static boolean sameOrEnclosing(JavaClass origin, JavaClass target) {
    // the record, anything nested in it (lambdas, helpers), or the type enclosing it (Bandwidth, Optimizer)
    String o = origin.getName();
    String t = target.getName();
    String outerOfTarget = t.contains("$") ? t.substring(0, t.indexOf('$')) : t;
    return o.equals(t) || o.startsWith(t + "$") || o.equals(outerOfTarget) || o.startsWith(outerOfTarget + "$");
  }

  /** The rule's violations by one record type; sources: where its .java file is. */
  static List<String> violations(Class<?> type, Path sources) {
    List<String> out = new ArrayList<>();
    String name = type.getName();
    RecordComponent[] comps = type.getRecordComponents();
    Class<?>[] canonical = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
    for (Constructor<?> k : type.getConstructors()) {
      if (!Arrays.equals(k.getParameterTypes(), canonical)) {
        out.add(name + ": public constructor " + k + " besides the canonical one; make it an of(..) or withC(..)");
      }
    }
    if (PRESETS_ONLY.containsKey(name)) return out;
    Set<String> ofParameters = new TreeSet<>();
    if (!DEFAULT_CONSTANT.containsKey(name)) {
      boolean hasOf = Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals("of")
          && Modifier.isStatic(m.getModifiers()) && m.getReturnType() == type);
      if (!hasOf) {
        out.add(name + ": no public static " + type.getSimpleName() + " of(..) taking the required components");
        return out;
      }
      ofParameters.addAll(ofParameterNames(type, sources));
    }
    for (RecordComponent c : comps) {
      if (ofParameters.contains(c.getName())) continue;
      String with = SET_BY.getOrDefault(name + "." + c.getName(),
          "with" + Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1));
      boolean copies = Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(with)
          && !Modifier.isStatic(m.getModifiers()) && m.getReturnType() == type);
      if (!copies) {
        out.add(name + ": component '" + c.getName() + "' is neither a parameter of of(..) nor set by a public "
            + type.getSimpleName() + " " + with + "(..)");
      }
    }
    return out;
  }

  /** The parameter names of every {@code static X of(..)} of {@code type}, read from its source file. */
  static Set<String> ofParameterNames(Class<?> type, Path sources) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) top = top.getEnclosingClass();
    Path file = sources.resolve(top.getName().replace('.', '/') + ".java");
    String src;
    try {
      src = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the source of " + type.getName() + " at " + file, e);
    }
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("public\\s+static\\s+(?:[\\w.]+\\.)?" + Pattern.quote(type.getSimpleName())
        + "\\s+of\\s*\\(([^)]*)\\)").matcher(src);
    while (m.find()) {
      int depth = 0;
      StringBuilder cur = new StringBuilder();
      for (char ch : (m.group(1) + ",").toCharArray()) {
        if (ch == '<') depth++;
        if (ch == '>') depth--;
        if (ch == ',' && depth == 0) {
          String p = cur.toString().trim();
          if (!p.isEmpty()) names.add(p.substring(p.lastIndexOf(' ') + 1));
          cur.setLength(0);
        } else {
          cur.append(ch);
        }
      }
    }
    return names;
  }

  /** A configuration that breaks the rule twice (fixture for {@link #theCheckFindsViolations}). */
  public record Odd(int size, double rate, boolean flag) {
    /** An extra constructor: the rule's first violation. */
    public Odd(int size) {
      this(size, 0.5, false);
    }

    public static Odd of(int size) {
      return new Odd(size, 0.5, false);
    }

    public Odd withFlag(boolean f) {
      return new Odd(size, rate, f);
    }
  }

  @Test
  void theCheckFindsViolations() {
    // the check is not vacuous: an extra constructor and a component without withC are both reported
    assertEquals(List.of(
        "org.mlmp.ConstructionStyleTest$Odd: public constructor public org.mlmp.ConstructionStyleTest$Odd(int)"
            + " besides the canonical one; make it an of(..) or withC(..)",
        "org.mlmp.ConstructionStyleTest$Odd: component 'rate' is neither a parameter of of(..) nor set by a public"
            + " Odd withRate(..)"), violations(Odd.class, TEST_SOURCES));
    // and the source parse sees of's parameters (size) and the compliant records pass
    assertEquals(Set.of("size"), ofParameterNames(Odd.class, TEST_SOURCES));
    assertEquals(Set.of("kernel", "c"), ofParameterNames(org.mlmp.kernelmethods.Svm.class, MAIN_SOURCES));
    assertEquals(List.of(), violations(org.mlmp.linear.Ridge.class, MAIN_SOURCES));
    // the source scan of the other modules sees a `new` outside strings, of an imported configuration only
    assertEquals(List.of("new Dense(..)", "new Optimizer.Adam(..)"), newCalls("import org.mlmp.nn.Dense;\n"
        + "import org.mlmp.nn.Optimizer;\nclass A { Object d = new Dense(3, null), o = new Optimizer.Adam(1, 0, 0, 1);"
        + " String s = \"new Ridge(1)\"; Object r = new Gaussian(1); }"));
  }
}
