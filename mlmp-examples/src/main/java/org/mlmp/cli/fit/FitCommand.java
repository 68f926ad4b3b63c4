package org.mlmp.cli.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.mlmp.Mlmp;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import org.mlmp.data.CsvTable;
import org.mlmp.api.Dataset;
import org.mlmp.data.LabeledImages;
import org.mlmp.io.ModelFile;
import org.mlmp.api.Model;
import org.mlmp.api.Trainer;
import org.mlmp.data.Standardization;
import org.mlmp.pipeline.Pipeline;
import org.mlmp.pipeline.PipelineModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp fit}: fits any model of the library to a CSV file and prints one JSON object.
 *
 * <p>The CSV has a header; every column but {@code --target} is a feature. It is comma-separated UTF-8
 * unless {@code --delimiter} / {@code --encoding} say otherwise ({@code --comment} skips comment lines;
 * the same options read the {@code --predict} file). A
 * hyper-parameter without a stated default is required, and an option that does not apply to the
 * chosen model is an error, not silently ignored. The {@code --predict} file's features are matched
 * by name (a target column there is ignored).
 *
 * <p>{@code --standardize} applies to every model: the linear models and the MLPs scale inside the model (as
 * before: coefficients are reported for the raw columns); every other model is fitted as a
 * {@link Pipeline} (standardisation, then the model: its JSON describes the model on the standardised columns and
 * adds {@code "standardization"}, the mean and scale), and {@code --save} writes that pipeline, which
 * {@code mlmp predict} applies as one model.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit a model to a CSV file (header; every column but --target is a feature) and print one JSON object.",
        "Models: see --model."})
public final class FitCommand implements Callable<Integer>, Subcommand {
  private final NetworkTraining training;
  private final KernelRidgeTraining kernelRidge;

  /** {@code mlmp fit}: networks train on this machine. */
  public FitCommand() {
    this(NetworkTraining.LOCAL);
  }

  /**
   * {@code mlmp fit} with the networks trained by {@code training} (e.g. on Spark); only the network models
   * ({@link NetworkFitPlugin}) are accepted then, the others train on one machine only.
   *
   * @param training where the networks' optimiser steps run
   */
  public FitCommand(NetworkTraining training) {
    this(training, KernelRidgeTraining.LOCAL);
  }

  /**
   * {@code mlmp fit} with kernel ridge regression fitted by {@code kernelRidge} (e.g. on Spark); only
   * {@code --model krr} is accepted then.
   *
   * @param kernelRidge where {@code --model krr} is fitted
   */
  public FitCommand(KernelRidgeTraining kernelRidge) {
    this(NetworkTraining.LOCAL, kernelRidge);
  }

  private FitCommand(NetworkTraining training, KernelRidgeTraining kernelRidge) {
    this.training = training;
    this.kernelRidge = kernelRidge;
  }

  @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model: ${COMPLETION-CANDIDATES}.",
      completionCandidates = ModelNames.class)
  String model;

  @Option(names = "--data", paramLabel = "FILE", description = "Training data (a CSV; or --images for networks).")
  Path data;

  @Option(names = "--images", paramLabel = "DIR|IDX", description = "Train on images instead of a CSV (cnn, mlp-classifier):"
      + " a folder with one sub-folder of PNG/JPEG/BMP images per class, or an IDX images file (its labels file"
      + " named with 'labels' for 'images' and 'idx1' for 'idx3' beside it).")
  Path images;

  @Option(names = "--image-size", paramLabel = "HxW", description = "Resize every image bilinearly to HxW (with --images;"
      + " without it every image must have the first one's size).")
  String imageSize;

  @Option(names = "--target", paramLabel = "COLUMN", description = "Target column (supervised models).")
  String target;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--predict", paramLabel = "FILE", description = "Also predict these rows (features matched by name).")
  Path predict;

  @Option(names = "--save", paramLabel = "FILE", description = "Write the fitted model to FILE (read it with mlmp predict).")
  Path save;

  @Option(names = "--lambda", paramLabel = "λ", description = "Regularisation strength (course convention).")
  Double lambda;

  @Option(names = "--l1-fraction", paramLabel = "a", description = "Elastic net's L1 mixing weight a in [0, 1].")
  Double l1Fraction;

  @Option(names = "--learning-rate", paramLabel = "α", description = "Gradient-descent step α (gd; required), Adam's step for networks (default 0.001).")
  Double learningRate;

  @Option(names = "--no-intercept", description = "Fit without an intercept w0.")
  boolean noIntercept;

  @Option(names = "--standardize", description = "Standardise features (training mean, 1/N std). Linear models and MLPs"
      + " scale inside the model (coefficients are reported for the raw columns); any other model is fitted and saved as a"
      + " pipeline: standardisation, then the model.")
  boolean standardize;

  @Option(names = "--kernel", paramLabel = "K", description = "linear, polynomial, gaussian or laplacian.")
  String kernel;

  @Option(names = "--sigma", paramLabel = "σ", description = "Width of the Gaussian / Laplacian kernel.")
  Double sigma;

  @Option(names = "--degree", paramLabel = "d", description = "Degree of the polynomial kernel.")
  Integer degree;

  @Option(names = "--coef0", paramLabel = "c", description = "Constant c of the polynomial kernel (x·x' + c)^d.")
  Double coef0;

  @Option(names = "--C", paramLabel = "C", description = "SVM soft-margin penalty C.")
  Double c;

  @Option(names = "--tolerance", paramLabel = "ε", description = "Stopping tolerance of the solver (svm: LIBSVM's -e,"
      + " scikit-learn SVC's tol: SMO stops when the maximal violating pair's gap m(α) − M(α) < ε; default 0.001).")
  Double tolerance;

  @Option(names = "--clusters", paramLabel = "k", description = "Number of clusters (k-means).")
  Integer clusters;

  @Option(names = "--components", paramLabel = "k", description = "Number of mixture components (gmm) or principal components (pca).")
  Integer components;

  @Option(names = "--covariance", paramLabel = "TYPE", description = "GMM covariance: full or diag.")
  String covariance;

  @Option(names = "--layers", paramLabel = "W1,W2,...", description = "Hidden layer widths of an MLP (default: 100).")
  String layers;

  @Option(names = "--activation", paramLabel = "F", description = "Hidden activation of an MLP: relu (default), tanh, sigmoid or identity.")
  String activation;

  @Option(names = "--epochs", paramLabel = "N", description = "Maximum passes over the training rows (networks).")
  Integer epochs;

  @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (networks; default 32).")
  Integer batch;

  @Option(names = "--validation", paramLabel = "FRACTION", description = "Hold out this fraction of the rows for early stopping (networks).")
  Double validation;

  @Option(names = "--input", paramLabel = "C,H,W", description = "Image shape of each row (cnn): channels, height, width.")
  String input;

  @Option(names = "--network", paramLabel = "NAME|FILE", description = "A JSON network spec file (the 'network' object a saved network's model.json holds) replacing the default architecture of mlp-regressor, mlp-classifier or cnn.")
  Path network;
  @Mixin CsvOptionsMixin csv;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Options every model accepts. */
  private static final Set<String> COMMON = union(Set.of("--model", "--data", "--target", "--seed", "--predict", "--save",
      "--standardize"), CsvOptionsMixin.NAMES);

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return Set.copyOf(u);
  }

  @Override
  public Integer call() throws Exception {
    Map<String, FitPlugin> plugins = plugins();
    FitPlugin plugin = plugins.get(model);
    if (plugin == null) {
      throw new IllegalArgumentException("--model must be one of " + plugins.keySet() + ". Got '" + model + "' instead.");
    }
    if (training != NetworkTraining.LOCAL && !(plugin instanceof NetworkFitPlugin)) {
      throw new IllegalArgumentException("--model " + model + " trains on one machine only; here only the networks "
          + new java.util.TreeSet<>(new NetworkFitPlugin().models().keySet()) + " train. Use mlmp fit --model " + model
          + ".");
    }
    if (kernelRidge != KernelRidgeTraining.LOCAL && !model.equals("krr")) {
      throw new IllegalArgumentException("--model " + model + " is not fitted here; only kernel ridge regression (krr)"
          + " is. Use mlmp fit --model " + model + ".");
    }
    FitPlugin.ModelInfo info = plugin.models().get(model);
    Set<String> given = new LinkedHashSet<>();
    for (var opt : spec.commandLine().getParseResult().matchedOptions()) {
      if (!opt.inherited()) given.add(opt.longestName()); // the global options (--threads, --backend, --quiet) are no model options
    }
    Set<String> extra = new HashSet<>(given);
    extra.removeAll(COMMON);
    extra.removeAll(info.options());
    if (!extra.isEmpty()) {
      throw new IllegalArgumentException(String.join(", ", new TreeMap<String, String>(
          Map.ofEntries(extra.stream().map(e -> Map.entry(e, e)).toArray(Map.Entry[]::new))).keySet())
          + (extra.size() == 1 ? " does" : " do") + " not apply to --model " + model + " (it takes "
          + (info.options().isEmpty() ? "no model options" : String.join(", ", new java.util.TreeSet<>(info.options()))) + ").");
    }
    if ((data == null) == (images == null)) {
      throw new IllegalArgumentException(data == null
          ? "--data FILE (a CSV) is required" + (info.options().contains("--images") ? ", or --images DIR|IDX" : "")
          + " for --model " + model + "."
          : "--data and --images exclude each other: give the CSV or the images.");
    }
    if (images != null && target != null) {
      throw new IllegalArgumentException("--target does not apply with --images: the class of an image is its folder"
          + " name (or its IDX label).");
    }
    if (images != null && predict != null) {
      throw new IllegalArgumentException("--predict takes a CSV and does not apply with --images; predict new images"
          + " with mlmp predict --model-file FILE --images DIR|IDX.");
    }
    boolean pipeline = standardize && !info.options().contains("--standardize"); // the model does not scale itself
    if (pipeline && images != null) {
      throw new IllegalArgumentException("--standardize does not apply with --images for --model " + model
          + ": images are scaled as the network's preprocessing says. Drop --standardize.");
    }
    if (imageSize != null && images == null) {
      throw new IllegalArgumentException("--image-size applies only with --images.");
    }
    if (info.supervised() && target == null && images == null) {
      throw new IllegalArgumentException("--target is required for --model " + model + " (the name of the column to predict).");
    }
    if (!info.supervised() && target != null) {
      throw new IllegalArgumentException("--target does not apply to --model " + model + ", which is unsupervised.");
    }
    Mlmp.init();
    LabeledImages imageSet = images == null ? null : ImageInputs.readTraining(images, imageSize);
    Dataset train;
    if (imageSet != null) {
      train = imageSet.data();
    } else {
      // a supervised model's target may be a column of class names (text labels)
      CsvTable table = info.supervised() ? CsvTable.readWithTarget(data, csv.options(), target)
          : CsvTable.read(data, csv.options());
      train = info.supervised() ? table.toDataset(target) : table.toUnlabeled();
    }
    Set<String> modelOptions = new HashSet<>(given);
    modelOptions.removeAll(COMMON);
    FitRequest req = new FitRequest(model, lambda, l1Fraction, learningRate, noIntercept, standardize, seed, kernel,
        sigma, degree, coef0, c, tolerance, clusters, components, covariance, layers, activation, epochs, batch, validation, input,
        network, imageSet, modelOptions);
    PluginTrainer viaPlugin = new PluginTrainer(plugin, req, training, kernelRidge);
    PipelineModel standardized = pipeline ? standardizedFit(viaPlugin, train) : null;
    FitPlugin.Fitted fitted = pipeline ? viaPlugin.fitted : viaPlugin.fitPlugin(train);
    ObjectNode json = Cli.object();
    json.put("model", model);
    json.setAll(fitted.json());
    if (standardized != null) {
      Standardization s = (Standardization) standardized.steps().get(0);
      ObjectNode st = json.putObject("standardization");
      st.set("mean", Predictions.doubles(s.mean()));
      st.set("scale", Predictions.doubles(s.scale()));
    }
    if (predict != null) {
      Dataset rows = CsvTable.readFeatures(predict, csv.options(), train.featureNames()).select(train.featureNames());
      plugin.predict(fitted, standardized == null ? rows : rows.withX(standardized.preprocess(rows.x())), json);
    }
    if (save != null) {
      ModelFile.save(standardized == null ? fitted.model() : standardized, save, train.featureNames());
    }
    Cli.printJson(spec.commandLine().getOut(), json);
    return 0;
  }

  /**
   * {@code Pipeline.standardized(model)} fitted, the model by its plugin. An error of the model's fit is reported as
   * without --standardize (the model's own message): the CLI's options, not the pipeline, are what to change.
   */
  private static PipelineModel standardizedFit(PluginTrainer viaPlugin, Dataset train) throws Exception {
    try {
      return Pipeline.standardized(viaPlugin).fit(train);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof IllegalArgumentException own) throw own;
      throw e;
    } catch (PluginTrainer.PluginFailure f) {
      throw f.cause;
    }
  }

  /** A plugin's fit as the model trainer of a pipeline; keeps the plugin's result (model and JSON). */
  private static final class PluginTrainer implements Trainer<Model> {
    private final FitPlugin plugin;
    private final FitRequest request;
    private final NetworkTraining training;
    private final KernelRidgeTraining kernelRidge;
    FitPlugin.Fitted fitted;

    PluginTrainer(FitPlugin plugin, FitRequest request, NetworkTraining training, KernelRidgeTraining kernelRidge) {
      this.plugin = plugin;
      this.request = request;
      this.training = training;
      this.kernelRidge = kernelRidge;
    }

    /** The plugin's fit (a network's where {@code training} says, kernel ridge regression's where {@code kernelRidge} does). */
    FitPlugin.Fitted fitPlugin(Dataset data) throws Exception {
      if (plugin instanceof NetworkFitPlugin n) return n.fit(request, data, training);
      if (plugin instanceof KernelFitPlugin k) return k.fit(request, data, kernelRidge);
      return plugin.fit(request, data);
    }

    @Override
    public Model fit(Dataset data) {
      try {
        fitted = fitPlugin(data);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new PluginFailure(e);
      }
      return fitted.model();
    }

    @Override
    public String toString() {
      return "--model " + request.model();
    }

    /** A checked exception of the plugin, carried through the pipeline's fit. */
    static final class PluginFailure extends RuntimeException {
      final Exception cause;

      PluginFailure(Exception cause) {
        super(cause);
        this.cause = cause;
      }
    }
  }

  /** --model name → plugin, from the registered plugins. */
  static Map<String, FitPlugin> plugins() {
    Map<String, FitPlugin> m = new TreeMap<>();
    for (FitPlugin p : ServiceLoader.load(FitPlugin.class, FitCommand.class.getClassLoader())) {
      for (String name : p.models().keySet()) m.put(name, p);
    }
    return m;
  }

  /** For --help: the registered model names. */
  static final class ModelNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.copyOf(plugins().keySet()).iterator();
    }
  }
}
