package org.mlmp.cli.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlmp.Mlmp;
import org.mlmp.api.Model;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import org.mlmp.data.CsvTable;
import org.mlmp.api.Dataset;
import org.mlmp.io.ModelFile;
import org.mlmp.api.ModelState;
import org.mlmp.nn.NeuralNetModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp predict --model-file FILE --data new.csv [--probabilities]}: applies any model file an mlmp
 * command writes ({@code fit --save}, the {@code model.mlmp} of {@code mnist} / {@code fashion-mnist},
 * {@code pong --save}) to the rows of a CSV. The CSV's columns are matched by name to the features the model was
 * fitted on (extra columns, e.g. the target, are ignored); a model saved without feature names (e.g. mnist's,
 * 784 pixel columns) needs exactly its number of columns, taken in file order.
 *
 * <p>{@code --images DIR|IDX} (networks) predicts image files instead: the images directly in DIR (or, if none,
 * in its sub-folders), or every image of an IDX file, preprocessed as the model stored at training time (size,
 * channels, scaling, resize method; a network saved without it, e.g. by mnist, takes images of its input size
 * scaled by 1/255), with {@code "files"} naming the image of each prediction.
 *
 * <p>Prints one JSON object: {@code "model"} (the model file's type), {@code "output"} (what the predictions are)
 * and {@code "predictions"}, one per row, as {@link Predictions} lists per kind: values for regressors, class
 * labels as they came for classifiers (numbers, or the class names of a text target), cluster labels for k-means, cluster labels and
 * {@code "logDensity"} for a Gaussian mixture, the projection for PCA / kernel PCA. {@code --probabilities} adds
 * {@code "probabilities"} for the models that have them ({@link Predictions#WITH_PROBABILITIES}) and is an error
 * naming the model for the others (SVM, perceptron, least-squares classifiers, regressors, ...).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Predict with a model saved by 'mlmp fit --save' and print one JSON object.")
public final class PredictCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--model-file", required = true, paramLabel = "FILE", description = "A model file written by mlmp fit --save.")
  Path modelFile;

  @Option(names = "--images", paramLabel = "DIR|IDX", description = "Predict images instead of CSV rows (networks):"
      + " a folder of PNG/JPEG/BMP images (or of class folders), or an IDX images file; preprocessed as the model was"
      + " trained.")
  Path images;

  @Option(names = "--data", paramLabel = "FILE", description = "Rows to predict (header; features matched by name).")
  Path data;

  @Option(names = "--probabilities", description = "Also print class probabilities (logistic, classifier networks),"
      + " GMM responsibilities or a policy's action probabilities.")
  boolean probabilities;
  @Mixin CsvOptionsMixin csv;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((data == null) == (images == null)) {
      throw new IllegalArgumentException(data == null ? "--data FILE (a CSV) or --images DIR|IDX is required."
          : "--data and --images exclude each other: give the CSV or the images.");
    }
    Mlmp.init();
    ModelState state = ModelFile.readState(modelFile);
    Model model = ModelFile.load(modelFile);
    if (images != null) {
      if (!(model instanceof NeuralNetModel net)) {
        throw new IllegalArgumentException("--images needs a network model file; " + modelFile + " holds a "
            + state.type() + ". Predict it with --data CSV.");
      }
      ImageInputs.ImageRows rows = ImageInputs.readForPredict(images, net, modelFile);
      ObjectNode json = Cli.object();
      json.put("model", state.type());
      json.put("output", Predictions.output(model));
      rows.sources().forEach(json.putArray("files")::add);
      Predictions.put(model, rows.x(), json);
      if (probabilities) Predictions.putProbabilities(model, state.type(), rows.x(), json);
      Cli.printJson(spec.commandLine().getOut(), json);
      return 0;
    }
    List<String> names = ModelFile.readFeatureNames(modelFile);
    // columns other than the model's features (e.g. a target of class names) may hold anything
    CsvTable table = names != null ? CsvTable.readFeatures(data, csv.options(), names) : CsvTable.read(data, csv.options());
    Dataset x;
    if (names != null) {
      x = table.select(names);
    } else if (table.columns().size() == model.nFeatures()) {
      x = table.toUnlabeled();
    } else {
      throw new IllegalArgumentException("the model " + modelFile + " was saved without feature names and takes "
          + model.nFeatures() + " features, but " + data + " has " + table.columns().size() + " columns "
          + table.columns() + ".");
    }
    ObjectNode json = Cli.object();
    json.put("model", state.type());
    json.put("output", Predictions.output(model));
    Predictions.put(model, x.x(), json);
    if (probabilities) Predictions.putProbabilities(model, state.type(), x.x(), json);
    Cli.printJson(spec.commandLine().getOut(), json);
    return 0;
  }
}
