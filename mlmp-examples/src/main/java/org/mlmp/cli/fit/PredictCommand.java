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
import org.mlmp.data.Dataset;
import org.mlmp.io.ModelFile;
import org.mlmp.io.ModelState;
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
 * <p>Prints one JSON object: {@code "model"} (the model file's type), {@code "output"} (what the predictions are)
 * and {@code "predictions"}, one per row, as {@link Predictions} lists per kind: values for regressors, class
 * labels in their original values for classifiers, cluster labels for k-means, cluster labels and
 * {@code "logDensity"} for a Gaussian mixture, the projection for PCA / kernel PCA. {@code --probabilities} adds
 * {@code "probabilities"} for the models that have them ({@link Predictions#WITH_PROBABILITIES}) and is an error
 * naming the model for the others (SVM, perceptron, least-squares classifiers, regressors, ...).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Predict with a model saved by 'mlmp fit --save' and print one JSON object.")
public final class PredictCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--model-file", required = true, paramLabel = "FILE", description = "A model file written by mlmp fit --save.")
  Path modelFile;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Rows to predict (header; features matched by name).")
  Path data;

  @Option(names = "--probabilities", description = "Also print class probabilities (logistic, classifier networks),"
      + " GMM responsibilities or a policy's action probabilities.")
  boolean probabilities;
  @Mixin CsvOptionsMixin csv;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Mlmp.init();
    ModelState state = ModelFile.readState(modelFile);
    Model model = ModelFile.load(modelFile);
    List<String> names = ModelFile.readFeatureNames(modelFile);
    CsvTable table = CsvTable.read(data, csv.options());
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
