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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp predict --model-file FILE --data new.csv}: predictions of a model saved with
 * {@code mlmp fit --save} (any regressor or classifier), one per row of the CSV. The CSV's columns are
 * matched by name to the features the model was fitted on (extra columns, e.g. the target, are ignored);
 * a model saved without feature names needs exactly its number of columns, taken in file order.
 * Prints one JSON object: {@code "model"} (the model file's type) and {@code "predictions"} (class
 * labels in their original values for classifiers).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Predict with a model saved by 'mlmp fit --save' and print one JSON object.")
public final class PredictCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--model-file", required = true, paramLabel = "FILE", description = "A model file written by mlmp fit --save.")
  Path modelFile;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Rows to predict (header; features matched by name).")
  Path data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Mlmp.init();
    ModelState state = ModelFile.readState(modelFile);
    Model model = ModelFile.load(modelFile);
    List<String> names = ModelFile.readFeatureNames(modelFile);
    CsvTable table = CsvTable.read(data);
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
    LinearFitPlugin.putPredictions(model, x, json);
    Cli.printJson(spec.commandLine().getOut(), json);
    return 0;
  }
}
