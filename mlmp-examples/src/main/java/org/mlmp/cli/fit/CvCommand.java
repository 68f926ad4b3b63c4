package org.mlmp.cli.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlmp.Mlmp;
import org.mlmp.api.Dataset;
import org.mlmp.api.Trainer;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import org.mlmp.data.CsvTable;
import org.mlmp.io.ConfigJson;
import org.mlmp.io.ModelFile;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Kernel;
import org.mlmp.kernel.Laplacian;
import org.mlmp.kernel.Linear;
import org.mlmp.kernel.Polynomial;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.linear.Lasso;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.Ridge;
import org.mlmp.selection.ConfigurationScore;
import org.mlmp.selection.Grid;
import org.mlmp.selection.GridSearch;
import org.mlmp.selection.GridSearchResult;
import org.mlmp.selection.Scoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp cv}: k-fold cross-validation of a grid of one model's hyper-parameters ({@link GridSearch}) on a CSV
 * file, printing one JSON object: per configuration its gridded values, the mean and population standard deviation
 * of the fold scores and the fold scores; and the best configuration (best mean; the first on ties).
 *
 * <p>The grid names components of the model's configuration as its JSON does ({@code lambda}, {@code c},
 * {@code kernel.sigma}); each {@code --grid} gives one axis, the first varying slowest. A component without a
 * default (ridge's λ, the SVM's C, the Gaussian kernel's σ, ...) must be gridded: there is no {@code --lambda} here.
 * {@code --save} refits the best configuration on all rows and writes it, as {@code mlmp fit --save} does.
 */
@Command(name = "cv", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"k-fold cross-validation of a grid of a model's hyper-parameters on a CSV file; prints one JSON"
        + " object (per configuration the mean, std and fold scores, and the best).",
        "Example: mlmp cv --model krr --kernel gaussian --grid lambda=1e-3,0.1 --grid kernel.sigma=0.3,1 --data"
            + " train.csv --target y --folds 5"})
public final class CvCommand implements Callable<Integer>, Subcommand {
  /** The models and the components each must have gridded (they have no default). */
  private static final Map<String, String> MODELS = new LinkedHashMap<>();

  static {
    MODELS.put("ridge", "ridge regression (grid lambda; also fitIntercept, standardize)");
    MODELS.put("lasso", "LASSO (grid lambda; also fitIntercept, standardize, ...)");
    MODELS.put("logistic", "logistic regression (grid lambda; also fitIntercept, standardize, ...)");
    MODELS.put("krr", "kernel ridge regression (grid lambda and the kernel's components, e.g. kernel.sigma)");
    MODELS.put("svm", "soft-margin SVM (grid c and the kernel's components, e.g. kernel.sigma; also tolerance)");
  }

  private final GridSearchRunner runner;

  /** {@code mlmp cv}: the search runs in this process. */
  public CvCommand() {
    this(GridSearchRunner.LOCAL);
  }

  /**
   * {@code mlmp cv} with the search run by {@code runner} (e.g. on Spark).
   *
   * @param runner where the search's tasks run
   */
  public CvCommand(GridSearchRunner runner) {
    this.runner = runner;
  }

  @Option(names = "--model", required = true, paramLabel = "NAME",
      description = "The model: ridge, lasso, logistic, krr or svm (the names of mlmp fit).")
  String model;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "gaussian",
      description = "krr, svm: linear, polynomial, gaussian or laplacian (default: ${DEFAULT-VALUE}); grid its"
          + " components as kernel.sigma (gaussian, laplacian), kernel.degree and kernel.coef0 (polynomial).")
  String kernel;

  @Option(names = "--grid", paramLabel = "NAME=V1,V2,...", required = true,
      description = "One axis of the grid: a component of the model's configuration and its values, e.g."
          + " lambda=0.01,0.1,1 or kernel.sigma=0.5,1; repeat for more axes (the first varies slowest).")
  List<String> grid = new ArrayList<>();

  @Option(names = "--data", paramLabel = "FILE", required = true, description = "The data (a CSV with a header).")
  Path data;

  @Option(names = "--target", paramLabel = "COLUMN", required = true, description = "Target column.")
  String target;

  @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Cross-validation folds, 2 to the"
      + " number of rows (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed: the folds' shuffle and"
      + " the base of each fit's seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scoring", paramLabel = "NAME", description = "mse, rmse, mae, r2 (regressors) or accuracy"
      + " (classifiers) (default: rmse for regressors, accuracy for classifiers).")
  String scoring;

  @Option(names = "--save", paramLabel = "FILE", description = "Refit the best configuration on all rows and write it"
      + " (read it with mlmp predict).")
  Path save;

  @Mixin CsvOptionsMixin csv;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Trainer<?> base = base();
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("--grid NAME=V1,V2,... is required, e.g. --grid lambda=0.01,0.1,1.");
    }
    Map<String, List<String>> axes = axes(grid);
    for (String r : required()) {
      if (!axes.containsKey(r)) {
        throw new IllegalArgumentException("--grid must name " + r + " for --model " + model + (base instanceof KernelRidge
            || base instanceof Svm ? " --kernel " + kernel : "") + " (it has no default), e.g. --grid " + r
            + "=" + (r.equals("kernel.degree") ? "2,3" : "0.1,1,10") + ".");
      }
    }
    if (folds < 2) {
      throw new IllegalArgumentException("--folds must be >= 2 (each row is held out by one of K >= 2 folds). Got "
          + folds + " instead; 5 or 10 are usual.");
    }
    Scoring s = scoring == null ? null : Scoring.parse(scoring);
    List<Trainer<?>> configurations;
    try {
      configurations = new ArrayList<>(Grid.expand(base, axes));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--grid: " + e.getMessage(), e);
    }
    GridSearch search = GridSearch.of(configurations, folds, seed).withScoring(s);
    Mlmp.init();
    Dataset train = CsvTable.readWithTarget(data, csv.options(), target).toDataset(target);
    if (folds > train.nSamples()) {
      throw new IllegalArgumentException("--folds " + folds + " is more than the " + train.nSamples() + " rows of "
          + data + "; use --folds <= " + train.nSamples() + ".");
    }
    GridSearchResult result = runner.run(search, train);
    ObjectNode json = Cli.object();
    json.put("model", model);
    json.put("folds", folds);
    json.put("seed", seed);
    json.put("scoring", result.scoring().label());
    ArrayNode list = json.putArray("configurations");
    for (ConfigurationScore c : result.scores()) list.add(entry(c, axes.keySet()));
    json.set("best", entry(result.best(), axes.keySet()));
    if (save != null) ModelFile.save(search.refit(result, train), save, train.featureNames());
    Cli.printJson(spec.commandLine().getOut(), json);
    return 0;
  }

  /** The --grid options as the grid's axes ({@link Grid#parse}), each checked; messages prefixed with --grid. */
  static Map<String, List<String>> axes(List<String> grid) {
    try {
      return Grid.parse(String.join(";", grid));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--grid: " + e.getMessage(), e);
    }
  }

  /** The components of the model's configuration that have no default: the grid must give their values. */
  private List<String> required() {
    String m = model.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>(List.of(m.equals("svm") ? "c" : "lambda"));
    if (m.equals("krr") || m.equals("svm")) {
      switch (kernel.toLowerCase(Locale.ROOT)) {
        case "gaussian", "laplacian" -> out.add("kernel.sigma");
        case "polynomial" -> out.add("kernel.degree");
        default -> { }
      }
    }
    return out;
  }

  /** The model's configuration whose components the grid varies; placeholders where the grid must give values. */
  private Trainer<?> base() {
    String m = model.toLowerCase(Locale.ROOT);
    boolean kernelModel = m.equals("krr") || m.equals("svm");
    if (!kernelModel && spec.commandLine().getParseResult().hasMatchedOption("--kernel")) {
      throw new IllegalArgumentException("--kernel does not apply to --model " + model + " (only to krr and svm).");
    }
    return switch (m) {
      case "ridge" -> Ridge.of(1);
      case "lasso" -> Lasso.of(1);
      case "logistic" -> LogisticRegression.of(1);
      case "krr" -> KernelRidge.of(kernel(), 1);
      case "svm" -> Svm.of(kernel(), 1);
      default -> throw new IllegalArgumentException("--model must be one of " + MODELS.keySet() + " for mlmp cv. Got '"
          + model + "' instead.");
    };
  }

  private Kernel kernel() {
    return switch (kernel.toLowerCase(Locale.ROOT)) {
      case "linear" -> Linear.of();
      case "polynomial" -> Polynomial.of(2, 1);
      case "gaussian" -> Gaussian.of(1);
      case "laplacian" -> Laplacian.of(1);
      default -> throw new IllegalArgumentException("--kernel must be linear, polynomial, gaussian or laplacian. Got '"
          + kernel + "' instead.");
    };
  }

  /** A configuration's entry: its index, gridded values, mean, std and fold scores. */
  private static ObjectNode entry(ConfigurationScore c, java.util.Set<String> names) {
    ObjectNode e = Cli.object();
    e.put("index", c.index());
    ObjectNode values = e.putObject("parameters");
    JsonNode config = ConfigJson.writeComplete((Record) c.configuration());
    for (String name : names) {
      JsonNode v = config;
      for (String part : name.split("\\.")) v = v.path(part);
      values.set(name, v);
    }
    e.put("mean", c.mean());
    e.put("std", c.std());
    ArrayNode f = e.putArray("foldScores");
    for (double x : c.foldScores()) f.add(x);
    return e;
  }
}
