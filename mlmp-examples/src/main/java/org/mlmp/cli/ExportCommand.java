package org.mlmp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mlmp.Mlmp;
import org.mlmp.api.Model;
import org.mlmp.io.ModelFile;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp export --model-file FILE --onnx OUT.onnx}: writes a saved neural network as an ONNX file
 * (opset {@value OnnxExport#OPSET}, see {@link OnnxExport}: the layers, the input scaling, the reshape of flat
 * rows to NCHW), so it runs outside Java, e.g. in ONNX Runtime. The file is written atomically; when the
 * command fails nothing is written. Prints one JSON object: {@code "model"} (the model file's type),
 * {@code "onnx"} (the file written), {@code "opset"}, {@code "input"} / {@code "output"} (name and shape,
 * N = any batch size) and {@code "classes"} for classifiers (the order of the output's columns).
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Export a saved neural network to ONNX (opset " + OnnxExport.OPSET + ") and print one JSON object.")
public final class ExportCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--model-file", required = true, paramLabel = "FILE",
      description = "A network model file (.mlmp), e.g. the model.mlmp that mlmp mnist writes.")
  Path modelFile;

  @Option(names = "--onnx", required = true, paramLabel = "FILE",
      description = "The ONNX file to write (replaced if it exists; nothing is written if the command fails).")
  Path onnx;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Mlmp.init();
    String type = ModelFile.readState(modelFile).type();
    Model model = ModelFile.load(modelFile);
    if (!(model instanceof NeuralNetModel net)) {
      throw new IllegalArgumentException(modelFile + " holds a '" + type + "' model ("
          + model.getClass().getSimpleName() + "), which cannot be exported to ONNX: only neural networks (type "
          + "'nn.network', a NeuralNetModel, as mlmp mnist and mlmp fashion-mnist save) can. Give the model file of a "
          + "network.");
    }
    OnnxExport.write(net, onnx);
    ObjectNode json = Cli.object();
    json.put("model", type);
    json.put("onnx", onnx.toAbsolutePath().toString());
    json.put("opset", OnnxExport.OPSET);
    ObjectNode in = json.putObject("input").put("name", OnnxExport.INPUT);
    in.putArray("shape").add("N").add(net.nFeatures());
    ObjectNode out = json.putObject("output").put("name", OnnxExport.OUTPUT);
    out.putArray("shape").add("N").add(net.network().outputShape().size());
    if (net.network().classifies()) {
      var classes = json.putArray("classes");
      for (double c : net.classes()) classes.add(c);
    }
    Cli.printJson(spec.commandLine().getOut(), json);
    return 0;
  }
}
